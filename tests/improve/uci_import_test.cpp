#include "improve/uci_import.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <sstream>

#include "improve/import_command.hpp"
#include "improve/kpi.hpp"
#include "improve/progress.hpp"
#include "improve/uci_fixture.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

using uci::ImportIncidentLog;
using uci::ImportSummary;

Json FindTicket(TestApp& app, const std::string& ref) {
  auto page = app.records->List(Actor::System(), "tickets", {{"external_ref", ref}});
  if (!page || page->items.size() != 1) return Json();
  return page->items.front();
}

int64_t CountOf(TestApp& app, const std::string& type, ListParams params = {}) {
  auto page = app.records->List(Actor::System(), type, params);
  return page ? page->total : -1;
}

// The history entries of one field, in order: [{"at", "old", "new"}, ...].
std::vector<Json> FieldHistory(TestApp& app, int64_t id, const std::string& field) {
  std::vector<Json> out;
  auto h = app.records->History(Actor::System(), "tickets", id);
  if (!h) return out;
  std::vector<std::pair<int64_t, Json>> found;  // by version: the service lists newest first
  for (const auto& e : (*h)["items"])
    if (e["field"] == field)
      found.push_back({e["version"].get<int64_t>(), {{"at", e["at"]}, {"old", e["old"]}, {"new", e["new"]}}});
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [v, e] : found) out.push_back(std::move(e));
  return out;
}

class UciImport : public ::testing::Test {
 protected:
  std::filesystem::path Fixture() { return WriteFile(app.dir / "uci.csv", UciFixture()); }
  Result<ImportSummary> Import(const std::filesystem::path& path, const uci::ImportOptions& options = {}) {
    return ImportIncidentLog(*app.records, *app.store, path.string(), options);
  }
  TestApp app;
};

TEST(UciParse, EventTimesAreDayFirstAndUtc) {
  EXPECT_EQ(FormatTime(*uci::ParseEventTime("29/2/2016 01:16")), "2016-02-29T01:16:00Z");
  EXPECT_EQ(FormatTime(*uci::ParseEventTime("5/03/2016 12:00")), "2016-03-05T12:00:00Z");
  for (const char* bad : {"31/2/2016 10:00", "5/3/2016 25:00", "5/3/16 10:00", "?", "", "5/3/2016", "5/3/2016 10:00x",
                          "5-3-2016 10:00", "5/13/2016 10:00"})
    EXPECT_FALSE(uci::ParseEventTime(bad)) << bad;
  EXPECT_EQ(uci::LoginFor("Resolver 10"), "uci.resolver.10");
  EXPECT_EQ(uci::LoginFor("Opened by  8"), "uci.opened.by.8");
}

TEST(UciProgress, LineShowsShareCountsAndTime) {
  std::ostringstream out;
  ProgressBar bar(out, true, 141712, "rows");
  EXPECT_EQ(bar.Line(68000, 12.34), "[####......]  47% 68,000/141,712 rows 12.3 s");
  EXPECT_EQ(GroupThousands(1000000), "1,000,000");
  EXPECT_EQ(GroupThousands(999), "999");
  ProgressBar silent(out, false, 10, "rows");
  silent.Update(5);
  silent.Finish();
  EXPECT_EQ(out.str(), "");
}

