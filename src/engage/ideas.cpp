#include "engage/ideas.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engage/self_service.hpp"
#include "record/actor.hpp"
#include "record/describe.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

const RoleSet kDesk{Role::kAdmin, Role::kAgent, Role::kTeamLead};

Status MustBeAnIdea(HookContext& ctx, const Json& next) {
  auto idea = ctx.Lookup("demands", IntOr(next, "idea"));
  if (!idea)
    return Fail(Error::Invalid("field.ref_missing", "idea", {{"type", "demands"}, {"id", next["idea"]}}));
  if (TextOr(*idea, "kind") != "idea") return Fail(Error::Invalid("idea.not_an_idea", "idea"));
  return {};
}

Status VoteRules(HookContext& ctx, Json& next, const Json* before) {
  if (auto st = SpeakForSelf(ctx, next, before, "stakeholder"); !st) return st;
  if (!next["stakeholder"].is_number_integer())
    return Fail(Error::Invalid("vote.voter_required", "stakeholder"));
  if (auto st = MustBeAnIdea(ctx, next); !st) return st;
  // The store keeps voter_key unique too; this check only names the clash in the caller's terms.
  auto same = ctx.FindAll("votes", "idea", next["idea"]);
  if (!same) return Fail(same.error());
  for (const auto& v : *same)
    if (v["stakeholder"] == next["stakeholder"] && (!before || v["id"] != (*before)["id"]))
      return Fail(Error{ErrorKind::kConflict, "vote.duplicate", "idea", Json::object(), {}});
  next["voter_key"] = std::to_string(IntOr(next, "idea")) + ":" + std::to_string(IntOr(next, "stakeholder"));
  return {};
}

TypeSpec Votes() {
  return Describe("votes")
      .Labels({"Votes", "Votes"}, {"Vote", "Vote"})
      .In(Area::kEngage)
      .Title("voter_key")
      .Read(RoleSet::All())
      .Create(RoleSet::All())
      .Update({Role::kAdmin})
      .Delete(RoleSet::All())  // end users withdraw their own vote (their row scope applies)
      .OwnedThrough("stakeholder", "stakeholders", "user_account")
      .PublicForm()
      .Ref("idea", {"Idée", "Idea"}, "demands", {.required = true, .filter = true, .list = true})
      .Ref("stakeholder", {"Partie prenante", "Stakeholder"}, "stakeholders", {.filter = true, .list = true})
      .Text("voter_key", {"Clé de vote", "Vote key"}, {.computed = true, .max = 64, .unique = true})
      .Hook(VoteRules)
      .Build();
}

TypeSpec Comments() {
  return Describe("comments")
      .Labels({"Commentaires", "Comments"}, {"Commentaire", "Comment"})
      .In(Area::kEngage)
      .Title("summary")
      .Read(RoleSet::All())
      .Create(RoleSet::All())
      .Update(kDesk)
      .Delete({Role::kAdmin})
      .OwnedThrough("author", "stakeholders", "user_account")
      .PublicForm()
      .Ref("idea", {"Idée", "Idea"}, "demands", {.required = true, .filter = true, .list = true})
      .Ref("author", {"Auteur", "Author"}, "stakeholders", {.filter = true, .list = true})
      .Text("summary", {"Résumé", "Summary"}, {.list = true, .computed = true, .max = 80})
      .Markdown("body", {"Commentaire", "Comment"}, {.required = true, .search = true, .min = 1, .max = 4000})
      .Hook([](HookContext& ctx, Json& next, const Json* before) -> Status {
        if (auto st = SpeakForSelf(ctx, next, before, "author"); !st) return st;
        if (auto st = MustBeAnIdea(ctx, next); !st) return st;
        // A short plain line for lists and links; the body itself is rendered as safe Markdown.
        std::string line = TextOr(next, "body").substr(0, TextOr(next, "body").find('\n'));
        if (line.size() > 77) {
          size_t cut = 77;
          while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;  // whole characters
          line = line.substr(0, cut) + "…";
        }
        next["summary"] = line;
        return {};
      })
      .Build();
}

}  // namespace

