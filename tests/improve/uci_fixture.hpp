#pragma once
// A hand-made extract in the shape of the UCI incident event log (36 columns, '?' for missing),
// small enough to check every expected value by hand. See uci_import_test.cpp for the expectations.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace boucle::testing {

// One row: the named columns as given, every other column '?' (or a plausible constant).
inline std::string UciRow(const std::map<std::string, std::string>& v) {
  static const char* kColumns[] = {
      "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla",
      "caller_id", "opened_by", "opened_at", "sys_created_by", "sys_created_at", "sys_updated_by", "sys_updated_at",
      "contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci", "impact", "urgency", "priority",
      "assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify", "problem_id", "rfc",
      "vendor", "caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at"};
  static const std::map<std::string, std::string> kDefaults{
      {"active", "true"}, {"reassignment_count", "0"}, {"reopen_count", "0"}, {"made_sla", "true"},
      {"caller_id", "Caller 1"}, {"opened_by", "Opened by  8"}, {"contact_type", "Phone"},
      {"impact", "2 - Medium"}, {"urgency", "2 - Medium"}, {"priority", "3 - Moderate"},
      {"knowledge", "false"}, {"u_priority_confirmation", "false"}, {"notify", "Do Not Notify"}};
  std::string line;
  for (const char* c : kColumns) {
    if (!line.empty()) line += ',';
    auto it = v.find(c);
    if (it != v.end()) line += it->second;
    else if (auto d = kDefaults.find(c); d != kDefaults.end()) line += d->second;
    else line += '?';
  }
  return line;
}

inline std::string UciHeader() {
  return "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,"
         "opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,"
         "subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,"
         "u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,"
         "closed_at";
}

// Line numbers (header = 1) of the fixture's notable rows.
inline constexpr int kLineUnknownState = 11;
inline constexpr int kLineBadDate = 12;
inline constexpr int kLineFieldCount = 15;