TEST_F(UciImport, ImportsTicketsWithTheirSourceValues) {
  auto s = Import(Fixture());
  ASSERT_TRUE(s) << s.error().code << " " << s.error().params.dump();
  EXPECT_EQ(s->rows_read, 16);
  EXPECT_EQ(s->incidents_imported, 4);
  EXPECT_EQ(s->incidents_skipped, 0);
  EXPECT_EQ(s->incidents_failed, 0);
  EXPECT_EQ(s->users_created, 2);

  const Json a = FindTicket(app, "INC0000001");
  ASSERT_FALSE(a.is_null());
  EXPECT_EQ(a["title"], "INC0000001 — Category 1 / Subcategory 7");
  EXPECT_EQ(a["kind"], "incident");
  EXPECT_EQ(a["source"], "uci-incident-log");
  EXPECT_EQ(a["status"], "closed");
  EXPECT_EQ(a["priority"], "medium");
  EXPECT_EQ(a["impact"], "medium");
  EXPECT_EQ(a["assignment_group"], "Group 1");
  EXPECT_EQ(a["sla_breached"], false);
  EXPECT_EQ(a["created_at"], "2016-03-01T08:00:00Z");
  EXPECT_EQ(a["updated_at"], "2016-03-06T12:00:00Z");
  EXPECT_EQ(a["resolved_at"], "2016-03-01T12:00:00Z");
  EXPECT_EQ(a["closed_at"], "2016-03-06T12:00:00Z");
  EXPECT_EQ(a["reassignment_count"], 0);

  const Json b = FindTicket(app, "INC0000002");
  EXPECT_EQ(b["status"], "resolved");
  EXPECT_EQ(b["priority"], "critical");
  EXPECT_EQ(b["impact"], "high");
  EXPECT_EQ(b["urgency"], "high");
  EXPECT_EQ(b["reassignment_count"], 1);
  EXPECT_EQ(b["reopen_count"], 1);
  EXPECT_EQ(b["sla_breached"], true);
  EXPECT_EQ(b["resolved_at"], "2016-03-04T10:00:00Z");
  EXPECT_TRUE(b["closed_at"].is_null());

  const Json c = FindTicket(app, "INC0000003");
  EXPECT_EQ(c["status"], "in_progress");
  EXPECT_EQ(c["created_at"], "2016-03-05T09:00:00Z");
  EXPECT_TRUE(c["resolved_at"].is_null());  // the source's resolved_at is kept only once resolved

  // Resolvers become users who cannot log in.
  auto users = app.records->List(Actor::System(), "users", {{"login", "uci.resolver.11"}});
  ASSERT_TRUE(users);
  ASSERT_EQ(users->items.size(), 1u);
  const Json r11 = users->items.front();
  EXPECT_EQ(r11["display_name"], "Resolver 11");
  EXPECT_EQ(r11["role"], "agent");
  EXPECT_EQ(r11["active"], false);
  EXPECT_EQ(b["assignee"], r11["id"]);
  EXPECT_EQ(c["assignee"], r11["id"]);
}

TEST_F(UciImport, HistoryRecordsEachChangeAtItsSourceTime) {
  ASSERT_TRUE(Import(Fixture()));
  const Json b = FindTicket(app, "INC0000002");
  const int64_t id = b["id"].get<int64_t>();
  // Rows 6 and 7 are out of order in the file: sys_mod_count puts New first.
  const std::vector<Json> status = FieldHistory(app, id, "status");
  ASSERT_EQ(status.size(), 4u);
  EXPECT_EQ(status[0], (Json{{"at", "2016-03-02T11:00:00Z"}, {"old", "new"}, {"new", "in_progress"}}));
  EXPECT_EQ(status[1], (Json{{"at", "2016-03-03T10:00:00Z"}, {"old", "in_progress"}, {"new", "resolved"}}));
  EXPECT_EQ(status[2], (Json{{"at", "2016-03-03T12:00:00Z"}, {"old", "resolved"}, {"new", "in_progress"}}));
  EXPECT_EQ(status[3], (Json{{"at", "2016-03-04T10:00:00Z"}, {"old", "in_progress"}, {"new", "resolved"}}));

  auto r10 = app.records->List(Actor::System(), "users", {{"login", "uci.resolver.10"}});
  auto r11 = app.records->List(Actor::System(), "users", {{"login", "uci.resolver.11"}});
  const std::vector<Json> assignee = FieldHistory(app, id, "assignee");
  ASSERT_EQ(assignee.size(), 1u);
  EXPECT_EQ(assignee[0], (Json{{"at", "2016-03-02T11:00:00Z"},
                               {"old", r10->items.front()["id"]},
                               {"new", r11->items.front()["id"]}}));
  const std::vector<Json> reassignments = FieldHistory(app, id, "reassignment_count");
  ASSERT_EQ(reassignments.size(), 1u);
  EXPECT_EQ(reassignments[0]["old"], 0);
  EXPECT_EQ(reassignments[0]["new"], 1);
  const std::vector<Json> sla = FieldHistory(app, id, "sla_breached");
  ASSERT_EQ(sla.size(), 1u);
  EXPECT_EQ(sla[0], (Json{{"at", "2016-03-03T10:00:00Z"}, {"old", false}, {"new", true}}));
  const std::vector<Json> resolved = FieldHistory(app, id, "resolved_at");
  ASSERT_EQ(resolved.size(), 3u);  // set, cleared by the reopening, set again
  EXPECT_TRUE(resolved[1]["new"].is_null());

  // Only what changed is written: the title and category never changed, so no entry for them.
  EXPECT_TRUE(FieldHistory(app, id, "title").empty());
  EXPECT_TRUE(FieldHistory(app, id, "category").empty());
  auto h = app.records->History(Actor::System(), "tickets", id);
  ASSERT_TRUE(h);
  for (const auto& e : (*h)["items"]) EXPECT_EQ(e["login"], "system");
  EXPECT_EQ(b["version"], 5);  // created, then four events that changed something
}

