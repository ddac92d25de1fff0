#include "improve/improvement_actions.hpp"

#include "record/describe.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

constexpr const char* kType = "improvement_actions";

// The moment an action is done is kept; reopening it forgets it.
Status StampDone(HookContext& ctx, Json& next, const Json* before) {
  const std::string status = TextOr(next, "status", "open");
  if (status != "done")
    next["done_at"] = nullptr;
  else if (!before || TextOr(*before, "status") != "done")
    next["done_at"] = FormatTime(ctx.Now());
  return {};
}

}  // namespace

Status RequireActionsDone(HookContext& ctx, Json& next, const Json* before) {
  if (!before || TextOr(*before, "phase") != "do" || TextOr(next, "phase") != "check") return {};
  auto actions = ctx.FindAll(kType, "improvement", (*before)["id"]);
  if (!actions) return Fail(actions.error());
  int64_t open = 0;
  for (const auto& a : *actions)
    if (TextOr(a, "status", "open") == "open") ++open;
  if (open > 0) return Fail(Error::Invalid("improvement.actions_open", "phase", {{"count", open}}));
  return {};
}

void RegisterImprovementActionType(Registry& registry) {
  const RoleSet editors{Role::kAdmin, Role::kAgent, Role::kTeamLead, Role::kDeveloper};
  registry.Add(Describe(kType)
                   .Labels({"Actions d'amélioration", "Improvement actions"},
                           {"Action d'amélioration", "Improvement action"})
                   .In(Area::kImprove)
                   .Title("title")
                   .SortBy("due_at")
                   .Read(RoleSet::Staff())
                   .Create(editors)
                   .Update(editors)
                   .Delete(editors)
                   .Text("title", {"Action", "Action"},
                         {.required = true, .sort = true, .search = true, .list = true, .min = 3, .max = 200})
                   .Ref("improvement", {"Amélioration", "Improvement"}, "improvements",
                        {.required = true, .filter = true, .list = true})
                   .Ref("owner", {"Responsable", "Owner"}, "users", {.filter = true, .list = true})
                   .DateTime("due_at", {"Échéance", "Due"}, {.filter = true, .sort = true, .list = true})
                   .Enum("status", {"Statut", "Status"},
                         {{"open", {"À faire", "Open"}},
                          {"done", {"Faite", "Done"}},
                          {"cancelled", {"Annulée", "Cancelled"}}},
                         {.required = true, .filter = true, .list = true, .def = "open"})
                   .DateTime("done_at", {"Faite le", "Done on"}, {.sort = true, .computed = true})
                   .Hook(StampDone)
                   .Build());
}

}  // namespace boucle
