#include "engage/demand_mail.hpp"

#include <optional>

#include "engage/stakeholder_news.hpp"
#include "record/json_access.hpp"

namespace boucle {

Status TellRequester(ActionContext& ctx, const Json& requester, const DemandNews& news) {
  return TellStakeholder(ctx, requester,
                         {.key = news.key,
                          .subject = news.subject,
                          .text = news.text,
                          .summary = news.summary,
                          .about_type = "demands",
                          .about_id = news.follow_demand});
}

}  // namespace boucle

namespace boucle {
namespace {

// What the requesters hear at a step the desk takes by changing the status (routing and merging
// are actions that say more, see demand_type.cpp and demand_merge.cpp).
std::optional<DemandNews> StepNews(const Json& demand) {
  const std::string status = TextOr(demand, "status"), title = TextOr(demand, "title");
  const std::string id = std::to_string(IntOr(demand, "id"));
  DemandNews news;
  news.key = "demand-" + status + ":" + id;
  news.follow_demand = IntOr(demand, "id");
  if (status == "triaged") {
    news.subject = {"Votre demande « " + title + " » a été qualifiée",
                    "Your demand \"" + title + "\" has been triaged"};
    news.summary = {"L'équipe l'a examinée ; elle sera bientôt orientée.",
                    "The team has reviewed it; it will be routed soon."};
  } else if (status == "done") {
    news.subject = {"Votre demande « " + title + " » est réalisée", "Your demand \"" + title + "\" is done"};
    news.summary = {"Ce que vous avez demandé a été fait.", "What you asked for has been done."};
  } else if (status == "rejected") {
    news.subject = {"Votre demande « " + title + " » n'a pas été retenue",
                    "Your demand \"" + title + "\" was not accepted"};
    const std::string reason = TextOr(demand, "rejection_reason");
    news.summary = reason.empty() ? Label{"", ""} : Label{"Motif : " + reason, "Reason: " + reason};
  } else {
    return std::nullopt;
  }
  const std::string reason_fr = news.summary.fr.empty() ? "" : news.summary.fr + "\n";
  const std::string reason_en = news.summary.en.empty() ? "" : news.summary.en + "\n";
  news.text = {"Bonjour,\n\n" + news.subject.fr + ".\n" + reason_fr + "Suivez-la ici : {link}\n",
               "Hello,\n\n" + news.subject.en + ".\n" + reason_en + "Follow it here: {link}\n"};
  return news;
}

}  // namespace

Status TellRequestersOfStep(ActionContext& ctx, const Json* after, const Json* before) {
  if (!after) return {};  // a deletion says nothing to anyone
  const Json& demand = *after;
  if (!before || TextOr(*before, "status") == TextOr(demand, "status")) return {};
  auto news = StepNews(demand);
  if (!news) return {};
  // The requester, then whoever asked the same through a merged duplicate: each once per step.
  if (auto st = TellRequester(ctx, demand["requester"], *news); !st) return st;
  const std::string key = news->key;
  if (demand["requesters"].is_array())
    for (const auto& other : demand["requesters"]) {
      if (other == demand["requester"]) continue;
      news->key = key + ":" + other.dump();
      if (auto st = TellRequester(ctx, other, *news); !st) return st;
    }
  return {};
}

}  // namespace boucle
