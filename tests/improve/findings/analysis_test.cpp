// Each analysis of blocking points on hand-built tickets whose expected answers are worked out by
// hand in the comments.
#include "improve/findings/analysis.hpp"

#include <gtest/gtest.h>

namespace boucle::findings {
namespace {

const TimePoint kMonday = TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5}};  // a Monday

TicketRow Ticket(int64_t id, TimePoint created = kMonday) {
  TicketRow t;
  t.id = id;
  t.created = created;
  t.status = "closed";
  t.resolved = created + std::chrono::hours{1};
  return t;
}

Settings At(TimePoint now) {
  Settings s;
  s.now = now;
  return s;
}

std::vector<Draft> OfKind(const std::vector<Draft>& all, const std::string& kind,
                          const std::string& dimension = "") {
  std::vector<Draft> out;
  for (const auto& d : all)
    if (d.kind == kind && (dimension.empty() || d.dimension == dimension)) out.push_back(d);
  return out;
}

TEST(FindingsPareto, FewCategoriesMakeMostTicketsAndHours) {
  // Categories A ×16 (1 h each), B ×2 (100 h each), C ×1, D ×1 (1 h each): 20 tickets, 218 hours.
  std::vector<TicketRow> rows;
  int64_t id = 0;
  auto add = [&](const char* category, int n, int hours) {
    for (int i = 0; i < n; ++i) {
      auto t = Ticket(++id);
      t.category = category;
      t.resolved = t.created + std::chrono::hours{hours};
      rows.push_back(t);
    }
  };
  add("A", 16, 1);
  add("B", 2, 100);
  add("C", 1, 1);
  add("D", 1, 1);
  const auto bars = Pareto(rows, Dimension::kCategory, false, kMonday);
  ASSERT_EQ(bars.size(), 4u);
  EXPECT_EQ(bars[0].key, "A");
  EXPECT_DOUBLE_EQ(bars[0].share, 0.8);
  EXPECT_DOUBLE_EQ(bars[1].cumulative, 0.9);
  EXPECT_DOUBLE_EQ(bars[3].cumulative, 1.0);
  const auto hours = Pareto(rows, Dimension::kCategory, true, kMonday);
  EXPECT_EQ(hours[0].key, "B");
  EXPECT_DOUBLE_EQ(hours[0].hours, 200.0);
  EXPECT_NEAR(hours[0].share, 200.0 / 218.0, 1e-12);

  const auto found = ParetoFindings(rows, At(kMonday));
  // One value of four (25 % ≤ 40 %) reaches 80 %: by volume A, by hours B (91.7 %).
  const auto volume = OfKind(found, "pareto_volume", "category");
  ASSERT_EQ(volume.size(), 1u);
  EXPECT_EQ(volume[0].subject, "A");
  EXPECT_DOUBLE_EQ(volume[0].score, 0.8);
  EXPECT_EQ(volume[0].ticket_count, 16);
  EXPECT_EQ(volume[0].tickets.front(), 16) << "evidence: newest first";
  EXPECT_NE(volume[0].summary_en.find("1 of 4 categories (25 %) make 80 % of the tickets"), std::string::npos)
      << volume[0].summary_en;
  const auto lost = OfKind(found, "pareto_lost_time", "category");
  ASSERT_EQ(lost.size(), 1u);
  EXPECT_EQ(lost[0].subject, "B");
  EXPECT_EQ(OfKind(found, "pareto_volume", "group").size(), 0u) << "no group on these tickets";
}

TEST(FindingsPareto, EvenSpreadIsNotAFinding) {
  std::vector<TicketRow> rows;
  for (int i = 0; i < 20; ++i) {
    auto t = Ticket(i + 1);
    t.category = std::string(1, static_cast<char>('A' + i % 4));
    rows.push_back(t);
  }
  EXPECT_TRUE(ParetoFindings(rows, At(kMonday)).empty()) << "all four values are needed to reach 80 %";
}

TEST(FindingsPingPong, PairsOfGroupsThatSendTicketsBack) {
  std::vector<TicketRow> rows;
  auto add = [&](int64_t id, std::vector<std::string> path) {
    auto t = Ticket(id);
    t.group_path = std::move(path);
    rows.push_back(t);
  };
  add(1, {"Desk", "Network", "Desk"});             // bounce Desk ↔ Network
  add(2, {"Desk", "Network", "Network", "Desk"});  // the repeat is one stay: still a bounce
  add(3, {"Network", "Desk", "Network"});          // the same pair, the other way
  add(4, {"Desk", "Network", "Servers"});          // passed on, never back: no bounce
  add(5, {"Desk", "Servers", "Desk", "Servers"});  // two bounces of one pair count one ticket
  add(6, {"Desk", "", "Network", "", "Desk"});     // unassigned steps are not a group
  auto found = PingPongFindings(rows, At(kMonday));
  ASSERT_EQ(found.size(), 1u) << "Desk ↔ Servers has one ticket, below the minimum of three";
  EXPECT_EQ(found[0].kind, "ping_pong");
  EXPECT_EQ(found[0].dimension, "group");
  EXPECT_EQ(found[0].subject, "Desk ↔ Network");
  EXPECT_EQ(found[0].ticket_count, 4);
  EXPECT_EQ(found[0].tickets, (std::vector<int64_t>{6, 3, 2, 1}));
}

