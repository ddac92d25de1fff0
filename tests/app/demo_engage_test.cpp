#include "app/demo_engage.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "app/demo_fixture.hpp"
#include "app/registry.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle {
namespace {

using testing::All;
using testing::TempDb;

using namespace std::chrono;

const TimePoint kNow = TimePoint{sys_days{2026y / March / 4}} + hours{10} + minutes{37};

std::unique_ptr<Store> Load(const Registry& registry, const std::string& path, const DemoOptions& options,
                            double* seconds = nullptr) {
  auto loaded = testing::LoadInto(registry, path, options);
  if (seconds) *seconds = loaded.seconds;
  return std::move(loaded.store);
}

class DemoEngageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new Registry(BuildRegistry());
    db_ = new TempDb("engage-year");
    store_ = Load(*registry_, db_->path(), DemoOptions{.now = kNow}, &seconds_).release();
  }
  static void TearDownTestSuite() {
    delete store_;
    delete db_;
    delete registry_;
  }
  std::vector<Json> All(const std::string& type, std::vector<Filter> filters = {}) {
    return boucle::All(*store_, *registry_, type, std::move(filters));
  }

  static Registry* registry_;
  static TempDb* db_;
  static Store* store_;
  static double seconds_;
};

Registry* DemoEngageTest::registry_ = nullptr;
TempDb* DemoEngageTest::db_ = nullptr;
Store* DemoEngageTest::store_ = nullptr;
double DemoEngageTest::seconds_ = 0;

TEST_F(DemoEngageTest, VolumesAreInRange) {
  ASSERT_TRUE(store_);
  const auto roles = All("service_roles"), plans = All("engagement_plans"),
             interactions = All("interactions"), follow_ups = All("follow_ups"), demands = All("demands"),
             changes = All("changes"), projects = All("projects");
  std::printf(
      "[ engage   ] loaded in %.2f s: service_roles %zu, engagement_plans %zu, interactions %zu, follow_ups "
      "%zu, "
      "demands %zu, changes %zu, projects %zu\n",
      seconds_, roles.size(), plans.size(), interactions.size(), follow_ups.size(), demands.size(),
      changes.size(), projects.size());
  EXPECT_GE(roles.size(), 35u);
  EXPECT_LE(roles.size(), 60u);
  EXPECT_GE(plans.size(), 8u);
  EXPECT_LE(plans.size(), 14u);
  EXPECT_GE(interactions.size(), 90u);
  EXPECT_LE(interactions.size(), 170u);
  EXPECT_GE(follow_ups.size(), 30u);
  EXPECT_LE(follow_ups.size(), 60u);
  EXPECT_GE(demands.size(), 20u);
  EXPECT_LE(demands.size(), 35u);
  EXPECT_GE(changes.size(), 5u);
  EXPECT_LE(changes.size(), 10u);
  EXPECT_GE(projects.size(), 3u);
  EXPECT_LE(projects.size(), 6u);

  // Nothing after `now`; every project has a budget; RACI has every letter.
  const std::string now = FormatTime(kNow);
  for (const auto& type : {"service_roles", "engagement_plans", "interactions", "follow_ups", "demands",
                           "changes", "projects", "stakeholders", "links", "tickets"})
    for (const auto& r : All(type)) ASSERT_LE(r.at("updated_at").get<std::string>(), now) << type << r.dump();
  for (const auto& i : interactions) {
    EXPECT_LE(i.at("occurred_at").get<std::string>(), now);
    EXPECT_FALSE(i.at("attendees").empty()) << i.dump();
  }
  for (const auto& p : projects) EXPECT_FALSE(p.at("budget").is_null()) << p.dump();
  std::set<std::string> letters;
  for (const auto& r : roles) letters.insert(r.at("raci").get<std::string>());
  EXPECT_EQ(letters, (std::set<std::string>{"responsible", "accountable", "consulted", "informed"}));

  // Engagement gaps, organisations; overdue open follow-ups.
  int gaps = 0;
  for (const auto& s : All("stakeholders")) {
    EXPECT_FALSE(s.at("organisation").is_null()) << s.dump();
    gaps += s.at("engagement_current") != s.at("engagement_desired");
  }
  EXPECT_GE(gaps, 5);
  int overdue = 0, done = 0;
  for (const auto& f : follow_ups) {
    overdue += f.at("status") == "open" && f.at("due_at").get<std::string>() < now;
    done += f.at("status") == "done";
  }
  EXPECT_GE(overdue, 3);
  EXPECT_GE(done, 10);
}

