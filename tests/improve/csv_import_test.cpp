// Generic CSV import with GLPI's ticket export as the example: the mapping of examples/, the
// hand-made fixture of tests/improve/fixtures (semicolons, French dates and values, a quoted
// multi-line title) and every kind of refusal and failure.
#include "improve/csv_import.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "improve/import_command.hpp"
#include "support/test_app.hpp"

namespace boucle::testing {
namespace {

const std::string kFixture = BOUCLE_SOURCE_DIR "/tests/improve/fixtures/glpi_tickets.csv";
const std::string kMapping = BOUCLE_SOURCE_DIR "/examples/glpi-tickets.mapping.json";

Json MappingJson() {
  std::ifstream in(kMapping);
  std::stringstream s;
  s << in.rdbuf();
  return Json::parse(s.str());
}

class CsvImport : public ::testing::Test {
 protected:
  const TypeSpec& tickets() { return *app.registry.Find("tickets"); }
  Result<csv::ImportSummary> Import(const Json& mapping, const std::string& path = kFixture,
                                    const csv::ImportOptions& options = {}) {
    auto m = csv::ParseMapping(mapping, tickets());
    if (!m) return Fail(m.error());
    return csv::ImportCsv(*app.records, *app.store, *m, path, options);
  }
  int64_t Count(const std::string& type) {
    auto page = app.records->List(Actor::System(), type, {{"limit", "1"}});
    return page ? page->total : -1;
  }
  Json Ticket(const std::string& ref) {
    auto page = app.records->List(Actor::System(), "tickets", {{"external_ref", ref}});
    return page && page->items.size() == 1 ? page->items[0] : Json();
  }
  TestApp app;
};

TEST_F(CsvImport, GlpiExportWithRefusalsNamingLineAndColumn) {
  auto s = Import(MappingJson());
  ASSERT_TRUE(s) << s.error().code << " " << s.error().field;
  EXPECT_EQ(s->rows_read, 8);
  EXPECT_EQ(s->imported, 5);
  EXPECT_EQ(s->refused, 3);
  EXPECT_EQ(s->users_created, 2);         // Luc Bernard, Sophie Petit
  EXPECT_EQ(s->stakeholders_created, 2);  // Jeanne Martin, Paul Durand
  ASSERT_EQ(s->reasons.size(), 3u);
  EXPECT_EQ(s->reasons["unknown_value [Statut]"].example_lines, std::vector<int64_t>{6});
  EXPECT_EQ(s->reasons["bad_date [Date d'ouverture]"].example_lines, std::vector<int64_t>{7});
  EXPECT_EQ(s->reasons["empty [Titre]"].example_lines, std::vector<int64_t>{8});

  const Json vpn = Ticket("glpi-102");
  EXPECT_EQ(vpn["title"], "VPN : connexion refusée; code 809");
  EXPECT_EQ(vpn["status"], "assigned");
  EXPECT_EQ(vpn["priority"], "high");
  EXPECT_EQ(vpn["category"], "Réseau > VPN");
  EXPECT_EQ(vpn["source"], "glpi");
  EXPECT_EQ(vpn["created_at"], "2026-11-04T13:02:00Z");  // 14:02 in Paris, an hour ahead of UTC
  EXPECT_FALSE(vpn["assignee"].is_null());
  EXPECT_FALSE(vpn["requester"].is_null());
  EXPECT_EQ(Ticket("glpi-103")["priority"], "critical");
  EXPECT_EQ(Ticket("glpi-104")["created_at"], "2026-11-06T09:00:00Z");  // the second date format
  EXPECT_EQ(Ticket("glpi-108")["title"], "Texte sur\ndeux lignes");
  EXPECT_EQ(Ticket("glpi-108")["kind"], "incident");
}

TEST_F(CsvImport, ImportingAgainSkipsWhatIsThere) {
  ASSERT_TRUE(Import(MappingJson()));
  auto again = Import(MappingJson());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->skipped, 5);
  EXPECT_EQ(again->users_created, 0);
  EXPECT_EQ(Count("tickets"), 5);
}

TEST_F(CsvImport, AFailedImportLeavesTheDatabaseAsItWas) {
  const int64_t users = Count("users");
  // Cancelled after three rows: the two people and tickets already written are rolled back.
  auto cancelled = Import(MappingJson(), kFixture, {[](int64_t done, int64_t) { return done < 3; }});
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().code, "import.cancelled");
  EXPECT_EQ(Count("tickets"), 0);
  EXPECT_EQ(Count("stakeholders"), 0);
  EXPECT_EQ(Count("users"), users);
  // A column the mapping names but the file lacks: nothing written, the mapping field named.
  Json m = MappingJson();
  m["columns"]["category"] = "Catégorie ITIL";
  auto missing = Import(m);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "import.missing_column");
  EXPECT_EQ(missing.error().field, "columns.category");
  EXPECT_EQ(missing.error().params["column"], "Catégorie ITIL");
  EXPECT_EQ(Count("tickets"), 0);
  // An unterminated quote names its line.
  const auto broken = app.dir / "broken.csv";
  std::ofstream(broken) << "ID;Titre\n1;\"ouvert\n2;x\n";
  auto quote = Import(m, broken.string());
  ASSERT_FALSE(quote);
  EXPECT_EQ(quote.error().code, "import.unterminated_quote");
  EXPECT_EQ(quote.error().params["line"], 2);
}

