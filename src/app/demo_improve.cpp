#include "app/demo_improve.hpp"

#include <array>
#include <chrono>

#include "app/demo_writer.hpp"
#include "record/json_access.hpp"

namespace boucle {
namespace {

using std::chrono::days;
using std::chrono::hours;

#define IMPROVE_TRY(expr)                    \
  do {                                       \
    if (auto st_ = (expr); !st_) return st_; \
  } while (false)

// How each demo improvement is weighed (value, effort, urgency, 1 to 5), by title.
struct Weighing {
  const char* title;
  int value, effort, urgency;
  bool strategic;  // part of the DSI's year plan rather than this quarter's operational one
};

constexpr std::array<Weighing, 9> kWeighings{{
    {"Restauration de fichiers en libre-service", 3, 2, 2, false},
    {"Réduire le temps de résolution des incidents VPN", 5, 3, 5, true},
    {"Réinitialisation des mots de passe en libre-service", 5, 4, 4, true},
    {"Améliorer la couverture Wi-Fi des salles de réunion", 4, 4, 3, true},
    {"Fiabiliser les copieurs du 2e étage", 3, 2, 3, false},
    {"Mieux orienter les tickets de messagerie dès leur ouverture", 4, 2, 3, false},
    {"Guide de démarrage des salles de visioconférence", 2, 1, 2, false},
    {"Simplifier la clôture mensuelle dans l'ERP Finance", 5, 5, 4, true},
    {"Modèles de demande dans Boucle", 3, 2, 1, false},
}};

struct Why {
  int parent;  // index in the chain, -1 for the first why
  const char* statement;
  const char* dimension;
  bool root;
};

// Root-cause analysis of the VPN improvement: the main chain and a second branch.
constexpr std::array<Why, 7> kVpnWhys{{
    {-1, "Les incidents VPN restent ouverts deux fois plus longtemps que ceux des autres services réseau",
     "value_streams_processes", false},
    {0, "Le support de niveau 1 transfère presque tous les incidents VPN au réseau", "organisations_people",
     false},
    {1, "Le niveau 1 ne sait pas distinguer un certificat expiré d'une panne de passerelle",
     "organisations_people", false},
    {2, "Aucune procédure de diagnostic n'existe pour le niveau 1", "value_streams_processes", false},
    {3, "Le service VPN a été mis en production sans transfert de connaissances au support",
     "value_streams_processes", true},
    {0, "La passerelle sature le lundi matin sans que personne ne soit alerté", "information_technology",
     false},
    {5, "Le contrat du fournisseur ne prévoit pas de supervision de la capacité", "partners_suppliers", true},
}};

class ImproveLoader {
 public:
  ImproveLoader(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options)
      : w_(records, tx, clock, options.now), now_(options.now) {}

  Status Run() {
    IMPROVE_TRY(w_.Begin());
    IMPROVE_TRY(PlansAndPriorities());
    IMPROVE_TRY(VpnRootCauses());
    IMPROVE_TRY(ProceduresChangedByImprovements());
    IMPROVE_TRY(PortfolioDecisions());
    IMPROVE_TRY(Opportunities());
    IMPROVE_TRY(MeasuredEffects());
    IMPROVE_TRY(PlannedActions());
    return {};
  }

 private:
  TimePoint Ago(int d) const { return now_ - days{d}; }
  Result<Json> Improvement(const char* title) { return w_.Find("improvements", "title", title); }
  Result<int64_t> ServiceId(const char* name) {
    auto s = w_.Find("services", "name", name);
    if (!s) return Fail(s.error());
    return IntOr(*s, "id");
  }

  Status PlansAndPriorities() {
    auto strategic = w_.Create("cio", "improvement_plans",
                               {{"title", "Plan d'amélioration de la DSI sur douze mois"},
                                {"level", "strategic"},
                                {"owner", w_.UserId("cio")},
                                {"start_quarter", FormatQuarter(Ago(180))},
                                {"end_quarter", FormatQuarter(now_ + days{180})},
                                {"status", "in_progress"},
                                {"objectives",
                                 "1. Réduire le temps de résolution des services critiques (VPN, ERP)\n"
                                 "2. Développer le libre-service pour les demandes fréquentes\n"
                                 "3. Fiabiliser l'accueil des salles de réunion"}},
                               Ago(190));
    if (!strategic) return Fail(strategic.error());
    auto operational =
        w_.Create("lead.infra", "improvement_plans",
                  {{"title", "Plan opérationnel du support pour le trimestre"},
                   {"level", "operational"},
                   {"owner", w_.UserId("lead.infra")},
                   {"start_quarter", FormatQuarter(now_)},
                   {"end_quarter", FormatQuarter(now_)},
                   {"status", "approved"},
                   {"objectives", "Les améliorations rapides du support : orientation, guides, modèles."}},
                  Ago(20));
    if (!operational) return Fail(operational.error());
    for (const auto& wgh : kWeighings) {
      auto imp = Improvement(wgh.title);
      if (!imp) return Fail(imp.error());
      const std::string owner = LoginOf(*imp);
      IMPROVE_TRY(w_.Update(owner, "improvements", *imp,
                            {{"plan", (wgh.strategic ? *strategic : *operational)["id"]},
                             {"value", wgh.value},
                             {"effort", wgh.effort},
                             {"urgency", wgh.urgency}},
                            Ago(15)));
    }
    return {};
  }

