#include "support/ticket_rules.hpp"

#include <array>

#include "record/actor.hpp"
#include "record/json_access.hpp"

namespace boucle::ticket {
namespace {

int Level(std::string_view v) { return v == "high" ? 0 : v == "medium" ? 1 : 2; }

bool IsOpen(std::string_view status) { return status != "resolved" && status != "closed"; }

}  // namespace

std::string PriorityFor(std::string_view impact, std::string_view urgency) {
  // Rows: impact high/medium/low; columns: urgency high/medium/low.
  static constexpr std::array<std::array<const char*, 3>, 3> kMatrix{{
      {"critical", "high", "medium"},
      {"high", "medium", "low"},
      {"medium", "low", "low"},
  }};
  return kMatrix[Level(impact)][Level(urgency)];
}

std::chrono::hours ResolutionTarget(std::string_view priority) {
  if (priority == "critical") return std::chrono::hours{4};
  if (priority == "high") return std::chrono::hours{8};
  if (priority == "medium") return std::chrono::hours{24};
  return std::chrono::hours{72};
}

bool TransitionAllowed(std::string_view from, std::string_view to) {
  if (from == to) return true;
  if (from == "closed") return false;  // closed is final: a new ticket is opened instead
  if (from == "resolved") return to == "closed" || to == "in_progress" || to == "assigned";  // reopen
  if (to == "new") return false;
  return true;  // among the open states, and from any open state to resolved or closed
}

Status Apply(HookContext& ctx, Json& next, const Json* before) {
  const auto now = FormatTime(ctx.Now());

  // A ticket imported from another tool keeps its own history and SLA verdict: judging the past
  // by today's targets and lifecycle would rewrite it.
  if (ctx.Who().user_id == 0 && !next["external_ref"].is_null()) {
    if (next["priority"].is_null())
      next["priority"] = PriorityFor(TextOr(next, "impact", "medium"), TextOr(next, "urgency", "medium"));
    return {};
  }

  // End users open tickets for themselves only.
  if (ctx.Who().role == Role::kEndUser && !before) {
    auto self = ctx.FindOne("stakeholders", "user_account", ctx.Who().user_id);
    if (!self) return Fail(self.error());
    if (self->is_null()) return Fail(Error::Invalid("ticket.requester_unknown", "requester"));
    next["requester"] = (*self)["id"];
  }

  next["priority"] = PriorityFor(TextOr(next, "impact", "medium"), TextOr(next, "urgency", "medium"));
  const std::string created_at = TextOr(next, "created_at", now);
  if (auto created = ParseTime(created_at)) next["sla_due"] = FormatTime(*created + ResolutionTarget(next["priority"].get<std::string>()));

  const std::string from = before ? TextOr(*before, "status", "new") : "new";
  std::string to = TextOr(next, "status", "new");
  if (!before && to != "new" && to != "assigned" && to != "in_progress") {
    // A ticket may be recorded already resolved (first-contact resolution); only not closed.
    if (to == "closed") return Fail(Error::Invalid("ticket.transition_not_allowed", "status", {{"from", "new"}, {"to", to}}));
  }
  if (before && !TransitionAllowed(from, to))
    return Fail(Error::Invalid("ticket.transition_not_allowed", "status", {{"from", from}, {"to", to}}));

  const bool has_assignee = next.contains("assignee") && !next["assignee"].is_null();
  if (to == "new" && has_assignee) to = next["status"] = "assigned";
  if (to == "assigned" && !has_assignee) return Fail(Error::Invalid("ticket.assignee_required", "assignee"));

  if (before) {
    const auto& old_assignee = (*before)["assignee"];
    if (!old_assignee.is_null() && next["assignee"] != old_assignee)
      next["reassignment_count"] = IntOr(*before, "reassignment_count", 0) + 1;
  }

  const bool was_open = IsOpen(from) || !before;
  if (to == "resolved" || to == "closed") {
    const auto resolution = TextOr(next, "resolution", "");
    if (resolution.empty()) return Fail(Error::Invalid("ticket.resolution_required", "resolution"));
    if (was_open || next["resolved_at"].is_null()) next["resolved_at"] = now;
    if (to == "closed" && next["closed_at"].is_null()) next["closed_at"] = now;
    const auto due = ParseTime(TextOr(next, "sla_due", ""));
    const auto resolved = ParseTime(next["resolved_at"].get<std::string>());
    if (due && resolved) next["sla_breached"] = *resolved > *due;
  } else if (before && !IsOpen(from)) {
    // Reopened: the clock of resolution starts again but the SLA due date stays.
    next["reopen_count"] = IntOr(*before, "reopen_count", 0) + 1;
    next["resolved_at"] = nullptr;
    next["closed_at"] = nullptr;
    next["sla_breached"] = nullptr;
  }
  return {};
}

}  // namespace boucle::ticket
