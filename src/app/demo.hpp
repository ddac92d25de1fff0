#pragma once
// Deterministic demonstration data: the accounts of a small French IT department (DSI), its service
// catalogue and stakeholders, a year of tickets, feedback and improvements traced back to it.
// Everything goes through RecordService, so the data obeys the same rules as real input.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace boucle {

class RecordService;
class Store;

struct DemoOptions {
  TimePoint now;          // the data ends here; nothing is dated after it
  uint64_t seed = 42;     // same (now, seed): same data, on every platform
  int ticket_days = 365;  // how far back the tickets go
};

// One demonstration account, for main to print.
struct DemoAccount {
  std::string login;
  std::string display_name;
  std::string role;               // admin, agent, team_lead, finance, developer, end_user
  std::string stakeholder_group;  // sponsor, team_lead, support, finance, development, end_user
  std::string job_title;
};

// Every demonstration account has this password.
inline constexpr std::string_view kDemoPassword = "boucle-demo";

std::vector<DemoAccount> DemoAccounts();

// Loads the data into an empty, migrated store, in one write transaction. Fails with kConflict
// "demo.not_empty" when the admin account already exists. The service's clock is moved along
// while loading and restored before returning.
Status LoadDemo(RecordService& records, Store& store, const DemoOptions& options);

}  // namespace boucle