TEST(FindingsPingPong, OnlyTheTenPairsThatBounceMost) {
  // Twelve pairs G0 ↔ Hk bounce 3 + k tickets each: the ten with 5 to 14 tickets are kept.
  std::vector<TicketRow> rows;
  int64_t id = 0;
  for (int k = 0; k < 12; ++k)
    for (int i = 0; i < 3 + k; ++i) {
      auto t = Ticket(++id);
      t.group_path = {"G0", "H" + std::to_string(k), "G0"};
      rows.push_back(t);
    }
  auto found = PingPongFindings(rows, At(kMonday));
  ASSERT_EQ(found.size(), 10u);
  EXPECT_EQ(found.front().ticket_count, 14);
  EXPECT_EQ(found.back().ticket_count, 5);
}

TEST(FindingsBreachDrivers, TheGroupThatBreachesBeyondChance) {
  // Three groups of 20 tickets with an SLA verdict: G1 breaches 15, G2 2, G3 1; 18 of 60 overall (30 %).
  std::vector<TicketRow> rows;
  int64_t id = 0;
  auto add = [&](const char* group, int breached, int kept) {
    for (int i = 0; i < breached + kept; ++i) {
      auto t = Ticket(++id);
      t.group = group;
      t.category = "Same";
      t.priority = "medium";
      t.breached = i < breached;
      rows.push_back(t);
    }
  };
  add("G1", 15, 5);
  add("G2", 2, 18);
  add("G3", 1, 19);
  auto found = BreachDriverFindings(rows, At(kMonday));
  ASSERT_EQ(found.size(), 1u);
  const auto& f = found[0];
  EXPECT_EQ(f.dimension, "group");
  EXPECT_EQ(f.subject, "G1");
  EXPECT_EQ(f.kpi, "sla_compliance");
  // 75 % against 3 of 40 = 7.5 % elsewhere; pooled 30 %: z = 0.675 / sqrt(0.3 × 0.7 × (1/20 + 1/40)) = 5.378.
  EXPECT_NEAR(f.figures["z"].get<double>(), 5.378, 1e-3);
  EXPECT_DOUBLE_EQ(f.figures["breach_rate"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(f.score, 9.0) << "15 breaches where 30 % of 20 = 6 were expected";
  EXPECT_EQ(f.ticket_count, 15);
  // The group explains 9 of the 18 breaches; category and priority (one value each) none.
  EXPECT_EQ(f.figures["dimensions"][0]["dimension"], "group");
  EXPECT_DOUBLE_EQ(f.figures["dimensions"][0]["excess_share"].get<double>(), 0.5);
  EXPECT_NE(f.summary_en.find("explains the breaches most (50 % in excess)"), std::string::npos)
      << f.summary_en;
}

TEST(FindingsBreachDrivers, NoVerdictNoDriver) {
  std::vector<TicketRow> rows{Ticket(1), Ticket(2)};
  EXPECT_TRUE(BreachDriverFindings(rows, At(kMonday)).empty());
}

TEST(FindingsRecurring, LookAlikeIncidentsOfOneServiceAreAProblemCandidate) {
  const TimePoint now = kMonday + std::chrono::days{10};
  std::vector<TicketRow> rows;
  auto add = [&](int64_t id, const char* text, const char* kind = "incident", TimePoint at = kMonday) {
    auto t = Ticket(id, at);
    t.kind = kind;
    t.service_key = "7";
    t.service_label = "Messagerie";
    t.text = text;
    rows.push_back(t);
  };
  add(1, "Outlook ne démarre plus");
  add(2, "outlook démarre pas");
  add(3, "Outlook ne démarre plus ce matin");    // {outlook, démarre, matin}: 2 of 3 words shared
  add(4, "Imprimante bloquée au 3e étage");      // another subject
  add(5, "Outlook ne démarre plus", "request");  // a request is not an incident
  add(6, "Outlook ne démarre plus", "incident", kMonday - std::chrono::days{200});  // outside 90 days
  auto found = RecurringFindings(rows, At(now));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].dimension, "service");
  EXPECT_EQ(found[0].subject, "Messagerie — outlook démarre");
  EXPECT_EQ(found[0].subject_key, "7");
  EXPECT_EQ(found[0].tickets, (std::vector<int64_t>{3, 2, 1}));
  Settings strict = At(now);
  strict.min_recurring = 4;
  EXPECT_TRUE(RecurringFindings(rows, strict).empty());
}

