#include "app/demo.hpp"
#include "app/demo_fixture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/registry.hpp"
#include "auth/password.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle {
namespace {

using testing::LoadInto;
using testing::Loaded;
using testing::All;
using testing::TempDb;

using namespace std::chrono;

// A Wednesday morning, so that the day's tickets are still arriving.
const TimePoint kNow = TimePoint{sys_days{2026y / March / 4}} + hours{10} + minutes{37};




std::map<std::string, int64_t> CountBy(Store& store, const Registry& registry, const std::string& type,
                                       const std::string& field) {
  std::map<std::string, int64_t> out;
  auto st = store.Run(TxMode::kRead, [&](Tx& tx) -> Status {
    auto groups = tx.CountBy(*registry.Find(type), ListQuery{}, field);
    if (!groups) return Fail(groups.error());
    for (const auto& g : *groups) out[g.key.is_string() ? g.key.get<std::string>() : g.key.dump()] = g.count;
    return {};
  });
  EXPECT_TRUE(st.has_value()) << (st ? "" : st.error().code);
  return out;
}

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new Registry(BuildRegistry());
    db_ = new TempDb("a");
    loaded_ = new Loaded(LoadInto(*registry_, db_->path(), DemoOptions{.now = kNow}));
  }
  static void TearDownTestSuite() {
    delete loaded_;
    delete db_;
    delete registry_;
  }
  Store& store() { return *loaded_->store; }
  std::vector<Json> All(const std::string& type, std::vector<Filter> filters = {}) {
    return boucle::All(store(), *registry_, type, std::move(filters));
  }

  static Registry* registry_;
  static TempDb* db_;
  static Loaded* loaded_;
};

Registry* DemoTest::registry_ = nullptr;
TempDb* DemoTest::db_ = nullptr;
Loaded* DemoTest::loaded_ = nullptr;

// The time is printed, not asserted: speed belongs to the benchmarks, and a busy CI machine
// must not turn a correct load red.
TEST_F(DemoTest, Loads) {
  ASSERT_TRUE(loaded_->store);
  std::printf("[ demo     ] loaded in %.2f s\n", loaded_->seconds);
}

TEST_F(DemoTest, VolumesAreBelievable) {
  ASSERT_TRUE(loaded_->store);
  const auto tickets = All("tickets");
  std::printf(
      "[ demo     ] users %zu, services %zu, stakeholders %zu, tickets %zu, feedback %zu, improvements %zu, "
      "links %zu\n",
      All("users").size(), All("services").size(), All("stakeholders").size(), tickets.size(),
      All("feedback").size(), All("improvements").size(), All("links").size());
  EXPECT_EQ(All("users").size(), 10u);
  EXPECT_EQ(All("services").size(), 12u);
  EXPECT_GE(All("stakeholders").size(), 20u);
  EXPECT_LE(All("stakeholders").size(), 35u);
  EXPECT_GE(tickets.size(), 2800u);
  EXPECT_LE(tickets.size(), 4200u);
  EXPECT_GE(All("feedback").size(), 50u);
  EXPECT_LE(All("feedback").size(), 80u);
  EXPECT_GE(All("improvements").size(), 6u);

  // Nothing is dated after `now`, and the first ticket is about a year old.
  const std::string now = FormatTime(kNow);
  for (const auto& type : {"tickets", "feedback", "improvements", "links", "services"})
    for (const auto& r : All(type)) ASSERT_LE(r.at("updated_at").get<std::string>(), now) << type << r.dump();
  EXPECT_LE(tickets.front().at("created_at").get<std::string>(), FormatTime(kNow - days{360}));

  // Mostly closed, some SLA breaches, a few reopened and reassigned.
  int64_t closed = 0, breached = 0, reopened = 0, reassigned = 0;
  for (const auto& t : tickets) {
    closed += t.at("status") == "closed";
    breached += t.at("sla_breached") == true;
    reopened += t.value("reopen_count", 0) > 0;
    reassigned += t.value("reassignment_count", 0) > 0;
  }
  std::printf("[ demo     ] closed %ld, SLA breached %ld, reopened %ld, reassigned %ld\n",
              static_cast<long>(closed), static_cast<long>(breached), static_cast<long>(reopened),
              static_cast<long>(reassigned));
  const auto n = static_cast<int64_t>(tickets.size());
  EXPECT_GT(closed, n * 8 / 10);
  EXPECT_GT(breached, n / 50);
  EXPECT_LT(breached, n / 4);
  EXPECT_GT(reopened, 10);
  EXPECT_GT(reassigned, n / 20);
}