TEST_F(UciImport, RefusedRowsAreReportedWithLineAndReason) {
  auto s = Import(Fixture());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rows_refused, 3);
  ASSERT_EQ(s->refused.size(), 3u);
  EXPECT_EQ(s->refused.at("unknown_state").count, 1);
  EXPECT_EQ(s->refused.at("unknown_state").example_lines, std::vector<int64_t>{kLineUnknownState});
  EXPECT_EQ(s->refused.at("bad_date:sys_updated_at").example_lines, std::vector<int64_t>{kLineBadDate});
  EXPECT_EQ(s->refused.at("field_count").example_lines, std::vector<int64_t>{kLineFieldCount});
  const std::string text = uci::FormatSummary(*s);
  EXPECT_NE(text.find("unknown_state: 1 (lines 11)"), std::string::npos) << text;
  EXPECT_NE(text.find("rows read:          16"), std::string::npos) << text;
}

TEST_F(UciImport, SecondImportChangesNothing) {
  const auto path = Fixture();
  ASSERT_TRUE(Import(path));
  const std::vector<Json> before = app.records->List(Actor::System(), "tickets", {{"limit", "100"}})->items;
  auto h_before = app.records->History(Actor::System(), "tickets", FindTicket(app, "INC0000002")["id"].get<int64_t>());
  const int64_t users_before = CountOf(app, "users");

  auto again = Import(path);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->incidents_imported, 0);
  EXPECT_EQ(again->incidents_skipped, 4);
  EXPECT_EQ(again->users_created, 0);
  EXPECT_EQ(app.records->List(Actor::System(), "tickets", {{"limit", "100"}})->items, before);
  EXPECT_EQ(*app.records->History(Actor::System(), "tickets", FindTicket(app, "INC0000002")["id"].get<int64_t>()),
            *h_before);
  EXPECT_EQ(CountOf(app, "users"), users_before);
}

TEST_F(UciImport, ReadsGzipToo) {
  const auto path = app.dir / "uci.csv.gz";
  const std::string text = UciFixture();
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())), static_cast<int>(text.size()));
  gzclose(gz);
  auto s = Import(path);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->rows_read, 16);
  EXPECT_EQ(s->incidents_imported, 4);
}

TEST_F(UciImport, FailureLeavesTheDatabaseAsItWas) {
  const int64_t users_before = CountOf(app, "users");
  uci::ImportOptions cancel_after_first;
  cancel_after_first.on_progress = [](int64_t done, int64_t) { return done < 4; };
  auto s = Import(Fixture(), cancel_after_first);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, "import.cancelled");
  EXPECT_EQ(CountOf(app, "tickets"), 0);
  EXPECT_EQ(CountOf(app, "users"), users_before);
  // And the service's clock is its own again.
  EXPECT_EQ(&app.records->clock(), &app.clock);
}

TEST_F(UciImport, RefusesMissingFilesAndForeignHeaders) {
  auto missing = Import(app.dir / "nope.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "import.cannot_open");
  auto foreign = Import(WriteFile(app.dir / "other.csv", "id;title\n1;x\n"));
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, "import.bad_header");
}

TEST_F(UciImport, CommandPrintsTheSummaryAndIsIdempotent) {
  const auto path = Fixture();
  std::ostringstream out, err;
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "uci-incident-log", path.string(), "", out, err), 0) << err.str();
  EXPECT_NE(out.str().find("incidents imported: 4"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("field_count: 1 (lines 15)"), std::string::npos) << out.str();
  std::ostringstream out2;
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "uci-incident-log", path.string(), "", out2, err), 0);
  EXPECT_NE(out2.str().find("incidents imported: 0"), std::string::npos) << out2.str();
  EXPECT_NE(out2.str().find("incidents skipped:  4"), std::string::npos) << out2.str();
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "csv", path.string(), "", out, err), 2);
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "uci-incident-log", (app.dir / "nope").string(), "", out, err), 1);
}

}  // namespace
}  // namespace boucle::testing
