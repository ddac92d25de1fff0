#pragma once
// The ideas board. An idea is a demand of kind "idea", not a feedback of kind "idea": a demand has
// the desk's lifecycle (triaged, routed to an improvement, done or rejected), so everyone can follow
// what became of an idea, and the merge of look-alike demands applies to ideas as well. Stakeholders
// vote for ideas (one vote each per idea) and comment on them; the "ideas_board" report ranks them
// by votes and by votes weighted with the voters' influence, and shows everyone only their public
// part (title, service, status, counts), never who asked.
#include <vector>

#include "record/registry.hpp"

namespace boucle {

struct IdeaRow {
  int64_t votes = 0, weighted_votes = 0, comments = 0;
};

// Ranks ideas (demands of kind idea) from votes, voters (stakeholders with influence) and comments.
Json ComputeIdeasBoard(const std::vector<Json>& ideas, const std::vector<Json>& votes,
                       const std::vector<Json>& voters, const std::vector<Json>& comments,
                       const std::vector<Json>& services, int64_t caller_stakeholder);

// When the idea `from` is merged into the idea `into`: its votes move there, except a stakeholder's
// who voted for both (their vote stays on the merged idea, which no longer counts), and its comments
// move there whole, so that the discussion goes on where the idea now lives.
Status MoveIdeaSupport(ActionContext& ctx, int64_t from, int64_t into);

// Public comments on ideas, by idea: what was said (text and date) and whether it is the caller's,
// never who said it, as the board shows no voter.
Json ComputeIdeaComments(const std::vector<Json>& ideas, const std::vector<Json>& comments, int64_t caller_stakeholder);

void RegisterIdeas(Registry& registry);

}  // namespace boucle