TEST_F(DemoTest, TicketsExistInEveryStatus) {
  ASSERT_TRUE(loaded_->store);
  const auto by_status = CountBy(store(), *registry_, "tickets", "status");
  for (const char* status : {"new", "assigned", "in_progress", "pending", "resolved", "closed"})
    EXPECT_GT(by_status.count(status) ? by_status.at(status) : 0, 0) << status;
  const auto by_priority = CountBy(store(), *registry_, "tickets", "priority");
  for (const char* priority : {"critical", "high", "medium", "low"})
    EXPECT_GT(by_priority.count(priority) ? by_priority.at(priority) : 0, 0) << priority;
  const auto by_kind = CountBy(store(), *registry_, "tickets", "kind");
  EXPECT_GT(by_kind.count("incident") ? by_kind.at("incident") : 0, 0);
  EXPECT_GT(by_kind.count("request") ? by_kind.at("request") : 0, 0);
}

TEST_F(DemoTest, EveryAccountExistsWithTheDemoPassword) {
  ASSERT_TRUE(loaded_->store);
  const auto accounts = DemoAccounts();
  ASSERT_EQ(accounts.size(), 10u);
  std::set<std::string> logins;
  for (const auto& a : accounts) logins.insert(a.login);
  for (const char* login : {"admin", "cio", "lead.reseau", "lead.infra", "lead.dev", "agent.martin",
                            "agent.diallo", "finance", "dev.nguyen", "user.durand"})
    EXPECT_TRUE(logins.count(login)) << login;

  const auto stakeholders = All("stakeholders");
  std::string first_hash;
  for (const auto& a : accounts) {
    std::optional<Credentials> creds;
    auto st = store().Run(TxMode::kRead, [&](Tx& tx) -> Status {
      auto c = tx.FindCredentials(a.login);
      if (!c) return Fail(c.error());
      creds = *c;
      return {};
    });
    ASSERT_TRUE(st.has_value());
    ASSERT_TRUE(creds.has_value()) << a.login;
    EXPECT_EQ(creds->role, a.role) << a.login;
    EXPECT_FALSE(creds->password_hash.empty()) << a.login;
    if (first_hash.empty()) {
      first_hash = creds->password_hash;
      EXPECT_TRUE(VerifyPassword(creds->password_hash, kDemoPassword));
      EXPECT_FALSE(VerifyPassword(creds->password_hash, "wrong-password"));
    }
    const auto linked = std::count_if(stakeholders.begin(), stakeholders.end(), [&](const Json& s) {
      return s.at("user_account") == creds->user_id && s.at("stakeholder_group") == a.stakeholder_group;
    });
    EXPECT_EQ(linked, 1) << a.login << " has one stakeholder record of group " << a.stakeholder_group;
  }
}

