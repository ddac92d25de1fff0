#include "improve/pdca.hpp"

#include <array>

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
  if ((to == "check" || to == "act" || to == "done") && (next["baseline"].is_null() || next["target"].is_null()))
    return Fail(Error::Invalid("improvement.baseline_required", next["baseline"].is_null() ? "baseline" : "target"));
  return {};
}

}  // namespace boucle::pdca
