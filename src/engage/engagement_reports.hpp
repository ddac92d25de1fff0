#pragma once
// Two views of the stakeholder map, both filterable by service and stakeholder group:
//  power_interest: influence × interest grid; the quadrants say how to engage each person
//    (manage closely, keep satisfied, keep informed, monitor);
//  engagement_matrix: current against desired engagement, with the gap to close.
#include <string>
#include <vector>

#include "record/registry.hpp"

namespace boucle {

// "manage_closely", "keep_satisfied", "keep_informed" or "monitor": high means 4 or 5 of 5.
std::string Quadrant(int64_t influence, int64_t interest);
// Steps from current to desired engagement (unaware 0 ... leading 4): positive when to raise.
int64_t EngagementGap(const std::string& current, const std::string& desired);

Json ComputePowerInterest(const std::vector<Json>& stakeholders, const std::string& lang);
Json ComputeEngagementMatrix(const std::vector<Json>& stakeholders);

void RegisterEngagementReports(Registry& registry);

}  // namespace boucle