TEST_F(CsvImport, MappingErrorsNameTheMappingField) {
  const std::vector<std::pair<std::function<void(Json&)>, std::string>> cases{
      {[](Json& m) { m["columns"]["colour"] = "Couleur"; }, "columns.colour"},
      {[](Json& m) { m["columns"]["status"]["values"]["Nouveau"] = "fresh"; },
       "columns.status.values.Nouveau"},
      {[](Json& m) { m["columns"]["priority"]["values"]["Haute"] = "urgent"; },
       "columns.priority.values.Haute"},
      {[](Json& m) { m.erase("external_id"); }, "external_id"},
      {[](Json& m) { m["delimiter"] = ";;"; }, "delimiter"},
      {[](Json& m) { m["columns"]["title"]["colum"] = "Titre"; }, "columns.title.colum"},
      {[](Json& m) { m["columns"]["external_ref"] = "ID"; }, "columns.external_ref"},
      {[](Json& m) { m["defaults"]["colour"] = "red"; }, "defaults.colour"},
      {[](Json& m) { m["date_formats"] = 3; }, "date_formats"},
  };
  for (const auto& [change, field] : cases) {
    Json m = MappingJson();
    change(m);
    auto parsed = csv::ParseMapping(m, tickets());
    ASSERT_FALSE(parsed) << field;
    EXPECT_EQ(parsed.error().field, field);
  }
}

TEST_F(CsvImport, DatesAndCsvParsing) {
  EXPECT_EQ(csv::ParseDate("3-11-2026 9:05", "%d-%m-%Y %H:%M", 0), ParseTime("2026-11-03T09:05:00Z"));
  EXPECT_EQ(csv::ParseDate("2026-11-03 09:05:30", "%Y-%m-%d %H:%M:%S", 60),
            ParseTime("2026-11-03T08:05:30Z"));
  EXPECT_FALSE(csv::ParseDate("31-11-2026 09:00", "%d-%m-%Y %H:%M", 0));
  EXPECT_FALSE(csv::ParseDate("03-11-2026", "%d-%m-%Y %H:%M", 0));
  auto rows = csv::ParseCsv("a;\"b \"\"c\"\"\"\r\n\r\n1;\"x\ny\"\n", ';');
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].cells[1], "b \"c\"");
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[1].cells[1], "x\ny");
}

TEST_F(CsvImport, CommandPrintsTheSummary) {
  std::ostringstream out, err;
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "csv", kFixture, kMapping, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("tickets imported:     5"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("unknown_value [Statut]: 1 (lines 6)"), std::string::npos) << out.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(RunImportCommand(*app.records, *app.store, "csv", kFixture, "/nonexistent.json", out2, err2), 1);
  EXPECT_NE(err2.str().find("nothing was written"), std::string::npos) << err2.str();
}

}  // namespace
}  // namespace boucle::testing
