// bench_raw_sqlite: the floor under the API's ticket create — N inserts of a ticket-shaped row into a fresh
// SQLite file with the server's durability settings (WAL, synchronous=FULL), one transaction per row,
// prepared statements. Same JSON shape as bench_load, latency per insert (BEGIN..COMMIT).
//   bench_raw_sqlite --db FILE --rows N [--duration-max S] [--json] [--server-like] [--no-warmup] [--spin]
//                    [--latencies-out F]
// Before the timed rows it inserts untimed rows until the WAL has reached its steady size (the 1000-page
// auto-checkpoint), so that, as in a running server, the WAL is rewound and written in place.
// --server-like adds what the server also does per create: an FTS5 row (title, description), one history
// row, and the server's 17 secondary indexes of tickets. Off by default (the pure floor).
// --spin keeps one CPU busy while it runs. On this VM an fsync that leaves every vCPU idle takes ~4 ms
// (the host's wake-up tick) against ~0.15 ms when a CPU stays busy, as it does in a loaded server: without
// it the floor measures the hypervisor, not the storage.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "bench_common.hpp"

namespace {

[[noreturn]] void Die(sqlite3* db, const std::string& what) {
  std::cerr << "bench_raw_sqlite: " << what << ": " << (db ? sqlite3_errmsg(db) : "") << "\n";
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string e = err ? err : "?";
    sqlite3_free(err);
    std::cerr << "bench_raw_sqlite: " << sql << ": " << e << "\n";
    std::exit(1);
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
    Die(db, "prepare " + sql);
  return st;
}

void Step(sqlite3* db, sqlite3_stmt* st) {
  if (sqlite3_step(st) != SQLITE_DONE) Die(db, "step");
  sqlite3_reset(st);
}

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void Text(sqlite3_stmt* st, int i, const std::string& s) {
  sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  uint64_t rows = 1000;
  double duration_max = 120;
  bool json = false, server_like = false, warmup = true, spin = false;
  std::string latencies_out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc)
      path = argv[++i];
    else if (a == "--rows" && i + 1 < argc)
      rows = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--duration-max" && i + 1 < argc)
      duration_max = std::atof(argv[++i]);
    else if (a == "--json")
      json = true;
    else if (a == "--server-like")
      server_like = true;
    else if (a == "--no-warmup")
      warmup = false;
    else if (a == "--spin")
      spin = true;
    else if (a == "--latencies-out" && i + 1 < argc)
      latencies_out = argv[++i];
    else {
      std::cerr << "usage: bench_raw_sqlite --db FILE --rows N [--duration-max S] [--json] [--server-like] "
                   "[--no-warmup] [--spin] [--latencies-out F]\n";
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "bench_raw_sqlite: --db FILE is required\n";
    return 2;
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    Die(db, "open " + path);
  Exec(db, "PRAGMA journal_mode=WAL");
  Exec(db, "PRAGMA synchronous=FULL");
  Exec(db, "PRAGMA foreign_keys=ON");
  Exec(db, "PRAGMA temp_store=MEMORY");
  Exec(db, "PRAGMA cache_size=-8000");
  sqlite3_busy_timeout(db, 10000);
  Exec(db,
       "CREATE TABLE tickets ("
       " id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
       " created_by INTEGER, version INTEGER NOT NULL DEFAULT 1,"
       " kind TEXT, title TEXT, description TEXT, requester INTEGER, assignee INTEGER, service INTEGER,"
       " category TEXT, impact TEXT, urgency TEXT, priority TEXT, status TEXT, resolution TEXT,"
       " sla_due TEXT, sla_breached INTEGER, resolved_at TEXT, closed_at TEXT,"
       " reopen_count INTEGER, reassignment_count INTEGER)");
  if (server_like) {
    // As src/store/sql_builder.cpp makes them: an index per filterable/sortable field, created_at,
    // an FTS5 table over the searchable text, the history table.
    for (const char* f : {"kind", "title", "requester", "assignee", "service", "category", "impact",
                          "urgency", "priority", "status", "sla_due", "sla_breached", "resolved_at",
                          "closed_at", "reopen_count", "reassignment_count", "created_at"})
      Exec(db, std::string("CREATE INDEX ix_tickets_") + f + " ON tickets (" + f + ")");
    Exec(db, "CREATE VIRTUAL TABLE tickets_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    Exec(db,
         "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, record_type TEXT NOT NULL, "
         "record_id INTEGER NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL, user_id INTEGER NOT NULL, "
         "login TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT)");
    Exec(db, "CREATE INDEX ix_history_record ON history (record_type, record_id)");
  }

  sqlite3_stmt* begin = Prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = Prepare(db, "COMMIT");
  sqlite3_stmt* ins =
      Prepare(db,
              "INSERT INTO tickets (created_at, updated_at, created_by, version, kind, title,"
              " description, requester, assignee, service, category, impact, urgency, priority,"
              " status, resolution, sla_due, sla_breached, resolved_at, closed_at, reopen_count,"
              " reassignment_count) VALUES (?1, ?1, 1, 1, 'incident', ?2, ?3, NULL, NULL, NULL,"
              " 'printing', 'low', 'medium', 'low', 'new', NULL, ?4, 0, NULL, NULL, 0, 0)");
  sqlite3_stmt* fts =
      server_like ? Prepare(db, "INSERT INTO tickets_fts (rowid, body) VALUES (?1, ?2)") : nullptr;
  sqlite3_stmt* hist = server_like
                           ? Prepare(db,
                                     "INSERT INTO history (record_type, record_id, version, at, user_id,"
                                     " login, field, old_value, new_value)"
                                     " VALUES ('tickets', ?1, 1, ?2, 1, 'bench', '_created', NULL, NULL)")
                           : nullptr;

  const std::string run = "raw-" + std::to_string(::getpid());
  const std::string& description = bench::TicketDescription();
  uint64_t seq = 0;
  auto insert_one = [&] {
    std::string title = bench::TicketTitle(run, seq++);
    std::string now = NowIso();
    Step(db, begin);
    Text(ins, 1, now);
    Text(ins, 2, title);
    Text(ins, 3, description);
    Text(ins, 4, now);
    Step(db, ins);
    if (server_like) {
      sqlite3_int64 id = sqlite3_last_insert_rowid(db);
      sqlite3_bind_int64(fts, 1, id);
      Text(fts, 2, title + "\n" + description);
      Step(db, fts);
      sqlite3_bind_int64(hist, 1, id);
      Text(hist, 2, now);
      Step(db, hist);
    }
    Step(db, commit);
  };

  uint64_t warmup_rows = 0;
  if (warmup) {
    // Until the WAL holds more than the auto-checkpoint's 1000 pages: from then on it is rewound, not grown.
    // A WAL frame is a page plus a 24-byte header; the auto-checkpoint fires at 1000 frames.
    sqlite3_stmt* ps = Prepare(db, "PRAGMA page_size");
    if (sqlite3_step(ps) != SQLITE_ROW) Die(db, "page_size");
    const auto page = static_cast<std::uintmax_t>(sqlite3_column_int64(ps, 0));
    sqlite3_finalize(ps);
    const std::uintmax_t steady = 990 * (page + 24);
    std::error_code ec;
    while (warmup_rows < 20000 && std::filesystem::file_size(path + "-wal", ec) < steady) {
      insert_one();
      ++warmup_rows;
    }
  }

  bench::Result r;
  r.latencies_us.reserve(static_cast<std::size_t>(rows));
  std::atomic<bool> stop{false};
  std::thread spinner;
  if (spin)
    spinner = std::thread([&] {
      while (!stop.load(std::memory_order_relaxed)) {
      }
    });
  auto start = bench::Clock::now();
  auto deadline = start + std::chrono::milliseconds(static_cast<int64_t>(duration_max * 1000));
  for (uint64_t n = 0; n < rows && bench::Clock::now() < deadline; ++n) {
    auto t0 = bench::Clock::now();
    insert_one();
    auto t1 = bench::Clock::now();
    ++r.requests;
    ++r.statuses["ok"];
    r.latencies_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  r.seconds = std::chrono::duration<double>(bench::Clock::now() - start).count();
  stop = true;
  if (spinner.joinable()) spinner.join();
  r.extra["spin"] = spin;
  for (sqlite3_stmt* st : {begin, commit, ins, fts, hist}) sqlite3_finalize(st);
  sqlite3_close(db);
  r.extra["warmup_rows"] = warmup_rows;
  bench::WriteLatencies(r, latencies_out);
  bench::Print(r, json, server_like ? "raw sqlite insert (server-like)" : "raw sqlite insert");
  return 0;
}