Json ComputeIdeasBoard(const std::vector<Json>& ideas, const std::vector<Json>& votes,
                       const std::vector<Json>& voters, const std::vector<Json>& comments,
                       const std::vector<Json>& services, int64_t caller_stakeholder) {
  std::map<int64_t, int64_t> influence;
  for (const auto& s : voters) influence[IntOr(s, "id")] = IntOr(s, "influence", 1);
  std::map<int64_t, std::string> service_names;
  for (const auto& s : services) service_names[IntOr(s, "id")] = TextOr(s, "name");
  std::map<int64_t, IdeaRow> counts;
  std::map<int64_t, bool> mine;
  for (const auto& v : votes) {
    auto& c = counts[IntOr(v, "idea")];
    ++c.votes;
    c.weighted_votes += influence.count(IntOr(v, "stakeholder")) ? influence[IntOr(v, "stakeholder")] : 1;
    if (caller_stakeholder && IntOr(v, "stakeholder") == caller_stakeholder) mine[IntOr(v, "idea")] = true;
  }
  for (const auto& c : comments) ++counts[IntOr(c, "idea")].comments;

  std::vector<Json> rows;
  for (const auto& i : ideas) {
    if (TextOr(i, "kind") != "idea" || TextOr(i, "status") == "merged") continue;
    const int64_t id = IntOr(i, "id");
    const IdeaRow c = counts[id];
    // The public part only: no requester.
    rows.push_back(
        {{"idea", id},
         {"title", i["title"]},
         {"service", i["service"].is_number_integer() ? Json(service_names[IntOr(i, "service")]) : Json()},
         {"status", i["status"]},
         {"votes", c.votes},
         {"weighted_votes", c.weighted_votes},
         {"comments", c.comments},
         {"voted", mine.count(id) > 0}});
  }
  auto by = [&](const char* key) {
    std::stable_sort(rows.begin(), rows.end(), [key](const Json& a, const Json& b) {
      if (a[key] != b[key]) return a[key].get<int64_t>() > b[key].get<int64_t>();
      return a["idea"].get<int64_t>() < b["idea"].get<int64_t>();
    });
  };
  by("weighted_votes");
  for (size_t k = 0; k < rows.size(); ++k) rows[k]["rank_weighted"] = static_cast<int64_t>(k + 1);
  by("votes");
  for (size_t k = 0; k < rows.size(); ++k) rows[k]["rank"] = static_cast<int64_t>(k + 1);
  int64_t total_votes = 0;
  for (const auto& r : rows) total_votes += r["votes"].get<int64_t>();
  return Json{{"rows", rows},
              {"summary",
               {SummaryFigure("ideas", {"Idées", "Ideas"}, static_cast<int64_t>(rows.size())),
                SummaryFigure("votes", {"Votes", "Votes"}, total_votes)}}};
}

Status MoveIdeaSupport(ActionContext& ctx, int64_t from, int64_t into) {
  auto kept = ctx.FindAll("votes", "idea", into);
  if (!kept) return Fail(kept.error());
  std::set<int64_t> voted;
  for (const auto& v : *kept) voted.insert(IntOr(v, "stakeholder"));
  auto votes = ctx.FindAll("votes", "idea", from);
  if (!votes) return Fail(votes.error());
  for (const auto& v : *votes) {
    if (voted.contains(IntOr(v, "stakeholder"))) continue;
    if (auto moved = ctx.UpdateAsSystem("votes", IntOr(v, "id"), {{"idea", into}}); !moved)
      return Fail(moved.error());
  }
  auto comments = ctx.FindAll("comments", "idea", from);
  if (!comments) return Fail(comments.error());
  for (const auto& c : *comments)
    if (auto moved = ctx.UpdateAsSystem("comments", IntOr(c, "id"), {{"idea", into}}); !moved)
      return Fail(moved.error());
  return {};
}

Json ComputeIdeaComments(const std::vector<Json>& ideas, const std::vector<Json>& comments,
                         int64_t caller_stakeholder) {
  std::map<int64_t, const Json*> shown;
  for (const auto& i : ideas)
    if (TextOr(i, "kind") == "idea" && TextOr(i, "status") != "merged") shown[IntOr(i, "id")] = &i;
  Json rows = Json::array();
  for (const auto& c : comments) {
    auto idea = shown.find(IntOr(c, "idea"));
    if (idea == shown.end()) continue;
    rows.push_back({{"idea", idea->first},
                    {"idea_title", (*idea->second)["title"]},
                    {"body", c["body"]},
                    {"at", c["created_at"]},
                    {"mine", caller_stakeholder != 0 && IntOr(c, "author") == caller_stakeholder}});
  }
  return Json{{"rows", rows},
              {"summary",
               {{{"name", "comments"},
                 {"label", {{"fr", "Commentaires"}, {"en", "Comments"}}},
                 {"value", rows.size()}}}}};
}