TEST_F(DemoTest, ImprovementsCoverEveryPhaseAndTraceBackToFeedback) {
  ASSERT_TRUE(loaded_->store);
  const auto improvements = All("improvements");
  std::set<std::string> phases;
  for (const auto& imp : improvements) {
    phases.insert(imp.at("phase").get<std::string>());
    EXPECT_FALSE(imp.at("owner").is_null());
    EXPECT_FALSE(imp.at("service").is_null());
    EXPECT_FALSE(imp.at("kpi").is_null());
    EXPECT_FALSE(imp.at("baseline").is_null());
    EXPECT_FALSE(imp.at("target").is_null());

    const int64_t id = imp.at("id").get<int64_t>();
    const auto origins = All("links", {{"from_type", FilterOp::kEq, "improvements"},
                                       {"from_id", FilterOp::kEq, id},
                                       {"kind", FilterOp::kEq, "originates_from"}});
    ASSERT_EQ(origins.size(), 1u) << imp.dump();
    EXPECT_EQ(origins[0].at("to_type"), "feedback");
    const auto feedback = All("feedback", {{"id", FilterOp::kEq, origins[0].at("to_id")}});
    ASSERT_EQ(feedback.size(), 1u);
    EXPECT_EQ(feedback[0].at("status"), "in_improvement");
    EXPECT_LT(feedback[0].at("created_at").get<std::string>(), imp.at("created_at").get<std::string>());

    const auto measures = All("links", {{"from_type", FilterOp::kEq, "improvements"},
                                        {"from_id", FilterOp::kEq, id},
                                        {"kind", FilterOp::kEq, "measured_by"}});
    EXPECT_GE(measures.size(), 1u) << imp.dump();
    for (const auto& m : measures) {
      EXPECT_EQ(m.at("to_type"), "tickets");
      const auto ticket = All("tickets", {{"id", FilterOp::kEq, m.at("to_id")}});
      ASSERT_EQ(ticket.size(), 1u);
      EXPECT_EQ(ticket[0].at("service"), imp.at("service"));
    }
  }
  for (const char* phase : {"plan", "do", "check", "act", "done"}) EXPECT_TRUE(phases.count(phase)) << phase;
}

TEST_F(DemoTest, ImproveProducesPlansDecisionsProceduresAndOpportunities) {
  ASSERT_TRUE(loaded_->store);
  for (const auto& imp : All("improvements")) {
    EXPECT_FALSE(imp.at("plan").is_null()) << imp.dump();
    EXPECT_GT(imp.at("priority_score").get<double>(), 0) << imp.dump();
  }
  std::set<std::string> levels;
  for (const auto& p : All("improvement_plans")) levels.insert(p.at("level").get<std::string>());
  EXPECT_EQ(levels, (std::set<std::string>{"operational", "strategic"}));

  const auto causes = All("causes");
  std::set<std::string> dimensions;
  int roots = 0, deepest = 0;
  for (const auto& c : causes) {
    dimensions.insert(c.at("dimension").get<std::string>());
    roots += c.at("root_cause").get<bool>() ? 1 : 0;
    deepest = std::max(deepest, static_cast<int>(c.at("depth").get<int64_t>()));
  }
  EXPECT_EQ(dimensions.size(), 4u) << "the cause diagram uses the four ITIL dimensions";
  EXPECT_EQ(roots, 2);
  EXPECT_EQ(deepest, 5);

  const auto procedures = All("procedures", {{"title", FilterOp::kEq, "Diagnostic de niveau 1 des incidents VPN"}});
  ASSERT_EQ(procedures.size(), 1u);
  EXPECT_EQ(procedures[0].at("revision"), 2);
  EXPECT_FALSE(procedures[0].at("changed_by_improvement").is_null());

  std::set<std::string> decisions;
  for (const auto& d : All("portfolio_decisions")) decisions.insert(d.at("decision").get<std::string>());
  EXPECT_EQ(decisions, (std::set<std::string>{"grow", "improve", "keep", "retire"}));

  const auto handed = All("opportunities", {{"status", FilterOp::kEq, "handed_over"}});
  ASSERT_EQ(handed.size(), 1u);
  EXPECT_EQ(handed[0].at("handed_type"), "tickets");
  const auto link = All("links", {{"from_type", FilterOp::kEq, "tickets"},
                                  {"from_id", FilterOp::kEq, handed[0].at("handed_id")},
                                  {"kind", FilterOp::kEq, "originates_from"}});
  ASSERT_EQ(link.size(), 1u);
  EXPECT_EQ(link[0].at("to_type"), "opportunities");
}

