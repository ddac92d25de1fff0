#pragma once
// The plan of an improvement: its actions, each with an owner, a due date and a status. Do is done
// when every action is done or cancelled; only then may the improvement move on to Check.
#include "record/registry.hpp"

namespace boucle {

void RegisterImprovementActionType(Registry& registry);

// The before-write rule of improvements that holds them in Do while an action is still open.
Status RequireActionsDone(HookContext& ctx, Json& next, const Json* before);

}  // namespace boucle