TEST(FindingsRecurring, GreetingsDoNotMakeIncidentsAlike) {
  // 24 incidents in the same polite frame, {bonjour, merci, avance, cordialement} plus their own
  // subject: 4 of 6 words shared (0.67) until the words in more than half of them are set aside.
  std::vector<TicketRow> rows;
  for (int i = 0; i < 24; ++i) {
    auto t = Ticket(i + 1);
    t.service_key = "7";
    const std::string subject =
        i < 3 ? "imprimante bourrage" : "sujet" + std::to_string(i) + " detail" + std::to_string(i);
    t.text = "Bonjour, " + subject + ". Merci d'avance, cordialement";
    rows.push_back(t);
  }
  auto found = RecurringFindings(rows, At(kMonday));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].tickets, (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(found[0].figures["words"], "imprimante bourrage");
}

TEST(FindingsBacklog, GroupWhoseOpenTicketsAreMostlyOld) {
  const TimePoint now = kMonday + std::chrono::days{100};
  std::vector<TicketRow> rows;
  auto add = [&](int64_t id, const char* group, int age_days, bool open = true) {
    auto t = Ticket(id, now - std::chrono::days{age_days});
    t.group = group;
    t.category = "Poste";
    if (open) {
      t.status = "in_progress";
      t.resolved.reset();
    }
    rows.push_back(t);
  };
  for (int i = 1; i <= 4; ++i) add(i, "Desk", 40 + i);  // old
  add(5, "Desk", 2);
  add(6, "Desk", 0);
  add(7, "Desk", 60, false);  // resolved: not backlog
  for (int i = 8; i <= 11; ++i) add(i, "Network", 3);
  add(12, "Network", 45);
  auto found = BacklogFindings(rows, At(now));
  const auto groups = OfKind(found, "backlog_ageing", "group");
  ASSERT_EQ(groups.size(), 1u) << "Network: 1 old of 5 (20 %) is under half";
  EXPECT_EQ(groups[0].subject, "Desk");
  EXPECT_DOUBLE_EQ(groups[0].score, 4.0);
  EXPECT_EQ(groups[0].figures["open"], 6);
  EXPECT_EQ(groups[0].figures["under_1_day"], 1);
  EXPECT_EQ(groups[0].figures["under_7_days"], 1);
  EXPECT_EQ(groups[0].tickets, (std::vector<int64_t>{4, 3, 2, 1}));
  // By category, Poste: 5 old (Desk's 4 and Network's 1) of 11 open = 45 %: under half.
  EXPECT_TRUE(OfKind(found, "backlog_ageing", "category").empty());
}

TEST(FindingsTrend, VolumeShiftFlaggedWithItsWeek) {
  // Weeks 1-8: 2 or 3 tickets; weeks 9-16: 10 or 11; week 17 has one ticket and is still filling up.
  std::vector<TicketRow> rows;
  int64_t id = 0;
  for (int w = 0; w < 16; ++w) {
    const int n = (w < 8 ? 2 : 10) + w % 2;
    for (int i = 0; i < n; ++i)
      rows.push_back(Ticket(++id, kMonday + std::chrono::weeks{w} + std::chrono::hours{i}));
  }
  rows.push_back(Ticket(++id, kMonday + std::chrono::weeks{16}));
  auto found = TrendFindings(rows, At(kMonday + std::chrono::weeks{16} + std::chrono::days{2}));
  const auto volume = OfKind(found, "trend_change");
  ASSERT_EQ(volume.size(), 1u) << "resolve time, SLA and reassignments do not move";
  EXPECT_EQ(volume[0].subject, "ticket_volume");
  EXPECT_EQ(volume[0].at, "2026-03-02T00:00:00Z") << "week 9 = 5 January + 8 weeks";
  EXPECT_DOUBLE_EQ(volume[0].figures["before_mean"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(volume[0].figures["after_mean"].get<double>(), 10.5);
  EXPECT_EQ(volume[0].figures["weeks"], 16) << "the 17th week is left out";
  EXPECT_EQ(volume[0].figures["worse"], true);
  EXPECT_NE(volume[0].summary_en.find("Since the week of 2026-03-02, ticket volume rose"), std::string::npos)
      << volume[0].summary_en;
}

TEST(FindingsTrend, FlatSeriesIsNotAFinding) {
  std::vector<TicketRow> rows;
  int64_t id = 0;
  for (int w = 0; w < 16; ++w)
    for (int i = 0; i < 3 + w % 2; ++i) rows.push_back(Ticket(++id, kMonday + std::chrono::weeks{w}));
  EXPECT_TRUE(TrendFindings(rows, At(kMonday + std::chrono::weeks{20})).empty());
}

}  // namespace
}  // namespace boucle::findings
