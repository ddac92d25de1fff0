#include "support/ticket_news.hpp"

#include "engage/stakeholder_news.hpp"
#include "record/actor.hpp"
#include "record/json_access.hpp"

namespace boucle {

Status TellRequesterResolved(ActionContext& ctx, const Json* after, const Json* before) {
  if (!after) return {};  // a deletion says nothing to anyone
  const Json& ticket = *after;
  if (ctx.Who().user_id == 0 || TextOr(ticket, "status") != "resolved") return {};
  if (before && TextOr(*before, "status") == "resolved") return {};
  const std::string title = TextOr(ticket, "title"), resolution = TextOr(ticket, "resolution");
  const std::string id = std::to_string(IntOr(ticket, "id"));
  const Label summary =
      resolution.empty() ? Label{"", ""} : Label{"Résolution : " + resolution, "Resolution: " + resolution};
  return TellStakeholder(
      ctx, ticket["requester"],
      {.key = "ticket-resolved:" + id + ":" + std::to_string(IntOr(ticket, "reopen_count")),
       .subject = {"Votre ticket « " + title + " » est résolu", "Your ticket \"" + title + "\" is resolved"},
       .summary = summary,
       .about_type = "tickets",
       .about_id = IntOr(ticket, "id"),
       .mail = false});
}

}  // namespace boucle
