// bench_kpi: KPI times over a database, each against a bare SQL aggregate over the same table in
// the same run; a generated ticket set of any size; the CSV import's speed. Built from the root
// project only (it links boucle_core). Loops are bounded by --repeat and by --max-seconds.
//
//   bench_kpi generate --db FILE --tickets N       a new database with N tickets and N/20 feedback
//   bench_kpi measure  --db FILE [--repeat 5]      dashboard, each built-in KPI, two charts, bare SQL
//   bench_kpi import   --db FILE --rows N          CSV import (GLPI-like file and mapping), rows/s
// Each prints a few lines for people and, last, one JSON object.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/registry.hpp"
#include "improve/csv_import.hpp"
#include "improve/kpi_engine.hpp"
#include "improve/kpi_service.hpp"
#include "record/service.hpp"

namespace {

using namespace boucle;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string mode, db;
  int64_t tickets = 0, rows = 0;
  int repeat = 5;
  double max_seconds = 60;
};

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The median of up to `repeat` runs, stopping early once `max_seconds` are spent; -1 on failure.
double Median(const Args& args, const std::function<bool()>& run) {
  std::vector<double> times;
  const auto start = Clock::now();
  for (int i = 0; i < args.repeat; ++i) {
    const auto t0 = Clock::now();
    if (!run()) return -1;
    times.push_back(Ms(t0, Clock::now()));
    if (Ms(start, Clock::now()) > args.max_seconds * 1000) break;
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// A deterministic generator (64-bit LCG): the same set at every run.
struct Rng {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  uint64_t Next() { return (s = s * 6364136223846793005ull + 1442695040888963407ull) >> 17; }
  double Unit() { return static_cast<double>(Next() % 1000000) / 1e6; }
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
};

bool Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return true;
  std::cerr << "bench_kpi: " << (err ? err : "?") << " in " << sql << "\n";
  sqlite3_free(err);
  return false;
}

int Generate(const Args& args) {
  if (std::filesystem::exists(args.db)) {
    std::cerr << "bench_kpi: " << args.db << " exists; generate writes a new database\n";
    return 2;
  }
  const Registry registry = BuildRegistry();
  {
    auto store = OpenSqliteStore({args.db, false, 2});
    if (!store || !(*store)->Migrate(registry))
      return std::cerr << "bench_kpi: cannot create " << args.db << "\n", 1;
  }
  // Rows go straight into the migrated tables (the same columns the store writes): a million
  // records through the service would make the benchmark about their creation.
  sqlite3* db = nullptr;
  if (sqlite3_open(args.db.c_str(), &db) != SQLITE_OK) return 1;
  const auto t0 = Clock::now();
  // No journal, and the indexes built once at the end (sorted) rather than row by row.
  Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000");
  std::vector<std::pair<std::string, std::string>> indexes;  // name, CREATE statement
  {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                       "tbl_name IN ('tickets', 'feedback')",
                       -1, &q, nullptr);
    while (sqlite3_step(q) == SQLITE_ROW)
      indexes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(q, 1)));
    sqlite3_finalize(q);
  }
  for (const auto& [name, sql] : indexes) Exec(db, ("DROP INDEX \"" + name + "\"").c_str());
  Exec(db, "BEGIN");
  Exec(db,
       "INSERT INTO services (created_at, updated_at, name, lifecycle) VALUES "
       "('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'Messagerie', 'live')");
  Exec(db,
       "INSERT INTO stakeholders (created_at, updated_at, name, kind, stakeholder_group, influence) VALUES "
       "('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'Bench', 'person', 'end_user', 3)");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO tickets (created_at, updated_at, kind, title, description, service, category, "
      "assignment_group, impact, urgency, priority, status, sla_due, sla_breached, resolved_at, "
      "closed_at, reopen_count, reassignment_count, source) "
      "VALUES (?, ?, 'incident', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
      -1, &ins, nullptr);
  sqlite3_stmt* fb = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO feedback (created_at, updated_at, stakeholder, service, ticket, kind, rating, summary, "
      "status) VALUES (?, ?, 1, 1, ?, 'praise', ?, 'Retour', 'new')",
      -1, &fb, nullptr);
  Rng rng;
  const TimePoint origin = TimePoint{std::chrono::sys_days{std::chrono::year{2024} / 11 / 1}};
  const char* levels[] = {"high", "medium", "low"};
  const char* open[] = {"new", "assigned", "in_progress", "pending"};
  const std::string description(200, 'x');
  for (int64_t i = 1; i <= args.tickets; ++i) {
    const TimePoint created = origin + std::chrono::seconds{rng.Below(730LL * 86400)};
    const bool done = rng.Unit() < 0.92;
    const char* status = done ? (rng.Unit() < 0.7 ? "closed" : "resolved") : open[rng.Below(4)];
    const double hours = std::exp(rng.Unit() * 6.0) - 0.9;  // 0.1 h to 400 h, most under a day
    const TimePoint resolved = created + std::chrono::seconds{static_cast<int64_t>(hours * 3600)};
    const std::string c = FormatTime(created), r = FormatTime(resolved),
                      due = FormatTime(created + std::chrono::hours{24}),
                      closed = FormatTime(resolved + std::chrono::hours{48});
    const std::string title = "Ticket " + std::to_string(i),
                      category = "Category " + std::to_string(rng.Below(20)),
                      group = "Group " + std::to_string(rng.Below(10));
    int col = 0;
    auto text = [&](const std::string& v) { sqlite3_bind_text(ins, ++col, v.c_str(), -1, SQLITE_TRANSIENT); };
    text(c);
    text(done ? r : c);
    text(title);
    text(description);
    text(category);
    text(group);
    text(levels[rng.Below(3)]);
    text(levels[rng.Below(3)]);
    text(rng.Unit() < 0.1 ? "high" : "medium");
    text(status);
    text(due);
    if (done)
      sqlite3_bind_int(ins, ++col, hours > 24 ? 1 : 0);
    else
      sqlite3_bind_null(ins, ++col);
    if (done)
      text(r);
    else
      sqlite3_bind_null(ins, ++col);
    if (done && std::string_view(status) == "closed")
      text(closed);
    else
      sqlite3_bind_null(ins, ++col);
    sqlite3_bind_int(ins, ++col, rng.Unit() < 0.04 ? 1 : 0);
    sqlite3_bind_int(ins, ++col, rng.Unit() < 0.2 ? static_cast<int>(1 + rng.Below(3)) : 0);
    if (sqlite3_step(ins) != SQLITE_DONE) return std::cerr << "bench_kpi: " << sqlite3_errmsg(db) << "\n", 1;
    sqlite3_reset(ins);
    if (i % 20 == 0) {
      sqlite3_bind_text(fb, 1, c.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(fb, 2, c.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(fb, 3, i);
      sqlite3_bind_int(fb, 4, static_cast<int>(1 + rng.Below(5)));
      sqlite3_step(fb);
      sqlite3_reset(fb);
    }
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(fb);
  Exec(db, "COMMIT");
  for (const auto& [name, sql] : indexes) Exec(db, sql.c_str());
  Exec(db, "ANALYZE; PRAGMA journal_mode=WAL;");
  sqlite3_close(db);
  const double seconds = Ms(t0, Clock::now()) / 1000;
  std::printf("generated %lld tickets in %.1f s\n", static_cast<long long>(args.tickets), seconds);
  std::printf("{\"tickets\": %lld, \"seconds\": %.2f}\n", static_cast<long long>(args.tickets), seconds);
  return 0;
}

int Measure(const Args& args) {
  const Registry registry = BuildRegistry();
  auto store = OpenSqliteStore({args.db, false, 4});
  if (!store) return std::cerr << "bench_kpi: cannot open " << args.db << "\n", 1;
  if (!(*store)->Migrate(registry)) return std::cerr << "bench_kpi: cannot migrate " << args.db << "\n", 1;
  SystemClock clock;
  RecordService records(registry, **store, clock);
  KpiService kpis(records);
  const Actor admin = Actor::System();
  Json out = Json::object();
  int64_t tickets = 0;
  {
    auto page = records.List(admin, "tickets", {{"limit", "1"}});
    if (page) tickets = page->total;
  }
  out["tickets"] = tickets;

  // The bare aggregate: one scan with a count and a mean of a duration, in SQL only.
  sqlite3* db = nullptr;
  sqlite3_open_v2(args.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const double bare = Median(args, [&] {
    return sqlite3_exec(
               db, "SELECT count(*), avg(julianday(resolved_at) - julianday(created_at)) FROM tickets",
               [](void*, int, char**, char**) { return 0; }, nullptr, nullptr) == SQLITE_OK;
  });
  const double bare_count = Median(args, [&] {
    return sqlite3_exec(
               db, "SELECT count(*), sum(reopen_count) FROM tickets",
               [](void*, int, char**, char**) { return 0; }, nullptr, nullptr) == SQLITE_OK;
  });
  sqlite3_close(db);
  out["bare_sql_ms"] = bare;
  out["bare_count_ms"] = bare_count;

  const double dashboard = Median(args, [&] { return kpis.Overview(admin).has_value(); });
  out["dashboard_ms"] = dashboard;
  auto cli = OpenSqliteAggregates(args.db);
  const double cli_ms = Median(args, [&] {
    return cli &&
           ComputeKpis(**cli, FinderFor(registry), ParserFor(records, admin), BuiltinKpis(), clock.Now())
               .has_value();
  });
  out["cli_all_ms"] = cli_ms;

  std::printf("%-34s %10s %8s\n", "measure", "ms", "x bare");
  std::printf("%-34s %10.1f %8s\n", "bare SQL count+avg(duration)", bare, "1.0");
  std::printf("%-34s %10.1f %8.2f\n", "bare SQL count+sum", bare_count, bare_count / bare);
  std::printf("%-34s %10.1f %8.2f\n", "dashboard (GET /api/v1/kpis)", dashboard, dashboard / bare);
  std::printf("%-34s %10.1f %8.2f\n", "boucle kpi (read-only connection)", cli_ms, cli_ms / bare);
  Json each = Json::object();
  for (const auto& def : BuiltinKpis()) {
    auto plan = PlanKpi(def, FinderFor(registry), ParserFor(records, admin), {.now = clock.Now()});
    if (!plan) continue;  // a source this installation lacks
    const double ms =
        Median(args, [&] { return records.Aggregate(admin, plan->type->name, {plan->query}).has_value(); });
    each[def.id] = ms;
    std::printf("  %-32s %10.1f %8.2f\n", def.id.c_str(), ms, ms / bare);
  }
  out["kpi_ms"] = each;
  for (auto [name, id, params] :
       {std::tuple{"chart_volume_category_month", "ticket_count",
                   ListParams{{"group", "category"}, {"period", "month"}}},
        std::tuple{"chart_resolve_p90_week", "resolve_time_p90_hours", ListParams{{"period", "week"}}}}) {
    const double ms = Median(args, [&] { return kpis.Detail(admin, id, params).has_value(); });
    out[name] = ms;
    std::printf("%-34s %10.1f %8.2f\n", name, ms, ms / bare);
  }
  out["dashboard_over_bare"] = dashboard / bare;
  std::cout << out.dump() << "\n";
  return 0;
}

int Import(const Args& args) {
  const auto dir = std::filesystem::path(args.db).parent_path();
  const auto csv_path = (dir.empty() ? std::filesystem::path(".") : dir) / "bench_import.csv";
  {
    std::ofstream f(csv_path);
    f << "ID;Titre;Statut;Date d'ouverture;Priorité;Catégorie;Demandeur;Attribué à - Technicien\n";
    const char* statuses[] = {"Nouveau", "En cours (Attribué)", "En attente", "Résolu", "Clos"};
    const char* priorities[] = {"Basse", "Moyenne", "Haute", "Très haute"};
    Rng rng;
    for (int64_t i = 1; i <= args.rows; ++i)
      f << i << ";Incident " << i << ";" << statuses[rng.Below(5)] << ";" << 1 + rng.Below(28) << "-"
        << 1 + rng.Below(12) << "-2026 " << rng.Below(24) << ":" << 10 + rng.Below(50) << ";"
        << priorities[rng.Below(4)] << ";Catégorie " << rng.Below(20) << ";Demandeur " << rng.Below(200)
        << ";Technicien " << rng.Below(30) << "\n";
  }
  const Registry registry = BuildRegistry();
  auto store = OpenSqliteStore({args.db, false, 2});
  if (!store || !(*store)->Migrate(registry))
    return std::cerr << "bench_kpi: cannot open " << args.db << "\n", 1;
  SystemClock clock;
  RecordService records(registry, **store, clock);
  const Json mapping = {
      {"delimiter", ";"},
      {"external_id", "ID"},
      {"external_id_prefix", "glpi-"},
      {"date_formats", {"%d-%m-%Y %H:%M"}},
      {"columns",
       {{"title", "Titre"},
        {"status",
         {{"column", "Statut"},
          {"values",
           {{"Nouveau", "new"},
            {"En cours (Attribué)", "assigned"},
            {"En attente", "pending"},
            {"Résolu", "resolved"},
            {"Clos", "closed"}}}}},
        {"created_at", "Date d'ouverture"},
        {"priority",
         {{"column", "Priorité"},
          {"values",
           {{"Basse", "low"}, {"Moyenne", "medium"}, {"Haute", "high"}, {"Très haute", "critical"}}}}},
        {"category", "Catégorie"},
        {"requester_name", "Demandeur"},
        {"assignee_name", "Attribué à - Technicien"}}}};
  auto m = csv::ParseMapping(mapping, *registry.Find("tickets"));
  if (!m) return std::cerr << "bench_kpi: mapping " << m.error().field << "\n", 1;
  auto summary = csv::ImportCsv(records, **store, *m, csv_path.string());
  std::filesystem::remove(csv_path);
  if (!summary) return std::cerr << "bench_kpi: import failed " << summary.error().code << "\n", 1;
  const double rps = static_cast<double>(summary->rows_read) / summary->seconds;
  std::printf("csv import: %lld rows in %.2f s, %.0f rows/s (%lld imported, %lld refused)\n",
              static_cast<long long>(summary->rows_read), summary->seconds, rps,
              static_cast<long long>(summary->imported), static_cast<long long>(summary->refused));
  std::cout << Json{{"rows", summary->rows_read},
                    {"seconds", summary->seconds},
                    {"rows_per_s", rps},
                    {"imported", summary->imported}}
                   .dump()
            << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (argc < 2) {
    std::cerr << "usage: bench_kpi generate|measure|import --db FILE [--tickets N] [--rows N] [--repeat R]\n";
    return 2;
  }
  args.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db")
      args.db = v;
    else if (k == "--tickets")
      args.tickets = std::stoll(v);
    else if (k == "--rows")
      args.rows = std::stoll(v);
    else if (k == "--repeat")
      args.repeat = std::max(1, std::stoi(v));
    else if (k == "--max-seconds")
      args.max_seconds = std::stod(v);
    else
      return std::cerr << "bench_kpi: unknown option " << k << "\n", 2;
  }
  if (args.db.empty()) return std::cerr << "bench_kpi: --db is required\n", 2;
  if (args.mode == "generate") return Generate(args);
  if (args.mode == "measure") return Measure(args);
  if (args.mode == "import") return Import(args);
  std::cerr << "bench_kpi: unknown mode " << args.mode << "\n";
  return 2;
}