TEST_F(DemoTest, RefusesToLoadTwiceIntoTheSameStore) {
  ASSERT_TRUE(loaded_->store);
  SystemClock clock;
  RecordService records(*registry_, store(), clock);
  auto st = LoadDemo(records, store(), DemoOptions{.now = kNow});
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, "demo.not_empty");
  EXPECT_EQ(All("users").size(), 10u);
}

// Two loads from scratch with the same options give the same data; another seed other data.
// (A quarter rather than a year, to keep the suite quick under the sanitizers.)
TEST(DemoDeterminismTest, SameOptionsSameData) {
  const Registry registry = BuildRegistry();
  auto digest = [&](Store& s, const std::string& type, std::vector<std::string> fields) {
    std::vector<std::string> rows;
    for (const auto& r : All(s, registry, type)) {
      std::string row;
      for (const auto& f : fields) row += r.at(f).dump() + "|";
      rows.push_back(row);
    }
    return rows;
  };
  const std::vector<std::string> ticket_fields{"title",    "created_at",  "updated_at", "status",
                                               "assignee", "resolved_at", "closed_at",  "version"};
  const DemoOptions options{.now = kNow, .seed = 42, .ticket_days = 90};
  TempDb db_a("det-a"), db_b("det-b"), db_c("det-c");
  const auto a = LoadInto(registry, db_a.path(), options);
  const auto b = LoadInto(registry, db_b.path(), options);
  ASSERT_TRUE(a.store && b.store);
  const auto ta = digest(*a.store, "tickets", ticket_fields);
  const auto tb = digest(*b.store, "tickets", ticket_fields);
  EXPECT_GT(ta.size(), 500u);
  ASSERT_EQ(ta.size(), tb.size());
  for (size_t i = 0; i < ta.size(); ++i) ASSERT_EQ(ta[i], tb[i]) << "ticket #" << i;
  EXPECT_EQ(digest(*a.store, "feedback", {"summary", "created_at", "status", "ticket"}),
            digest(*b.store, "feedback", {"summary", "created_at", "status", "ticket"}));
  EXPECT_EQ(digest(*a.store, "improvements", {"title", "created_at", "updated_at", "phase"}),
            digest(*b.store, "improvements", {"title", "created_at", "updated_at", "phase"}));
  EXPECT_EQ(digest(*a.store, "links", {"from_id", "kind", "to_type", "to_id"}),
            digest(*b.store, "links", {"from_id", "kind", "to_type", "to_id"}));

  auto other = options;
  other.seed = 7;
  const auto c = LoadInto(registry, db_c.path(), other);
  ASSERT_TRUE(c.store);
  EXPECT_NE(digest(*c.store, "tickets", ticket_fields), ta);
}

// Short periods and an awkward `now` (a Sunday night) still load, and still show every status.
TEST(DemoShortPeriodTest, LoadsAndShowsEveryStatus) {
  const Registry registry = BuildRegistry();
  const TimePoint sunday_night = TimePoint{sys_days{2026y / March / 8}} + hours{3};
  for (int period : {1, 14}) {
    TempDb db("short-" + std::to_string(period));
    const auto loaded =
        LoadInto(registry, db.path(), DemoOptions{.now = sunday_night, .seed = 3, .ticket_days = period});
    ASSERT_TRUE(loaded.store);
    EXPECT_EQ(All(*loaded.store, registry, "users").size(), 10u);
    EXPECT_GE(All(*loaded.store, registry, "improvements").size(), 6u);
    const auto by_status = CountBy(*loaded.store, registry, "tickets", "status");
    if (period == 14) {
      for (const char* status : {"new", "assigned", "in_progress", "pending", "resolved", "closed"}) {
        EXPECT_GT(by_status.count(status) ? by_status.at(status) : 0, 0) << status;
      }
    }
    for (const auto& type : {"tickets", "feedback", "improvements", "links"})
      for (const auto& r : All(*loaded.store, registry, type))
        ASSERT_LE(r.at("updated_at").get<std::string>(), FormatTime(sunday_night)) << type << r.dump();
  }
}

}  // namespace
}  // namespace boucle