  // The login of an improvement's owner, for writing as them.
  std::string LoginOf(const Json& improvement) {
    const int64_t owner = IntOr(improvement, "owner");
    for (const char* login : {"lead.reseau", "lead.infra", "lead.dev", "cio", "admin"})
      if (w_.UserId(login) == owner) return login;
    return "admin";
  }

  Status VpnRootCauses() {
    auto imp = Improvement("Réduire le temps de résolution des incidents VPN");
    if (!imp) return Fail(imp.error());
    std::vector<Json> ids;
    for (size_t i = 0; i < kVpnWhys.size(); ++i) {
      const Why& why = kVpnWhys[i];
      auto c = w_.Create("lead.reseau", "causes",
                         {{"improvement", (*imp)["id"]},
                          {"parent", why.parent < 0 ? Json() : ids[static_cast<size_t>(why.parent)]},
                          {"statement", why.statement},
                          {"dimension", why.dimension},
                          {"root_cause", why.root}},
                         Ago(200) + hours{static_cast<int>(i)});
      if (!c) return Fail(c.error());
      ids.push_back((*c)["id"]);
    }
    return {};
  }

  // Check: each improvement past Do measures its indicator from when its work began, as its owner
  // would from the PDCA board.
  Status MeasuredEffects() {
    auto improvements = w_.Where("improvements", {{"phase__in", "check,act,done"}, {"kpi__null", "false"}});
    if (!improvements) return Fail(improvements.error());
    for (const auto& imp : *improvements) {
      auto began = w_.FirstSet("improvements", IntOr(imp, "id"), "phase", "do");
      if (!began) return Fail(began.error());
      if (!*began || **began > Ago(14)) continue;  // too recent to measure
      auto owner = w_.Find("users", "id", std::to_string(IntOr(imp, "owner")));
      if (!owner) return Fail(owner.error());
      auto measured = w_.Action(TextOr(*owner, "login"), "improvements", IntOr(imp, "id"), "measure_effect",
                                {{"change_at", FormatTime(**began)}, {"window_days", 90}}, Ago(1));
      if (!measured) return Fail(measured.error());
    }
    return {};
  }

  // The plan of the improvements under way: who does what by when, some of it done already.
  Status PlannedActions() {
    struct Step {
      const char* improvement;
      const char* owner;
      const char* title;
      int due_in_days;
      int done_days_ago;  // 0: still to do
    };
    static constexpr std::array<Step, 5> kSteps{{
        {"Guide de démarrage des salles de visioconférence", "lead.reseau",
         "Rédiger le guide pas à pas avec captures d'écran", -10, 12},
        {"Guide de démarrage des salles de visioconférence", "agent.martin",
         "Afficher le guide dans chaque salle (QR code)", 7, 0},
        {"Guide de démarrage des salles de visioconférence", "lead.reseau",
         "Former le support au diagnostic des salles", 21, 0},
        {"Simplifier la clôture mensuelle dans l'ERP Finance", "lead.dev",
         "Recenser les étapes manuelles avec la comptabilité", 14, 0},
        {"Modèles de demande dans Boucle", "lead.dev", "Choisir les cinq demandes les plus fréquentes", 30,
         0},
    }};
    for (const auto& step : kSteps) {
      auto imp = Improvement(step.improvement);
      if (!imp) return Fail(imp.error());
      auto action = w_.Create(step.owner, "improvement_actions",
                              {{"title", step.title},
                               {"improvement", (*imp)["id"]},
                               {"owner", w_.UserId(step.owner)},
                               {"due_at", FormatTime(now_ + days{step.due_in_days})}},
                              Ago(30));
      if (!action) return Fail(action.error());
      if (step.done_days_ago > 0)
        IMPROVE_TRY(w_.Update(step.owner, "improvement_actions", *action, {{"status", "done"}},
                              Ago(step.done_days_ago)));
    }
    return {};
  }

