// bench_report: the JSON helper of bench/run.sh (so the script needs neither jq nor python).
//   bench_report get FILE /json/pointer        prints one value (strings unquoted); exit 1 if absent
//   bench_report len FILE /json/pointer        prints the size of an array or object
//   bench_report summarize --dir D --out F     prints the table, ratios and aims; writes everything to F
//   bench_report merge --out F PART.json...    sums the parts of a test run in rounds; percentiles from the
//                                              PART.lat files (latencies in µs, one a line) beside them
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::optional<json> Load(const fs::path& p) {
  std::ifstream f(p);
  if (!f) return std::nullopt;
  try {
    return json::parse(f);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int Get(const std::string& file, const std::string& pointer, bool length) {
  auto j = Load(file);
  if (!j) return 1;
  try {
    const json& v = j->at(json::json_pointer(pointer));
    if (length)
      std::printf("%zu\n", v.size());
    else if (v.is_string())
      std::printf("%s\n", v.get<std::string>().c_str());
    else
      std::printf("%s\n", v.dump().c_str());
    return 0;
  } catch (const std::exception&) {
    return 1;
  }
}

struct Row {
  const char* key;
  const char* label;
  const char* conc;
};

const std::vector<Row> kRows = {
    {"create_c1", "API create POST /api/v1/tickets", "1"},
    {"create_c8", "API create POST /api/v1/tickets", "8"},
    {"raw_insert", "raw SQLite insert (WAL, sync=FULL)", "1"},
    {"raw_insert_server_like", "raw insert + FTS5 + history + indexes", "1"},
    {"read_c1", "API read GET /api/v1/tickets/{id}", "1"},
    {"read_c8", "API read GET /api/v1/tickets/{id}", "8"},
    {"ceiling_c1", "Beast ceiling GET (fixed JSON)", "1"},
    {"ceiling_c8", "Beast ceiling GET (fixed JSON)", "8"},
    {"fill", "fill to 100k (API create)", "8"},
    {"list_c1", "list ?status=new&limit=50", "1"},
    {"list_c8", "list ?status=new&limit=50", "8"},
    {"list_open_sorted_c1", "list open, sort=-created_at, limit=50", "1"},
    {"engage_fill_stakeholders", "fill 10k stakeholders (API create)", "8"},
    {"engage_fill_interactions", "fill 100k interactions (API create)", "8"},
    {"health_c1", "relationship_health page of 50 (10k / 100k)", "1"},
    {"health_all_c1", "relationship_health all 10k rows", "1"},
    {"route_c1", "demand route action (creates a ticket)", "1"},
};

double Num(const json& j, const char* k) {
  return j.contains(k) && j[k].is_number() ? j[k].get<double>() : 0.0;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0.0;
  std::size_t k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k] / 1000.0;
}

int Merge(const fs::path& out, const std::vector<std::string>& parts) {
  json m = {{"requests", 0},         {"ok", 0}, {"errors", 0}, {"seconds", 0.0}, {"statuses", json::object()},
            {"rounds", parts.size()}};
  std::vector<double> lat;
  for (const auto& p : parts) {
    auto j = Load(p);
    if (!j) {
      std::cerr << "bench_report: cannot read " << p << "\n";
      return 1;
    }
    for (const char* k : {"requests", "ok", "errors"}) m[k] = m[k].get<uint64_t>() + j->value(k, uint64_t{0});
    m["seconds"] = m["seconds"].get<double>() + Num(*j, "seconds");
    const json statuses = j->value("statuses", json::object());
    for (auto& [k, v] : statuses.items())
      m["statuses"][k] = m["statuses"].value(k, uint64_t{0}) + v.get<uint64_t>();
    std::ifstream f(fs::path(p).replace_extension(".lat"));
    for (double us; f >> us;) lat.push_back(us);
  }
  double secs = m["seconds"].get<double>();
  m["rps"] = secs > 0 ? m["ok"].get<double>() / secs : 0.0;
  m["p50_ms"] = Percentile(lat, 0.50);
  m["p99_ms"] = Percentile(lat, 0.99);
  m["max_ms"] = lat.empty() ? 0.0 : *std::max_element(lat.begin(), lat.end()) / 1000.0;
  std::ofstream f(out);
  f << m.dump() << "\n";
  return f ? 0 : 1;
}

int Summarize(const fs::path& dir, const fs::path& out) {
  json all;
  all["meta"] = Load(dir / "meta.json").value_or(json::object());
  all["results"] = json::object();
  std::printf("\n%-44s %4s %9s %7s %10s %9s %9s\n", "test", "c", "requests", "errors", "rps", "p50 ms",
              "p99 ms");
  std::printf("%s\n", std::string(98, '-').c_str());
  for (const auto& row : kRows) {
    auto j = Load(dir / (std::string(row.key) + ".json"));
    if (!j) {
      std::printf("%-44s %4s %9s\n", row.label, row.conc, "(not run)");
      continue;
    }
    all["results"][row.key] = *j;
    std::printf("%-44s %4s %9.0f %7.0f %10.1f %9.3f %9.3f\n", row.label, row.conc, Num(*j, "requests"),
                Num(*j, "errors"), Num(*j, "rps"), Num(*j, "p50_ms"), Num(*j, "p99_ms"));
  }

  auto rps = [&](const char* k) -> double {
    const json& r = all["results"];
    return r.contains(k) ? Num(r[k], "rps") : 0.0;
  };
  json ratios = json::object();
  auto ratio = [&](const char* name, const char* a, const char* b) {
    double x = rps(a), y = rps(b);
    if (x > 0 && y > 0) ratios[name] = x / y;
  };
  ratio("create_c1/raw_insert", "create_c1", "raw_insert");
  ratio("create_c8/raw_insert", "create_c8", "raw_insert");
  ratio("create_c1/raw_insert_server_like", "create_c1", "raw_insert_server_like");
  ratio("read_c1/ceiling_c1", "read_c1", "ceiling_c1");
  ratio("health_c1/read_c1", "health_c1", "read_c1");
  ratio("health_all_c1/read_c1", "health_all_c1", "read_c1");
  ratio("route_c1/create_c1", "route_c1", "create_c1");
  ratio("read_c8/ceiling_c8", "read_c8", "ceiling_c8");
  ratio("list_c1/ceiling_c1", "list_c1", "ceiling_c1");
  ratio("list_c8/ceiling_c8", "list_c8", "ceiling_c8");
  all["ratios"] = ratios;

  std::printf("\nratios (throughput, same run)\n");
  for (auto& [k, v] : ratios.items()) std::printf("  %-36s %6.1f %%\n", k.c_str(), v.get<double>() * 100.0);

  const json& meta = all["meta"];
  json aims = json::object();
  auto verdict = [](bool ok) { return ok ? "MET" : "MISSED"; };
  std::printf("\naims\n");
  if (ratios.contains("create_c1/raw_insert")) {
    // Same concurrency as the floor (one writer, one transaction per row): c=1 decides; c=8 is shown.
    double c1 = ratios["create_c1/raw_insert"].get<double>();
    double c8 = ratios.contains("create_c8/raw_insert") ? ratios["create_c8/raw_insert"].get<double>() : 0.0;
    aims["create_at_least_25pct_of_raw_insert"] = c1 >= 0.25;
    std::printf("  API create >= 25%% of raw insert:    c=1 %.1f %% (c=8 %.1f %%)  %s\n", c1 * 100, c8 * 100,
                verdict(c1 >= 0.25));
  }
  if (ratios.contains("read_c1/ceiling_c1") && ratios.contains("read_c8/ceiling_c8")) {
    double c1 = ratios["read_c1/ceiling_c1"].get<double>(), c8 = ratios["read_c8/ceiling_c8"].get<double>();
    bool ok = c1 >= 0.40 && c8 >= 0.40;
    aims["read_at_least_40pct_of_ceiling"] = ok;
    std::printf("  API read >= 40%% of ceiling:         c=1 %.1f %%, c=8 %.1f %%  %s\n", c1 * 100, c8 * 100,
                verdict(ok));
  }
  if (meta.contains("rss_kib") && meta["rss_kib"].is_number()) {
    double mib = meta["rss_kib"].get<double>() / 1024.0;
    double tickets = meta.contains("tickets_total") && meta["tickets_total"].is_number()
                         ? meta["tickets_total"].get<double>()
                         : 0.0;
    double target = meta.contains("tickets_target") && meta["tickets_target"].is_number()
                        ? meta["tickets_target"].get<double>()
                        : 100000.0;
    bool ok = mib < 64.0;
    aims["rss_under_64mib"] = ok;
    aims["rss_mib"] = mib;
    std::printf(
        "  server RSS < 64 MiB after fill:     %.1f MiB (peak %.1f MiB) with %.0f tickets of %.0f  %s\n", mib,
        Num(meta, "hwm_kib") / 1024.0, tickets, target,
        tickets >= target ? verdict(ok) : (ok ? "MET (fill incomplete)" : "MISSED (fill incomplete)"));
  }
  all["aims"] = aims;
  std::ofstream f(out);
  f << all.dump(2) << "\n";
  std::printf("\nresults written to %s\n", out.c_str());
  return f ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 3 && (a[0] == "get" || a[0] == "len")) return Get(a[1], a[2], a[0] == "len");
  if (a.size() >= 4 && a[0] == "merge" && a[1] == "--out")
    return Merge(a[2], std::vector<std::string>(a.begin() + 3, a.end()));
  if (a.size() == 5 && a[0] == "summarize" && a[1] == "--dir" && a[3] == "--out")
    return Summarize(a[2], a[4]);
  std::cerr << "usage: bench_report get|len FILE /pointer | bench_report summarize --dir D --out FILE\n"
               "       bench_report merge --out FILE PART.json...\n";
  return 2;
}
