#include "app/registry.hpp"

#include "account/user_type.hpp"
#include "build/build.hpp"
#include "engage/engage.hpp"
#include "engage/surveys.hpp"
#include "improve/improve.hpp"
#include "jobs/outbox.hpp"
#include "link/link_type.hpp"
#include "notify/notify.hpp"
#include "support/support.hpp"

namespace boucle {

Registry BuildRegistry() {
  Registry registry;
  RegisterUserType(registry);
  RegisterSupportTypes(registry);
  RegisterEngageTypes(registry);
  RegisterBuildTypes(registry);
  RegisterImproveTypes(registry);
  RegisterLinkType(registry);
  RegisterJobTypes(registry);
  RegisterNotificationType(registry);
  RegisterSurveyTypes(registry);
  registry.Validate();
  return registry;
}

}  // namespace boucle
