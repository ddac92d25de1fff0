#pragma once
// What the jobs runner does for surveys on its own: invite after resolved tickets, and remind
// those who have not answered once a campaign's reminder delay has passed.
#include "record/service.hpp"

namespace boucle {
Status RunSurveySchedule(RecordService& records);
}  // namespace boucle