  Status ProceduresChangedByImprovements() {
    auto vpn = Improvement("Réduire le temps de résolution des incidents VPN");
    if (!vpn) return Fail(vpn.error());
    auto service = ServiceId("VPN");
    if (!service) return Fail(service.error());
    auto procedure = w_.Create("lead.reseau", "procedures",
                               {{"title", "Diagnostic de niveau 1 des incidents VPN"},
                                {"kind", "procedure"},
                                {"service", *service},
                                {"changed_by_improvement", (*vpn)["id"]},
                                {"body",
                                 "1. Demander le message d'erreur exact du client VPN\n"
                                 "2. Vérifier la date d'expiration du certificat du poste\n"
                                 "3. Escalader au réseau si la passerelle ne répond pas"}},
                               Ago(170));
    if (!procedure) return Fail(procedure.error());
    IMPROVE_TRY(w_.Update("lead.reseau", "procedures", *procedure, {{"status", "published"}}, Ago(165)));
    // The check showed certificate renewals still reached level 2: the procedure gained a step.
    IMPROVE_TRY(w_.Update("lead.reseau", "procedures", *procedure,
                          {{"body",
                            "1. Demander le message d'erreur exact du client VPN\n"
                            "2. Vérifier la date d'expiration du certificat du poste\n"
                            "3. **Renouveler le certificat** depuis la console (article KB-VPN-02)\n"
                            "4. Escalader au réseau si la passerelle ne répond pas"}},
                          Ago(90)));
    auto policy = w_.Create("admin", "procedures",
                            {{"title", "Politique de mots de passe des agents"},
                             {"kind", "policy"},
                             {"status", "published"},
                             {"body",
                              "- 12 caractères au moins\n- changement tous les 12 mois\n"
                              "- réinitialisation en libre-service avec un code SMS"}},
                            Ago(120));
    if (!policy) return Fail(policy.error());
    auto restore = Improvement("Restauration de fichiers en libre-service");
    if (!restore) return Fail(restore.error());
    auto article = w_.Create("lead.infra", "procedures",
                             {{"title", "Restaurer soi-même une version précédente d'un fichier"},
                              {"kind", "knowledge"},
                              {"status", "published"},
                              {"changed_by_improvement", (*restore)["id"]},
                              {"body",
                               "Clic droit sur le fichier du partage, **Propriétés**, onglet **Versions "
                               "précédentes**, puis **Restaurer**."}},
                             Ago(60));
    if (!article) return Fail(article.error());
    return {};
  }

  Status PortfolioDecisions() {
    struct Decision {
      const char* service;
      const char* decision;
      const char* summary;
      const char* evidence;
      int days_ago;
    };
    constexpr std::array<Decision, 4> decisions{{
        {"Téléphonie", "retire", "Retirer la téléphonie fixe (PABX)",
         "- volume en baisse de 60 % sur un an\n- contrat de maintenance du PABX à renouveler\n"
         "- la visioconférence couvre les besoins d'appel",
         240},
        {"VPN", "improve", "Améliorer le VPN avant d'étendre le télétravail",
         "- temps moyen de résolution 19,5 h (cible 8 h)\n- réclamations répétées des agents en télétravail",
         200},
        {"Messagerie", "keep", "Conserver la messagerie en l'état",
         "- SLA respecté à plus de 90 %\n- satisfaction stable", 150},
        {"Boucle (l'outil ITSM)", "grow", "Étendre Boucle à la relation avec les directions métier",
         "- adoption du portail par les agents\n- idées d'amélioration nombreuses et bien notées", 45},
    }};
    for (const auto& d : decisions) {
      auto service = ServiceId(d.service);
      if (!service) return Fail(service.error());
      auto r = w_.Create("cio", "portfolio_decisions",
                         {{"service", *service},
                          {"decision", d.decision},
                          {"summary", d.summary},
                          {"evidence", d.evidence},
                          {"decided_at", FormatTime(Ago(d.days_ago))},
                          {"decided_by", w_.UserId("cio")},
                          {"review_at", FormatTime(Ago(d.days_ago) + days{365})}},
                         Ago(d.days_ago));
      if (!r) return Fail(r.error());
    }
    return {};
  }

  Status Opportunities() {
    auto vpn = Improvement("Réduire le temps de résolution des incidents VPN");
    if (!vpn) return Fail(vpn.error());
    auto service = ServiceId("VPN");
    if (!service) return Fail(service.error());
    auto training = w_.Create("lead.reseau", "opportunities",
                              {{"title", "Former le support de niveau 1 au diagnostic VPN"},
                               {"kind", "training"},
                               {"service", *service},
                               {"improvement", (*vpn)["id"]},
                               {"description", "Une demi-journée de formation, avec la nouvelle procédure."}},
                              Ago(160));
    if (!training) return Fail(training.error());
    auto handed = w_.Action("lead.reseau", "opportunities", IntOr(*training, "id"), "hand_over",
                            {{"note", "À planifier avant la rentrée."}}, Ago(158));
    if (!handed) return Fail(handed.error());
    auto feature =
        w_.Create("lead.dev", "opportunities",
                  {{"title", "Créer les tickets depuis les alertes de supervision"},
                   {"kind", "feature"},
                   {"service", *service},
                   {"improvement", (*vpn)["id"]},
                   {"description", "La saturation de la passerelle ouvrirait un incident avant les appels."}},
                  Ago(30));
    if (!feature) return Fail(feature.error());
    return {};
  }

  DemoWriter w_;
  TimePoint now_;
};

#undef IMPROVE_TRY

}  // namespace

Status LoadDemoImprove(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options) {
  return ImproveLoader(records, tx, clock, options).Run();
}

}  // namespace boucle
