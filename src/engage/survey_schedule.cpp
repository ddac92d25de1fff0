#include "engage/survey_schedule.hpp"

namespace boucle {

Status RunSurveySchedule(RecordService& records) {
  const Actor system = Actor::System();
  auto settings = records.List(system, "satisfaction_settings", {{"active", "true"}, {"limit", "100"}});
  if (!settings) return Fail(settings.error());
  for (const auto& s : settings->items)
    if (auto r = records.RunAction(system, "satisfaction_settings", s["id"].get<int64_t>(), "scan",
                                   Json::object());
        !r)
      return Fail(r.error());
  auto campaigns = records.List(system, "survey_campaigns", {{"status", "launched"}, {"limit", "500"}});
  if (!campaigns) return Fail(campaigns.error());
  for (const auto& c : campaigns->items)
    if (auto r = records.RunAction(system, "survey_campaigns", c["id"].get<int64_t>(), "remind",
                                   {{"due_only", true}});
        !r)
      return Fail(r.error());
  return {};
}

}  // namespace boucle