// Four incidents:
//  A INC0000001 closed, never reassigned nor reopened, SLA met, resolved 4 h after opening.
//  B INC0000002 resolved, reassigned once (Resolver 10 -> 11), reopened once, SLA missed, 48 h;
//    its rows are out of order in the file and its last row has the undocumented state -100.
//  C INC0000003 still active; its first row has an impossible time (refused), the second creates it.
//  D INC0000004 closed, SLA missed, 2 h; one of its rows has 35 fields (refused).
inline std::string UciFixture() {
  const std::string a_open = "1/3/2016 08:00", b_open = "2/3/2016 10:00", c_open = "5/3/2016 09:00",
                    d_open = "6/3/2016 08:00";
  auto A = [&](std::map<std::string, std::string> v) {
    v.merge(std::map<std::string, std::string>{{"number", "INC0000001"}, {"opened_at", a_open},
                                               {"category", "Category 1"}, {"subcategory", "Subcategory 7"},
                                               {"assignment_group", "Group 1"}, {"resolved_at", "1/3/2016 12:00"},
                                               {"closed_at", "6/3/2016 12:00"}});
    return UciRow(v);
  };
  auto B = [&](std::map<std::string, std::string> v) {
    v.merge(std::map<std::string, std::string>{{"number", "INC0000002"}, {"opened_at", b_open},
                                               {"category", "Category 2"}, {"subcategory", "Subcategory 9"},
                                               {"assignment_group", "Group 2"}, {"impact", "1 - High"},
                                               {"urgency", "1 - High"}, {"priority", "1 - Critical"},
                                               {"resolved_at", "4/3/2016 10:00"}});
    return UciRow(v);
  };
  auto C = [&](std::map<std::string, std::string> v) {
    v.merge(std::map<std::string, std::string>{{"number", "INC0000003"}, {"opened_at", c_open},
                                               {"category", "Category 3"}, {"subcategory", "Subcategory 1"},
                                               {"assigned_to", "Resolver 11"}});
    return UciRow(v);
  };
  auto D = [&](std::map<std::string, std::string> v) {
    v.merge(std::map<std::string, std::string>{{"number", "INC0000004"}, {"opened_at", d_open},
                                               {"category", "Category 1"}, {"subcategory", "Subcategory 7"},
                                               {"resolved_at", "6/3/2016 10:00"}, {"closed_at", "7/3/2016 10:00"}});
    return UciRow(v);
  };
  std::string d_short = D({{"incident_state", "Active"}, {"sys_mod_count", "1"}, {"sys_updated_at", "6/3/2016 09:00"}});
  d_short.erase(d_short.rfind(','));  // 35 fields
  const std::string rows[] = {
      UciHeader(),
      /* 2 */ A({{"incident_state", "New"}, {"sys_mod_count", "0"}, {"sys_updated_at", "1/3/2016 08:05"}}),
      /* 3 */ A({{"incident_state", "Active"}, {"sys_mod_count", "1"}, {"sys_updated_at", "1/3/2016 09:00"},
                 {"assigned_to", "Resolver 10"}}),
      /* 4 */ A({{"incident_state", "Resolved"}, {"sys_mod_count", "2"}, {"sys_updated_at", "1/3/2016 12:00"},
                 {"assigned_to", "Resolver 10"}}),
      /* 5 */ A({{"incident_state", "Closed"}, {"active", "false"}, {"sys_mod_count", "3"},
                 {"sys_updated_at", "6/3/2016 12:00"}, {"assigned_to", "Resolver 10"}}),
      /* 6 */ B({{"incident_state", "Active"}, {"sys_mod_count", "1"}, {"reassignment_count", "1"},
                 {"sys_updated_at", "2/3/2016 11:00"}, {"assigned_to", "Resolver 11"}}),
      /* 7 */ B({{"incident_state", "New"}, {"sys_mod_count", "0"}, {"sys_updated_at", "2/3/2016 10:00"},
                 {"assigned_to", "Resolver 10"}}),
      /* 8 */ B({{"incident_state", "Resolved"}, {"sys_mod_count", "2"}, {"reassignment_count", "1"},
                 {"made_sla", "false"}, {"sys_updated_at", "3/3/2016 10:00"}, {"assigned_to", "Resolver 11"}}),
      /* 9 */ B({{"incident_state", "Active"}, {"sys_mod_count", "3"}, {"reassignment_count", "1"},
                 {"reopen_count", "1"}, {"made_sla", "false"}, {"sys_updated_at", "3/3/2016 12:00"},
                 {"assigned_to", "Resolver 11"}}),
      /* 10 */ B({{"incident_state", "Resolved"}, {"sys_mod_count", "4"}, {"reassignment_count", "1"},
                  {"reopen_count", "1"}, {"made_sla", "false"}, {"sys_updated_at", "4/3/2016 10:00"},
                  {"assigned_to", "Resolver 11"}}),
      /* 11 */ B({{"incident_state", "-100"}, {"sys_mod_count", "5"}, {"reassignment_count", "1"},
                  {"reopen_count", "1"}, {"made_sla", "false"}, {"sys_updated_at", "4/3/2016 11:00"},
                  {"assigned_to", "Resolver 11"}}),
      /* 12 */ C({{"incident_state", "New"}, {"sys_mod_count", "0"}, {"sys_updated_at", "5/3/2016 25:00"}}),
      /* 13 */ C({{"incident_state", "Active"}, {"sys_mod_count", "1"}, {"sys_updated_at", "5/3/2016 09:30"}}),
      /* 14 */ D({{"incident_state", "New"}, {"sys_mod_count", "0"}, {"sys_updated_at", "6/3/2016 08:00"}}),
      /* 15 */ d_short,
      /* 16 */ D({{"incident_state", "Resolved"}, {"sys_mod_count", "2"}, {"made_sla", "false"},
                  {"sys_updated_at", "6/3/2016 10:00"}}),
      /* 17 */ D({{"incident_state", "Closed"}, {"active", "false"}, {"sys_mod_count", "3"}, {"made_sla", "false"},
                  {"sys_updated_at", "7/3/2016 10:00"}}),
  };
  std::string out;
  for (const auto& r : rows) out += r + "\n";
  return out;
}

inline std::filesystem::path WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace boucle::testing