namespace {

// Who the caller is among the stakeholders (0: none), read without their row scope.
Result<int64_t> CallerStakeholder(ReportContext& ctx) {
  if (ctx.Who().user_id == 0) return 0;
  auto self = ctx.AllForPublicView("stakeholders", {{"user_account", std::to_string(ctx.Who().user_id)}});
  if (!self) return Fail(self.error());
  return self->empty() ? 0 : IntOr(self->front(), "id");
}

void RegisterIdeaComments(Registry& registry) {
  ReportSpec report;
  report.name = "idea_comments";
  report.label = {"Commentaires des idées", "Comments on ideas"};
  report.area = Area::kEngage;
  report.roles = RoleSet::All();
  report.params = {"idea", "service"};
  report.record_params = {{"idea", "demands"}, {"service", "services"}};
  report.paged = true;
  report.columns = {
      {"idea_title", {"Idée", "Idea"}, "text"},
      {"body", {"Commentaire", "Comment"}, "text"},
      {"at", {"Date", "Date"}, "datetime"},
      {"mine", {"Le mien", "Mine"}, "boolean"},
  };
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    ReportParams which{{"kind", "idea"}}, about;
    for (const auto& [k, v] : params) {
      if (k == "idea" && (v.empty() || v.find_first_not_of("0123456789") != std::string::npos))
        return Fail(Error::Invalid("query.invalid_value", "idea", {{"expected", "integer"}}));
      if (k == "idea")
        which.emplace("id", v), about.emplace("idea", v);
      else
        which.emplace(k, v);
    }
    auto ideas = ctx.AllForPublicView("demands", which);
    if (!ideas) return Fail(ideas.error());
    auto comments = ctx.AllForPublicView("comments", about);
    if (!comments) return Fail(comments.error());
    auto self = CallerStakeholder(ctx);
    if (!self) return Fail(self.error());
    return ComputeIdeaComments(*ideas, *comments, *self);
  };
  registry.AddReport(std::move(report));
}

}  // namespace

void RegisterIdeas(Registry& registry) {
  RegisterIdeaComments(registry);
  registry.Add(Votes());
  registry.Add(Comments());
  ReportSpec report;
  report.name = "ideas_board";
  report.label = {"Boîte à idées", "Ideas board"};
  report.area = Area::kEngage;
  report.roles = RoleSet::All();
  report.params = {"service"};
  report.record_params = {{"service", "services"}};
  report.columns = {
      {"rank", {"Rang (votes)", "Rank (votes)"}, "integer"},
      {"title", {"Idée", "Idea"}, "text"},
      {"service", {"Service", "Service"}, "text"},
      {"status", {"Statut", "Status"}, "enum:demands.status"},
      {"votes", {"Votes", "Votes"}, "integer"},
      {"weighted_votes", {"Votes pondérés par l'influence", "Influence-weighted votes"}, "integer"},
      {"rank_weighted", {"Rang (pondéré)", "Rank (weighted)"}, "integer"},
      {"comments", {"Commentaires", "Comments"}, "integer"},
  };
  report.chart = ReportChart{.kind = "bar",
                             .x = "title",
                             .y = "votes",
                             .size = "",
                             .series = "",
                             .label = "title",
                             .quadrants = std::nullopt};
  report.run = [](ReportContext& ctx, const ReportParams& params) -> Result<Json> {
    ReportParams filters{{"kind", "idea"}};
    for (const auto& [k, v] : params) filters.emplace(k, v);
    auto ideas = ctx.AllForPublicView("demands", filters);
    if (!ideas) return Fail(ideas.error());
    auto votes = ctx.AllForPublicView("votes");
    if (!votes) return Fail(votes.error());
    auto people = ctx.AllForPublicView("stakeholders");
    if (!people) return Fail(people.error());
    auto comments = ctx.AllForPublicView("comments");
    if (!comments) return Fail(comments.error());
    auto services = ctx.AllForPublicView("services");
    if (!services) return Fail(services.error());
    int64_t self = 0;
    for (const auto& p : *people)
      if (ctx.Who().user_id != 0 && IntOr(p, "user_account") == ctx.Who().user_id) self = IntOr(p, "id");
    return ComputeIdeasBoard(*ideas, *votes, *people, *comments, *services, self);
  };
  registry.AddReport(std::move(report));
}

}  // namespace boucle
