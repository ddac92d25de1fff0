#include "improve/pdca.hpp"

#include <array>
#include <cmath>
#include <optional>

#include "record/json_access.hpp"

namespace boucle::pdca {
namespace {
constexpr std::array<std::string_view, 5> kPhases{"plan", "do", "check", "act", "done"};
int Index(std::string_view p) {
  for (size_t i = 0; i < kPhases.size(); ++i)
    if (kPhases[i] == p) return static_cast<int>(i);
  return 0;
}
}  // namespace

bool PhaseChangeAllowed(std::string_view from, std::string_view to) {
  return to == "plan" || Index(to) <= Index(from) + 1;
}

Status Apply(HookContext&, Json& next, const Json* before) {
  const std::string from = before ? TextOr(*before, "phase", "plan") : "plan";
  const std::string to = TextOr(next, "phase", "plan");
  if (!before && to != "plan" && to != "do")
    return Fail(Error::Invalid("improvement.phase_not_allowed", "phase", {{"from", "plan"}, {"to", to}}));
  if (before && !PhaseChangeAllowed(from, to))
    return Fail(Error::Invalid("improvement.phase_not_allowed", "phase", {{"from", from}, {"to", to}}));
  // Checking needs something to check against.
  if ((to == "check" || to == "act" || to == "done") &&
      (next["baseline"].is_null() || next["target"].is_null()))
    return Fail(
        Error::Invalid("improvement.baseline_required", next["baseline"].is_null() ? "baseline" : "target"));
  return {};
}

std::optional<double> PriorityScore(const Json& improvement) {
  const int64_t value = IntOr(improvement, "value"), effort = IntOr(improvement, "effort"),
                urgency = IntOr(improvement, "urgency");
  if (value <= 0 || effort <= 0 || urgency <= 0) return std::nullopt;
  return std::round(100.0 * static_cast<double>(value * urgency) / static_cast<double>(effort)) / 100.0;
}

Status Prioritise(HookContext&, Json& next, const Json*) {
  const auto score = PriorityScore(next);
  next["priority_score"] = score ? Json(*score) : Json();
  return {};
}

}  // namespace boucle::pdca
