// boucle: one binary for the server and its administration. Reads top-down: configuration,
// store, migrations, registry, then the sub-command.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

#include "app/demo.hpp"
#include "app/json_log.hpp"
#include "app/registry.hpp"
#include "engage/survey_schedule.hpp"
#include "auth/accounts.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "i18n/messages.hpp"
#include "improve/findings/analyse_command.hpp"
#include "improve/findings/findings.hpp"
#include "improve/import_command.hpp"
#include "improve/kpi_command.hpp"
#include "jobs/runner.hpp"
#include "mail/mail_job.hpp"
#include "record/service.hpp"

namespace {

using namespace boucle;

struct Config {
  std::string db = "var/boucle.db";
  std::string listen = "127.0.0.1:8080";
  std::string web = "web/dist";
  std::string sync = "full";
  bool secure_cookies = false;
  std::string log_level = "info";
  std::string log_format = "text";
  // user sub-commands
  std::string login, name, role;
  bool password_stdin = false;
  // import and kpi
  std::string import_format, import_path, import_mapping;
  bool kpi_json = false;
  // mail and background jobs
  SmtpOptions smtp;
  int public_rate = 60;
  int job_retry_seconds = 30;
  int schedule_seconds = 60;
  int analysis_seconds = 86400;  // blocking-point analyses: daily, and once at start
  bool analyse_json = false;
};

int Report(const Error& e) {
  std::cerr << "boucle: " << MessageFor(e, "en") << (e.field.empty() ? "" : " [" + e.field + "]") << "\n";
  return 1;
}

struct Runtime {
  Registry registry = BuildRegistry();
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<RecordService> records;
  std::unique_ptr<Accounts> accounts;
};

// Opens the database and applies the migrations: every command works on an up-to-date schema.
std::unique_ptr<Runtime> Open(const Config& cfg) {
  std::error_code ec;
  const auto parent = std::filesystem::path(cfg.db).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto store = OpenSqliteStore({cfg.db, cfg.sync != "normal", 2 * static_cast<int>(std::thread::hardware_concurrency()) + 2});
  if (!store) return Report(store.error()), nullptr;
  auto rt = std::make_unique<Runtime>();  // services keep references into it: never moved
  rt->store = std::move(*store);
  if (auto st = rt->store->Migrate(rt->registry); !st) return Report(st.error()), nullptr;
  rt->records = std::make_unique<RecordService>(rt->registry, *rt->store, rt->clock);
  rt->accounts = std::make_unique<Accounts>(*rt->store, *rt->records, rt->clock);
  return rt;
}

std::string ReadPassword(const Config& cfg) {
  std::string password;
  if (cfg.password_stdin) std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
  return password;
}

void PrintAccounts() {
  std::cout << "Demonstration accounts (password: boucle-demo):\n";
  for (const auto& a : DemoAccounts())
    std::cout << "  " << a.login << std::string(a.login.size() < 16 ? 16 - a.login.size() : 1, ' ') << a.role
              << std::string(a.role.size() < 11 ? 11 - a.role.size() : 1, ' ') << a.display_name << " — "
              << a.job_title << "\n";
}

int Serve(const Config& cfg) {
  auto rt = Open(cfg);
  if (!rt) return 1;
  http::ServerOptions options;
  const auto colon = cfg.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "boucle: --listen expects HOST:PORT, got " << cfg.listen << "\n";
    return 2;
  }
  options.address = cfg.listen.substr(0, colon);
  try {
    const int port = std::stoi(cfg.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    options.port = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    std::cerr << "boucle: --listen has an invalid port: " << cfg.listen << "\n";
    return 2;
  }
  options.threads = std::max(2u, std::thread::hardware_concurrency());
  Metrics metrics;
  http::ApiOptions api_options{cfg.web, cfg.secure_cookies};
  api_options.public_rate = {.max_attempts = cfg.public_rate, .window = std::chrono::minutes{1}};
  http::Api api(rt->registry, *rt->records, *rt->accounts, metrics, api_options);
  // Background work: mails from the outbox (when an SMTP server is configured) and survey schedules.
  JobRunner jobs(*rt->records, {.first_retry = std::chrono::seconds{cfg.job_retry_seconds}});
  jobs.Every("surveys", std::chrono::seconds{cfg.schedule_seconds}, [&] { return RunSurveySchedule(*rt->records); });
  if (cfg.analysis_seconds > 0)
    jobs.Every("analyses", std::chrono::seconds{cfg.analysis_seconds}, [&]() -> Status {
      auto run = RunFindingAnalyses(*rt->records);
      if (!run) return Fail(run.error());
      spdlog::info("analyses: {} tickets, {} new findings, {} updated", run->tickets, run->created, run->updated);
      return {};
    });
  const int code = http::Serve(options, [&api](const http::Request& r) { return api.Handle(r); }, [&](uint16_t port) {
    std::cout << "Boucle listening on http://" << options.address << ":" << port << std::endl;
    spdlog::info("serving {} on {}:{} with {} threads", cfg.db, options.address, port, options.threads);
    // Links in mails point here unless --public-url says otherwise; the port is known only now.
    SmtpOptions smtp = cfg.smtp;
    if (smtp.public_url.empty()) smtp.public_url = "http://" + options.address + ":" + std::to_string(port);
    if (!smtp.url.empty()) jobs.Handle(kMailJob, MailJobHandler(smtp, rt->clock));
    else spdlog::warn("no SMTP server (--smtp): mails stay in the outbox until one is configured");
    jobs.Start();
  });
  jobs.Stop();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  CLI::App app{"Boucle — ITSM for the ITIL 4 value chain (Engage, Support, Build, Improve)"};
  app.require_subcommand(1);
  app.add_option("--log-level", cfg.log_level, "trace, debug, info, warn, error")->envname("BOUCLE_LOG_LEVEL");
  app.add_option("--log-format", cfg.log_format, "text (for people) or json (one object per line, for collectors)")
      ->envname("BOUCLE_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  auto db_option = [&](CLI::App* sub) {
    sub->add_option("--db", cfg.db, "SQLite database file")->envname("BOUCLE_DB")->capture_default_str();
    sub->add_option("--sync", cfg.sync, "full: fsync at each commit; normal: survive a crash of Boucle only")
        ->envname("BOUCLE_SYNC")
        ->check(CLI::IsMember({"full", "normal"}))
        ->capture_default_str();
  };

  auto* serve = app.add_subcommand("serve", "Serve the web app and the API");
  db_option(serve);
  serve->add_option("--listen", cfg.listen, "HOST:PORT (port 0 picks a free one)")->envname("BOUCLE_LISTEN")->capture_default_str();
  serve->add_option("--web", cfg.web, "Folder of the built web app")->envname("BOUCLE_WEB")->capture_default_str();
  serve->add_flag("--secure-cookies", cfg.secure_cookies, "Mark the session cookie Secure (behind TLS)")
      ->envname("BOUCLE_SECURE_COOKIES");
  serve->add_option("--smtp", cfg.smtp.url, "SMTP server for outgoing mail, e.g. smtp://127.0.0.1:2525")
      ->envname("BOUCLE_SMTP_URL");
  serve->add_option("--mail-from", cfg.smtp.from, "Sender address of outgoing mail")
      ->envname("BOUCLE_MAIL_FROM")
      ->default_val("boucle@localhost");
  serve->add_option("--public-url", cfg.smtp.public_url, "Address of this server in links sent by mail (default: http://LISTEN)")
      ->envname("BOUCLE_PUBLIC_URL");
  serve->add_option("--public-rate", cfg.public_rate, "Requests per minute per client address on public survey links")
      ->envname("BOUCLE_PUBLIC_RATE")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve->add_option("--job-retry-seconds", cfg.job_retry_seconds, "First retry delay of a failed job (doubles each time)")
      ->envname("BOUCLE_JOB_RETRY_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve->add_option("--schedule-seconds", cfg.schedule_seconds, "Period of the survey schedule (satisfaction, reminders)")
      ->envname("BOUCLE_SCHEDULE_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve->add_option("--analysis-seconds", cfg.analysis_seconds,
                    "Period of the blocking-point analyses (findings), run once at start too; 0: never")
      ->envname("BOUCLE_ANALYSIS_SECONDS")
      ->check(CLI::Range(0, 30 * 86400))
      ->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  db_option(migrate);
  auto* demo = app.add_subcommand("demo", "Load the demonstration data into a new database");
  db_option(demo);
  auto* version = app.add_subcommand("version", "Print the version");

  auto* import = app.add_subcommand("import", "Import tickets and their history from another tool's export");
  db_option(import);
  import->add_option("--format", cfg.import_format, "uci-incident-log, or csv with --mapping")
      ->required()
      ->check(CLI::IsMember({"uci-incident-log", "csv"}));
  import->add_option("--mapping", cfg.import_mapping, "csv: JSON mapping of columns to ticket fields (docs/import-glpi.md)");
  import->add_option("path", cfg.import_path, "CSV file, plain or gzip")->required();
  auto* kpi = app.add_subcommand("kpi", "Print the built-in KPIs over all tickets");
  db_option(kpi);
  kpi->add_flag("--json", cfg.kpi_json, "One JSON object with stable keys");

  auto* analyse = app.add_subcommand("analyse", "Find blocking points in the tickets now and write the findings");
  db_option(analyse);
  analyse->add_flag("--json", cfg.analyse_json, "One JSON object with the time of each analysis");
  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create an account");
  db_option(user_add);
  user_add->add_option("--login", cfg.login, "Login")->required();
  user_add->add_option("--role", cfg.role, "admin, agent, team_lead, finance, developer or end_user")
      ->required()
      ->check(CLI::IsMember({"admin", "agent", "team_lead", "finance", "developer", "end_user"}));
  user_add->add_option("--name", cfg.name, "Display name (defaults to the login)");
  user_add->add_flag("--password-stdin", cfg.password_stdin, "Read the password from standard input")->required();
  auto* user_passwd = user->add_subcommand("passwd", "Set an account's password");
  db_option(user_passwd);
  user_passwd->add_option("--login", cfg.login, "Login")->required();
  user_passwd->add_flag("--password-stdin", cfg.password_stdin, "Read the password from standard input")->required();
  auto* user_token = user->add_subcommand("token", "Create an API token (printed as the last word)");
  db_option(user_token);
  user_token->add_option("--login", cfg.login, "Login")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  // Logs go to stderr: stdout carries what commands print for scripts (tokens, KPI JSON).
  spdlog::set_default_logger(spdlog::stderr_color_mt("boucle"));
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  if (cfg.log_format == "json")
    spdlog::set_formatter(JsonLogFormatter());
  else
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  try {
    if (*version) {
      std::cout << "boucle " << BOUCLE_VERSION << "\n";
      return 0;
    }
    if (*serve) return Serve(cfg);
    auto rt = Open(cfg);
    if (!rt) return 1;
    if (*import)
      return RunImportCommand(*rt->records, *rt->store, cfg.import_format, cfg.import_path, cfg.import_mapping,
                              std::cout, std::cerr);
    if (*analyse) return RunAnalyseCommand(*rt->records, cfg.analyse_json, std::cout, std::cerr);
    if (*kpi) return RunKpiCommand(*rt->records, cfg.db, cfg.kpi_json, std::cout, std::cerr);
    if (*migrate) {
      auto v = rt->store->SchemaVersion();
      if (!v) return Report(v.error());
      std::cout << "Database " << cfg.db << " is at schema version " << *v << "\n";
      return 0;
    }
    if (*demo) {
      std::cout << "Loading demonstration data into " << cfg.db << " ..." << std::endl;
      if (auto st = LoadDemo(*rt->records, *rt->store, {rt->clock.Now()}); !st) {
        if (st.error().code == "demo.not_empty") {
          std::cout << "The database already holds data: demonstration data not loaded again.\n";
          PrintAccounts();
          return 0;
        }
        return Report(st.error());
      }
      PrintAccounts();
      return 0;
    }
    if (*user_add) {
      auto role = ParseRole(cfg.role);
      auto id = rt->accounts->AddUser(cfg.login, cfg.name.empty() ? cfg.login : cfg.name, *role, ReadPassword(cfg));
      if (!id) return Report(id.error());
      std::cout << "Account " << cfg.login << " created with id " << *id << "\n";
      return 0;
    }
    if (*user_passwd) {
      if (auto st = rt->accounts->SetPassword(cfg.login, ReadPassword(cfg)); !st) return Report(st.error());
      std::cout << "Password of " << cfg.login << " changed\n";
      return 0;
    }
    if (*user_token) {
      auto token = rt->accounts->NewApiToken(cfg.login);
      if (!token) return Report(token.error());
      std::cout << "API token for " << cfg.login << " (shown once): " << *token << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "boucle: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
