#include "engage/latest_interaction.hpp"

#include <set>

#include "record/json_access.hpp"

namespace boucle {
namespace {

std::set<int64_t> Attendees(const Json* interaction) {
  std::set<int64_t> out;
  if (interaction && (*interaction)["attendees"].is_array())
    for (const auto& a : (*interaction)["attendees"])
      if (a.is_number_integer()) out.insert(a.get<int64_t>());
  return out;
}

std::optional<TimePoint> At(const Json* record, const char* field) {
  return record ? ParseTime(TextOr(*record, field)) : std::nullopt;
}

Status Set(ActionContext& ctx, int64_t stakeholder, const std::optional<TimePoint>& at) {
  auto r = ctx.UpdateAsSystem("stakeholders", stakeholder,
                              {{"latest_interaction_at", at ? Json(FormatTime(*at)) : Json()}});
  if (!r) return Fail(r.error());
  return {};
}

// The latest of a stakeholder's interactions as they stand now: one read of theirs only, needed
// when the interaction that held their latest date moved earlier, dropped them, or was deleted.
Status Recompute(ActionContext& ctx, int64_t stakeholder) {
  auto theirs = ctx.All("interactions", {{"attendees", std::to_string(stakeholder)}});
  if (!theirs) return Fail(theirs.error());
  std::optional<TimePoint> latest;
  for (const auto& i : *theirs)
    if (auto at = ParseTime(TextOr(i, "occurred_at")); at && (!latest || *at > *latest)) latest = at;
  return Set(ctx, stakeholder, latest);
}

}  // namespace

Status KeepLatestInteraction(ActionContext& ctx, const Json* after, const Json* before) {
  const auto now_at = At(after, "occurred_at"), was_at = At(before, "occurred_at");
  const auto now_in = Attendees(after), was_in = Attendees(before);
  for (int64_t s : now_in) {
    auto person = ctx.Lookup("stakeholders", s);
    if (!person) return Fail(person.error());
    const auto latest = At(&*person, "latest_interaction_at");
    // This interaction held their latest date and moved earlier: another one may now be the latest.
    if (was_in.contains(s) && latest && was_at && *latest == *was_at && now_at && *now_at < *was_at) {
      if (auto st = Recompute(ctx, s); !st) return st;
    } else if (now_at && (!latest || *latest < *now_at)) {
      if (auto st = Set(ctx, s, now_at); !st) return st;
    }
  }
  for (int64_t s : was_in) {
    if (now_in.contains(s)) continue;
    auto person = ctx.Lookup("stakeholders", s);
    if (!person) return Fail(person.error());
    if (const auto latest = At(&*person, "latest_interaction_at"); latest && was_at && *latest == *was_at)
      if (auto st = Recompute(ctx, s); !st) return st;
  }
  return {};
}

}  // namespace boucle