TEST_F(DemoEngageTest, DemandsInEveryStatusAndRoutedOnesLeadSomewhere) {
  ASSERT_TRUE(store_);
  std::map<std::string, int> by_status;
  std::set<std::string> destinations;
  for (const auto& d : All("demands")) {
    const std::string status = d.at("status").get<std::string>();
    ++by_status[status];
    if (status != "routed" && status != "done") {
      EXPECT_TRUE(d.at("routed_id").is_null()) << d.dump();
      continue;
    }
    ASSERT_FALSE(d.at("routed_type").is_null()) << d.dump();
    ASSERT_FALSE(d.at("routed_id").is_null()) << d.dump();
    EXPECT_FALSE(d.at("destination").is_null()) << d.dump();
    const std::string type = d.at("routed_type").get<std::string>();
    destinations.insert(type);
    const auto target = All(type, {{"id", FilterOp::kEq, d.at("routed_id")}});
    ASSERT_EQ(target.size(), 1u) << d.dump();
    // New work originates from the demand; a demand joining an improvement already under way is
    // related to it (the improvement keeps its single origin, a feedback).
    const auto links =
        All("links", {{"from_type", FilterOp::kEq, type},
                      {"from_id", FilterOp::kEq, d.at("routed_id")},
                      {"kind", FilterOp::kEq, type == "improvements" ? "relates_to" : "originates_from"},
                      {"to_type", FilterOp::kEq, "demands"},
                      {"to_id", FilterOp::kEq, d.at("id")}});
    EXPECT_EQ(links.size(), 1u) << d.dump();
    if (status == "done" && type == "tickets") {
      EXPECT_TRUE(target[0].at("status") == "resolved" || target[0].at("status") == "closed")
          << target[0].dump();
    }
  }
  for (const char* status : {"submitted", "triaged", "routed", "done", "rejected", "merged"})
    EXPECT_GT(by_status[status], 0) << status;
  EXPECT_EQ(destinations, (std::set<std::string>{"tickets", "changes", "projects", "improvements"}));
}

TEST_F(DemoEngageTest, FeedbackTracesToAnImprovementAndItsChange) {
  ASSERT_TRUE(store_);
  const auto implements = All("links", {{"from_type", FilterOp::kEq, "changes"},
                                        {"kind", FilterOp::kEq, "implements"},
                                        {"to_type", FilterOp::kEq, "improvements"}});
  ASSERT_GE(implements.size(), 1u);
  int traced = 0;
  for (const auto& l : implements) {
    ASSERT_EQ(All("changes", {{"id", FilterOp::kEq, l.at("from_id")}}).size(), 1u);
    const auto origin = All("links", {{"from_type", FilterOp::kEq, "improvements"},
                                      {"from_id", FilterOp::kEq, l.at("to_id")},
                                      {"kind", FilterOp::kEq, "originates_from"},
                                      {"to_type", FilterOp::kEq, "feedback"}});
    traced += origin.size() == 1;
  }
  EXPECT_GE(traced, 1);
  std::set<std::string> statuses;
  for (const auto& c : All("changes")) statuses.insert(c.at("status").get<std::string>());
  for (const char* s : {"approved", "scheduled", "implemented"}) EXPECT_TRUE(statuses.count(s)) << s;
}

TEST_F(DemoEngageTest, IdeasHaveVotesAndCommentsAndApprovalsFollowConsultations) {
  ASSERT_TRUE(store_);
  const auto votes = All("votes");
  const auto comments = All("comments");
  EXPECT_GE(votes.size(), 5u);
  EXPECT_GE(comments.size(), 3u);
  std::set<std::string> keys;
  for (const auto& v : votes)
    EXPECT_TRUE(keys.insert(v.at("voter_key").get<std::string>()).second) << v.dump();
  for (const auto& v : votes) {
    const auto idea = All("demands", {{"id", FilterOp::kEq, v.at("idea")}});
    ASSERT_EQ(idea.size(), 1u);
    EXPECT_EQ(idea[0].at("kind"), "idea");
  }
  // Every change or project at or past approval has a settled consultation for each one asked.
  const auto consultations = All("consultations");
  EXPECT_GE(consultations.size(), 3u);
  std::set<std::string> states;
  for (const auto& c : consultations) states.insert(c.at("status").get<std::string>());
  EXPECT_TRUE(states.count("answered"));
  for (const auto& c : All("changes")) {
    if (c.at("status") == "draft" || c.at("status") == "assessment" || c.at("service").is_null()) continue;
    for (const auto& k : All("consultations", {{"change", FilterOp::kEq, c.at("id")}}))
      EXPECT_NE(k.at("status"), "requested") << c.dump();
  }
  const auto merged = All("demands", {{"status", FilterOp::kEq, "merged"}});
  ASSERT_EQ(merged.size(), 1u);
  const auto kept = All("demands", {{"id", FilterOp::kEq, merged[0].at("duplicate_of")}});
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].at("requesters"), nlohmann::json::array({merged[0].at("requester")}));
}

// Same options, same engagement data (a quarter, to stay quick under the sanitizers).
TEST(DemoEngageDeterminismTest, SameOptionsSameData) {
  const Registry registry = BuildRegistry();
  const DemoOptions options{.now = kNow, .seed = 42, .ticket_days = 90};
  TempDb db_a("engage-det-a"), db_b("engage-det-b");
  auto a = Load(registry, db_a.path(), options);
  auto b = Load(registry, db_b.path(), options);
  ASSERT_TRUE(a && b);
  auto digest = [&](Store& s, const std::string& type) {
    std::vector<std::string> rows;
    for (auto r : All(s, registry, type)) rows.push_back(r.dump());
    return rows;
  };
  for (const char* type : {"stakeholders", "service_roles", "engagement_plans", "interactions", "follow_ups",
                           "demands", "changes", "projects", "links", "votes", "comments", "consultations"}) {
    const auto da = digest(*a, type);
    EXPECT_FALSE(da.empty()) << type;
    EXPECT_EQ(da, digest(*b, type)) << type;
  }
}

}  // namespace
}  // namespace boucle
