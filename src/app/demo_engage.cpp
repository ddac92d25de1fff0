#include "app/demo_engage.hpp"

#include "app/demo_random.hpp"
#include "app/demo_writer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "record/actor.hpp"
#include "record/role.hpp"
#include "record/service.hpp"
#include "store/store.hpp"

namespace boucle {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;


// A working day (Saturday and Sunday move back to Friday) at the given time.
TimePoint WorkdayAt(TimePoint t, int hour, int minute) {
  sys_days d = std::chrono::floor<days>(t);
  const std::chrono::weekday wd{d};
  if (wd == std::chrono::Saturday) d -= days{1};
  if (wd == std::chrono::Sunday) d -= days{2};
  return d + hours{hour} + minutes{minute};
}

constexpr std::array<const char*, 12> kMonths{"janvier",   "février", "mars",     "avril",
                                              "mai",       "juin",    "juillet",  "août",
                                              "septembre", "octobre", "novembre", "décembre"};

std::string MonthOf(TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<days>(t)};
  return std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

// ---------------------------------------------------------------------------------------------
// What each stakeholder's engagement is and should be, and where they work.

struct Standing {
  const char* name;
  const char* organisation;
  const char* current;
  const char* desired;
};

constexpr std::array<Standing, 30> kStandings{{
    {"Nadia Benali", "DSI", "leading", "leading"},
    {"Claire Moreau", "DSI", "supportive", "leading"},
    {"Julien Lefèvre", "DSI", "supportive", "leading"},
    {"Sophie Garnier", "DSI", "supportive", "supportive"},
    {"Thomas Roux", "DSI", "neutral", "leading"},
    {"Camille Martin", "DSI", "supportive", "supportive"},
    {"Moussa Diallo", "DSI", "neutral", "supportive"},
    {"Marc Lambert", "Direction financière", "neutral", "supportive"},
    {"Linh Nguyen", "DSI", "supportive", "supportive"},
    {"Pierre Durand", "Direction financière", "resistant", "neutral"},
    {"Hélène Marchand", "Direction générale des services", "neutral", "supportive"},
    {"Comité de direction", "Direction générale des services", "neutral", "supportive"},
    {"Service des achats", "Direction financière", "unaware", "neutral"},
    {"Julie Perrin", "DSI", "supportive", "leading"},
    {"Sylvie Bernard", "Direction générale des services", "neutral", "supportive"},
    {"Nicolas Petit", "Direction de la communication", "resistant", "neutral"},
    {"Amélie Robert", "Direction des ressources humaines", "resistant", "neutral"},
    {"François Richard", "Direction financière", "neutral", "neutral"},
    {"Laura Dubois", "Direction de la relation aux usagers", "unaware", "neutral"},
    {"Mehdi Chaouch", "Direction des services techniques", "resistant", "neutral"},
    {"Catherine Leroy", "Direction des affaires juridiques", "neutral", "neutral"},
    {"Antoine Girard", "Direction financière", "neutral", "supportive"},
    {"Émilie Fournier", "Direction générale des services", "supportive", "supportive"},
    {"Olivier Mercier", "Direction de l'urbanisme", "resistant", "supportive"},
    {"Sandrine Blanc", "Direction des ressources humaines", "neutral", "supportive"},
    {"Inès Caron", "Direction des ressources humaines", "unaware", "neutral"},
    {"David Clarke", "Direction générale des services", "neutral", "neutral"},
    {"Télécom Horizon", "Télécom Horizon SAS", "neutral", "supportive"},
    {"Printéa Services", "Printéa Services SARL", "resistant", "neutral"},
    {"Nuvia Cloud", "Nuvia Cloud SAS", "neutral", "supportive"},
}};

// ---------------------------------------------------------------------------------------------
// RACI: the owner of each service is accountable and the CIO informed; these add the rest.

struct RaciDef {
  const char* service;
  std::vector<const char*> responsible;
  std::vector<const char*> consulted;
};

const std::vector<RaciDef>& Raci() {
  static const std::vector<RaciDef> defs{
      {"Messagerie", {"Camille Martin", "Nuvia Cloud"}, {"Sylvie Bernard"}},
      {"VPN", {"Moussa Diallo", "Télécom Horizon"}, {"Olivier Mercier"}},
      {"Postes de travail", {"Camille Martin", "Moussa Diallo"}, {}},
      {"Boucle (l'outil ITSM)", {"Linh Nguyen", "Nadia Benali"}, {"Camille Martin"}},
      {"Téléphonie", {"Télécom Horizon"}, {"Marc Lambert"}},
      {"Réseau Wi-Fi", {"Moussa Diallo"}, {"Nicolas Petit"}},
      {"Impression", {"Printéa Services", "Camille Martin"}, {"Marc Lambert", "Service des achats"}},
      {"ERP Finance", {"Linh Nguyen", "Julie Perrin"}, {"Marc Lambert", "Sandrine Blanc"}},
      {"Intranet", {"Linh Nguyen"}, {"Nicolas Petit"}},
      {"Stockage et sauvegarde", {"Moussa Diallo", "Nuvia Cloud"}, {"Catherine Leroy"}},
      {"Visioconférence", {"Camille Martin"}, {"Sylvie Bernard"}},
      {"Gestion des identités", {"Julie Perrin", "Nadia Benali"}, {"Amélie Robert"}},
  };
  return defs;
}

// ---------------------------------------------------------------------------------------------
// Engagement plans, and the interactions that (more or less) follow them.

struct Topic {
  const char* summary;  // " ({month})" is appended
  const char* notes;
  const char* decisions;
  const char* follow_up;
};

struct PlanDef {
  const char* title;
  const char* stakeholder;  // or the group below
  const char* group;
  const char* service;
  int frequency_days;
  const char* channel;
  const char* owner;  // login
  const char* notes;
  const char* interaction_kind;
  std::vector<const char*> attendees;  // besides the owner
  double kept;                         // share of the occurrences with a record
  int lapse_days;                      // nothing recorded in the last days: left unheard too long
  std::vector<Topic> topics;
};

const std::vector<PlanDef>& Plans() {
  static const std::vector<PlanDef> defs{
      {"Point mensuel avec la directrice des SI",
       "Claire Moreau",
       nullptr,
       nullptr,
       30,
       "meeting",
       "admin",
       "Revue des indicateurs, des améliorations en cours et des arbitrages à demander.",
       "meeting",
       {"Claire Moreau"},
       0.9,
       0,
       {{"Point mensuel DSI : indicateurs de service",
         "## Indicateurs\n\n- respect des SLA stable\n- volume de tickets en baisse sur les postes de "
         "travail\n\n"
         "## Améliorations\n\nRevue du tableau PDCA.",
         "- Présenter le bilan trimestriel au comité de direction", "Préparer le bilan trimestriel des SLA"},
        {"Point mensuel DSI : arbitrages budgétaires",
         "## Budget\n\nDemandes d'investissement à prioriser : bornes Wi-Fi, pilote de gestion des "
         "identités.",
         "- Prioriser le pilote de gestion des identités\n- Reporter le renouvellement des copieurs",
         "Chiffrer le pilote de gestion des identités"},
        {"Point mensuel DSI : satisfaction des usagers",
         "## Retours\n\nLes réclamations portent surtout sur le VPN et les copieurs.",
         "- Suivre chaque réclamation jusqu'à sa clôture", "Relancer les réclamations sans réponse"}}},
      {"Rendez-vous bimensuel avec le responsable Réseau et télécoms",
       "Julien Lefèvre",
       nullptr,
       "VPN",
       14,
       "meeting",
       "cio",
       "Suivi des incidents réseau, du VPN et de la visioconférence.",
       "meeting",
       {"Julien Lefèvre"},
       0.55,
       0,
       {{"Point Réseau : incidents VPN",
         "Les coupures VPN du lundi matin sont liées à la saturation des licences.",
         "- Augmenter la capacité de la passerelle", "Commander 50 licences VPN supplémentaires"},
        {"Point Réseau : couverture Wi-Fi", "Étude de couverture des salles de réunion présentée.",
         "- Deux bornes supplémentaires en salles Garonne et Loire", "Planifier la pose des bornes Wi-Fi"},
        {"Point Réseau : fin de la téléphonie fixe",
         "Bilan de la bascule vers la téléphonie intégrée à la visioconférence.",
         "- Résilier les lignes restantes", "Lister les lignes fixes à résilier"}}},
      {"Rendez-vous bimensuel avec la responsable Infrastructure",
       "Sophie Garnier",
       nullptr,
       "Stockage et sauvegarde",
       14,
       "meeting",
       "cio",
       "Exploitation, sauvegardes, postes de travail et impression.",
       "meeting",
       {"Sophie Garnier"},
       0.55,
       0,
       {{"Point Infrastructure : sauvegardes",
         "Deux échecs de sauvegarde nocturne ce mois-ci ; bande remplacée.",
         "- Tester une restauration complète chaque trimestre",
         "Planifier le test de restauration trimestriel"},
        {"Point Infrastructure : copieurs",
         "Les pannes du copieur du 2e étage reviennent après chaque intervention.",
         "- Exiger un remplacement préventif des pièces d'usure",
         "Écrire à Printéa Services au sujet des pannes"},
        {"Point Infrastructure : mots de passe",
         "Les réinitialisations de mots de passe restent le premier motif d'appel.",
         "- Étendre le pilote de libre-service à deux directions", "Choisir les directions du pilote"}}},
      {"Rendez-vous bimensuel avec le responsable des études",
       "Thomas Roux",
       nullptr,
       "ERP Finance",
       14,
       "meeting",
       "cio",
       "Feuille de route applicative : ERP Finance, intranet, Boucle.",
       "meeting",
       {"Thomas Roux"},
       0.6,
       75,
       {{"Point Études : clôture mensuelle de l'ERP",
         "La clôture se bloque encore sur des écritures incohérentes.",
         "- Ajouter des contrôles automatiques avant clôture", "Spécifier les contrôles avant clôture"},
        {"Point Études : refonte de l'intranet", "Cadrage de la refonte : annuaire, formulaires, actualités.",
         "- Présenter le cadrage au comité de direction", "Rédiger la note de cadrage de l'intranet"},
        {"Point Études : charge de l'équipe",
         "Trop de petites demandes interrompent les développements en cours.",
         "- Une demi-journée par semaine réservée aux petites évolutions",
         "Regrouper les petites évolutions"}}},
      {"Point mensuel avec la direction financière",
       "Marc Lambert",
       nullptr,
       "ERP Finance",
       30,
       "meeting",
       "cio",
       "Budget de la DSI, contrats fournisseurs et évolutions de l'ERP Finance.",
       "meeting",
       {"Marc Lambert", "Thomas Roux"},
       0.8,
       45,
       {{"Point finances : suivi budgétaire", "Consommation du budget de fonctionnement à 62 %.",
         "- Geler les achats non urgents jusqu'en septembre", "Transmettre le suivi budgétaire trimestriel"},
        {"Point finances : contrats fournisseurs",
         "Renouvellement du contrat de maintenance des copieurs et du contrat télécom.",
         "- Lancer la consultation pour les copieurs", "Rédiger le cahier des charges des copieurs"},
        {"Point finances : évolutions de l'ERP",
         "La direction financière souhaite un export mensuel des engagements.", "- Évolution acceptée",
         "Chiffrer l'export mensuel des engagements"}}},
      {"Point hebdomadaire des agents de support",
       nullptr,
       "support",
       nullptr,
       7,
       "chat",
       "lead.infra",
       "Échanges rapides sur les tickets difficiles et les irritants du support.",
       "meeting",
       {"Camille Martin", "Moussa Diallo", "Nadia Benali"},
       0.35,
       0,
       {{"Point support : tickets en attente", "Revue des tickets en attente depuis plus de cinq jours.",
         "- Relancer les demandeurs par téléphone", "Relancer les tickets en attente"},
        {"Point support : irritants", "Les réouvertures de tickets d'impression agacent les utilisateurs.",
         "- Vérifier avec l'utilisateur avant de résoudre", "Mettre à jour la procédure de résolution"},
        {"Point support : base de connaissances", "Trois nouvelles fiches à rédiger (VPN, copieurs, visio).",
         "- Une fiche par agent d'ici la fin du mois", "Rédiger les fiches de la base de connaissances"}}},
      {"Atelier bimensuel avec l'équipe de développement",
       nullptr,
       "development",
       "Boucle (l'outil ITSM)",
       14,
       "meeting",
       "lead.dev",
       "Ateliers de conception et revue des demandes d'évolution.",
       "workshop",
       {"Linh Nguyen", "Julie Perrin"},
       0.6,
       0,
       {{"Atelier : modèles de demande dans Boucle", "Maquettes des modèles de demande relues ensemble.",
         "- Trois modèles pour commencer : accès, logiciel, matériel", "Finaliser les maquettes des modèles"},
        {"Atelier : connecteur d'annuaire",
         "Le pilote de réinitialisation échoue sur les comptes désactivés.",
         "- Corriger le connecteur avant l'extension du pilote", "Corriger le connecteur d'annuaire"},
        {"Atelier : contrôles de clôture de l'ERP",
         "Liste des contrôles à automatiser avec la direction financière.",
         "- Prototype pour la prochaine clôture", "Livrer le prototype des contrôles"}}},
      {"Enquête trimestrielle auprès des utilisateurs",
       nullptr,
       "end_user",
       nullptr,
       90,
       "email",
       "admin",
       "Enquête de satisfaction par courriel, résultats partagés sur l'intranet.",
       "email",
       {"Pierre Durand", "Sylvie Bernard", "Nicolas Petit", "Amélie Robert", "François Richard",
        "Émilie Fournier"},
       1.0,
       0,
       {{"Enquête de satisfaction trimestrielle",
         "Enquête envoyée à tous les agents ; 41 % de réponses.\n\n- satisfaction moyenne : 3,7 / 5\n"
         "- points faibles : VPN, copieurs",
         "- Publier les résultats sur l'intranet", "Publier les résultats de l'enquête"}}},
      {"Revue trimestrielle avec Télécom Horizon",
       "Télécom Horizon",
       nullptr,
       "VPN",
       90,
       "meeting",
       "lead.reseau",
       "Revue de contrat : disponibilité des liaisons, incidents, capacité.",
       "meeting",
       {"Télécom Horizon"},
       1.0,
       0,
       {{"Revue trimestrielle Télécom Horizon",
         "Disponibilité des liaisons : 99,8 %. Deux incidents majeurs.",
         "- Pénalités appliquées pour l'incident du standard", "Envoyer le courrier de pénalités"}}},
      {"Revue trimestrielle des prestataires d'infrastructure",
       nullptr,
       "supplier",
       "Impression",
       90,
       "meeting",
       "lead.infra",
       "Printéa Services (copieurs) et Nuvia Cloud (messagerie).",
       "meeting",
       {"Printéa Services", "Nuvia Cloud"},
       1.0,
       200,
       {{"Revue trimestrielle des prestataires", "Taux de pannes des copieurs en hausse ; messagerie stable.",
         "- Plan d'action demandé à Printéa Services", "Obtenir le plan d'action de Printéa Services"}}},
      {"Comité de pilotage trimestriel du numérique",
       "Comité de direction",
       nullptr,
       nullptr,
       90,
       "meeting",
       "cio",
       "Présentation des résultats de la DSI et des projets à arbitrer.",
       "meeting",
       {"Comité de direction", "Hélène Marchand", "Claire Moreau"},
       1.0,
       0,
       {{"Comité de pilotage du numérique",
         "## Ordre du jour\n\n1. Bilan des services\n2. Projets à arbitrer\n3. Budget",
         "- Projets validés selon la feuille de route", "Diffuser le relevé de décisions du comité"}}},
  };
  return defs;
}

struct AdHoc {
  double frac;  // how far into the period
  const char* kind;
  const char* summary;
  const char* service;
  const char* owner;
  std::vector<const char*> attendees;
  const char* notes;
  const char* decisions;
};

const std::vector<AdHoc>& AdHocs() {
  static const std::vector<AdHoc> defs{
      {0.05,
       "demo",
       "Démonstration de Boucle aux responsables d'équipe",
       "Boucle (l'outil ITSM)",
       "admin",
       {"Julien Lefèvre", "Sophie Garnier", "Thomas Roux"},
       "Démonstration des tickets, du catalogue et du suivi PDCA.",
       "- Déploiement pour toutes les équipes le mois prochain"},
      {0.12,
       "call",
       "Appel avec Nuvia Cloud : incident de messagerie",
       "Messagerie",
       "lead.infra",
       {"Nuvia Cloud"},
       "Incident de transport de messages ; cause : saturation d'une file chez l'hébergeur.",
       "- Rapport d'incident attendu sous cinq jours"},
      {0.18,
       "email",
       "Courriel à la direction financière : coûts de la téléphonie",
       "Téléphonie",
       "lead.reseau",
       {"Marc Lambert"},
       "Comparatif des coûts entre le PABX et la téléphonie intégrée.",
       ""},
      {0.24,
       "demo",
       "Démonstration du portail usagers à la direction des ressources humaines",
       nullptr,
       "admin",
       {"Amélie Robert", "Sandrine Blanc", "Inès Caron"},
       "Présentation du dépôt de demandes et du suivi en ligne.",
       "- Les demandes RH passent par le portail"},
      {0.3,
       "workshop",
       "Atelier avec les services techniques : accès à distance",
       "VPN",
       "lead.reseau",
       {"Mehdi Chaouch", "Olivier Mercier"},
       "Les agents d'astreinte peinent à se connecter depuis le terrain.",
       "- Guide de connexion illustré\n- Accès VPN pour les astreintes"},
      {0.37,
       "call",
       "Appel avec Printéa Services : pannes répétées",
       "Impression",
       "lead.infra",
       {"Printéa Services"},
       "Le prestataire conteste le nombre d'interventions facturées.",
       "- Rapprochement des bons d'intervention"},
      {0.45,
       "meeting",
       "Réunion avec la communication : refonte de l'intranet",
       "Intranet",
       "lead.dev",
       {"Nicolas Petit", "Julie Perrin"},
       "Attentes : moteur de recherche, annuaire à jour, actualités par service.",
       "- Atelier de priorisation avec les directions"},
      {0.52,
       "email",
       "Courriel aux utilisateurs de l'ERP : clôture annuelle",
       "ERP Finance",
       "lead.dev",
       {"Pierre Durand", "François Richard", "Sandrine Blanc"},
       "Calendrier de la clôture de l'exercice et consignes.",
       ""},
      {0.6,
       "demo",
       "Démonstration du pilote de réinitialisation des mots de passe",
       "Gestion des identités",
       "lead.infra",
       {"Sylvie Bernard", "Catherine Leroy", "Inès Caron"},
       "Parcours complet avec code SMS ; bon accueil des participants.",
       "- Ouverture du pilote à deux directions"},
      {0.68,
       "meeting",
       "Réunion avec le service des achats : marché des copieurs",
       "Impression",
       "cio",
       {"Service des achats", "Antoine Girard"},
       "Préparation de la consultation pour le renouvellement des copieurs.",
       "- Publication de la consultation au prochain trimestre"},
      {0.76,
       "call",
       "Appel avec la Direction de l'urbanisme : coupures VPN",
       "VPN",
       "lead.reseau",
       {"Olivier Mercier"},
       "Les coupures se sont raréfiées depuis la mise à jour du client VPN.",
       ""},
      {0.83,
       "workshop",
       "Atelier « salles hybrides » avec les assistantes de direction",
       "Visioconférence",
       "lead.reseau",
       {"Sylvie Bernard", "Émilie Fournier"},
       "Relecture de la fiche de démarrage des salles.",
       "- Fiche affichée dans chaque salle"},
      {0.9,
       "demo",
       "Démonstration des tableaux de bord au comité de direction",
       nullptr,
       "cio",
       {"Comité de direction", "Hélène Marchand"},
       "Tableaux de bord des SLA et de la satisfaction par service.",
       "- Tableau de bord présenté chaque trimestre"},
      {0.96,
       "email",
       "Courriel à David Clarke : support en anglais",
       "Visioconférence",
       "admin",
       {"David Clarke"},
       "Réponse sur la disponibilité des guides en anglais.",
       ""},
  };
  return defs;
}

// ---------------------------------------------------------------------------------------------
// Demands, in every state.

struct DemandDef {
  const char* kind;
  const char* title;
  const char* description;
  const char* service;
  const char* requester;    // stakeholder name
  const char* status;       // final: submitted, triaged, routed, done, rejected
  int days_ago;             // for a year of data; scaled to shorter periods
  const char* improvement;  // routed to Improve: the improvement already under way
};

const std::vector<DemandDef>& Demands() {
  static const std::vector<DemandDef> defs{
      // Done: routed, and the work delivered.
      {"requirement", "Export mensuel des engagements au format tableur",
       "Chaque mois, nous avons besoin des engagements par ligne budgétaire **au format tableur**, sans "
       "ressaisie.",
       "ERP Finance", "Marc Lambert", "done", 250, nullptr},
      {"need", "Équipement de la salle du conseil pour les séances hybrides",
       "Les séances du conseil doivent pouvoir accueillir des élus à distance à partir de la rentrée.",
       "Visioconférence", "Sylvie Bernard", "done", 220, nullptr},
      {"change_request", "Ouvrir le Wi-Fi invités dans la salle du conseil",
       "Les intervenants extérieurs ne captent pas le réseau *Invités* dans la salle du conseil.",
       "Réseau Wi-Fi", "Nicolas Petit", "done", 190, nullptr},
      {"new_project", "Équiper les salles de réunion en visioconférence",
       "Six salles de réunion à équiper (écran, caméra, micro) pour généraliser les réunions hybrides.",
       "Visioconférence", "Hélène Marchand", "done", 300, nullptr},
      {"need", "Accès VPN pour les astreintes des services techniques",
       "Les agents d'astreinte doivent consulter les plans depuis le terrain, la nuit et le week-end.", "VPN",
       "Olivier Mercier", "done", 160, nullptr},
      // Routed, the work under way.
      {"need", "Habilitation ERP pour une nouvelle gestionnaire de paie",
       "Une gestionnaire arrive le 1er du mois : elle doit saisir les engagements de la paie.", "ERP Finance",
       "Sandrine Blanc", "routed", 12, nullptr},
      {"change_request", "Validation supplémentaire des engagements de plus de 20 000 €",
       "Le règlement financier impose un second valideur au-delà de 20 000 € ; l'ERP doit le prévoir.",
       "ERP Finance", "Marc Lambert", "routed", 40, nullptr},
      {"new_project", "Dématérialiser les demandes de congés",
       "Remplacer les formulaires papier de congés par un circuit de validation en ligne sur l'intranet.",
       "Intranet", "Amélie Robert", "routed", 70, nullptr},
      {"new_project", "Refonte de l'intranet",
       "Moteur de recherche, annuaire à jour et actualités par service : l'intranet actuel a dix ans.",
       "Intranet", "Nicolas Petit", "routed", 120, nullptr},
      {"idea", "Modèles pré-remplis pour les demandes d'accès",
       "Pour les accès aux boîtes et dossiers partagés, un modèle éviterait les oublis.",
       "Boucle (l'outil ITSM)", "Pierre Durand", "routed", 25, "Modèles de demande dans Boucle"},
      {"complaint", "Copieur du 2e étage : pannes à répétition",
       "Le copieur tombe encore en panne chaque semaine malgré les interventions.", "Impression",
       "Laura Dubois", "routed", 35, "Fiabiliser les copieurs du 2e étage"},
      // Triaged: qualified, not routed yet.
      {"new_project", "Application mobile de signalement pour les services techniques",
       "Les agents de terrain voudraient signaler un problème (voirie, éclairage) avec une photo.", nullptr,
       "Olivier Mercier", "triaged", 30, nullptr},
      {"complaint", "Lenteurs de l'ERP en fin de mois",
       "Les trois derniers jours du mois, chaque écran met plusieurs secondes à s'afficher.", "ERP Finance",
       "François Richard", "triaged", 18, nullptr},
      {"change_request", "Double authentification sur le webmail",
       "Le webmail est accessible depuis Internet avec un simple mot de passe.", "Messagerie",
       "Sophie Garnier", "triaged", 14, nullptr},
      {"need", "Prêt de portables pour le séminaire des cadres",
       "Vingt portables pour deux jours, configurés avec l'accès Invités.", "Postes de travail",
       "Sylvie Bernard", "triaged", 9, nullptr},
      {"requirement", "Accès à l'annuaire pour l'application RH",
       "L'application RH doit lire les arrivées et départs dans l'annuaire, en lecture seule.",
       "Gestion des identités", "Julie Perrin", "triaged", 21, nullptr},
      // Submitted: not looked at yet.
      {"need", "Double écran pour les postes de la paie",
       "Les gestionnaires de paie travaillent sur deux logiciels en même temps.", "Postes de travail",
       "Sandrine Blanc", "submitted", 3, nullptr},
      {"idea", "Notification par SMS pour les agents de terrain",
       "Sans ordinateur, nous ne voyons pas les réponses du support avant le soir.", "Boucle (l'outil ITSM)",
       "Mehdi Chaouch", "submitted", 5, nullptr},
      {"feedback", "Le portail de réinitialisation est très pratique",
       "J'ai réinitialisé mon mot de passe en deux minutes un dimanche soir. Merci !",
       "Gestion des identités", "Inès Caron", "submitted", 2, nullptr},
      {"change_request", "Allonger la durée de session de l'intranet",
       "La session expire au bout de quinze minutes, en pleine rédaction d'une actualité.", "Intranet",
       "Nicolas Petit", "submitted", 6, nullptr},
      {"requirement", "Environnement de recette dédié pour l'ERP Finance",
       "Les évolutions sont testées sur une copie partagée avec la formation : il faut un environnement "
       "dédié.",
       "ERP Finance", "Linh Nguyen", "submitted", 4, nullptr},
      // Rejected.
      {"need", "Une imprimante personnelle dans chaque bureau",
       "Aller au copieur du couloir fait perdre du temps.", "Impression", "Catherine Leroy", "rejected", 140,
       nullptr},
      {"change_request", "Remettre en service les postes téléphoniques fixes",
       "Certains usagers préfèrent appeler un poste fixe.", "Téléphonie", "Laura Dubois", "rejected", 80,
       nullptr},
      {"new_project", "Logiciel de gestion des stocks développé en interne",
       "Un outil maison pour suivre les fournitures de chaque service.", nullptr, "Antoine Girard",
       "rejected", 100, nullptr},
      {"idea", "Wi-Fi ouvert sans code pour les visiteurs",
       "Les codes journaliers compliquent l'accueil des visiteurs.", "Réseau Wi-Fi", "Émilie Fournier",
       "rejected", 60, nullptr},
  };
  return defs;
}

// ---------------------------------------------------------------------------------------------
// Changes that implement the improvements, and a project started by the DSI itself.

struct ChangeDef {
  const char* title;
  const char* description;
  const char* improvement;  // implements
  const char* owner;        // login
  const char* status;       // final
  const char* risk;
  double frac;  // when, between the improvement's start and now
};

const std::vector<ChangeDef>& Changes() {
  static const std::vector<ChangeDef> defs{
      {"Activer les versions précédentes sur les partages réseau",
       "Clichés instantanés deux fois par jour, conservés 30 jours ; restauration par l'utilisateur.",
       "Restauration de fichiers en libre-service", "lead.infra", "closed", "low", 0.2},
      {"Supervision et alerte de saturation de la passerelle VPN",
       "Sondes sur le nombre de sessions et alerte au-delà de 85 % des licences.",
       "Réduire le temps de résolution des incidents VPN", "lead.reseau", "implemented", "medium", 0.25},
      {"Mise en service du portail de réinitialisation des mots de passe",
       "Ouverture du portail à deux directions pilotes, code de vérification par SMS.",
       "Réinitialisation des mots de passe en libre-service", "lead.infra", "scheduled", "medium", 0.45},
      {"Ajout de deux bornes Wi-Fi en salles Garonne et Loire",
       "Pose et configuration de deux bornes ; réglage automatique des canaux.",
       "Améliorer la couverture Wi-Fi des salles de réunion", "lead.reseau", "approved", "low", 0.5},
  };
  return defs;
}

constexpr std::array<const char*, 7> kChangeFlow{"draft",       "assessment", "approved", "scheduled",
                                                 "implemented", "closed",     "rejected"};

// ---------------------------------------------------------------------------------------------

#define ENGAGE_TRY(expr)                     \
  do {                                       \
    if (auto st_ = (expr); !st_) return st_; \
  } while (false)

struct InteractionPlan {
  TimePoint at;
  std::string kind, summary, notes, decisions, follow_up;
  std::optional<std::string> service;
  std::vector<std::string> attendees;
  std::string owner;  // login
};

class EngageLoader {
 public:
  EngageLoader(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options)
      : records_(records),
        tx_(tx),
        w_(records, tx, clock, options.now),
        now_(options.now),
        draw_(options.seed, 3),
        consult_draw_(options.seed, 4),
        ideas_draw_(options.seed, 5) {}

  Status Run() {
    ENGAGE_TRY(ReadBack());
    ENGAGE_TRY(UpdateStakeholders());
    ENGAGE_TRY(ServiceRoles());
    ENGAGE_TRY(EngagementPlans());
    ENGAGE_TRY(InteractionsAndFollowUps());
    ENGAGE_TRY(DemandsAndRouting());
    ENGAGE_TRY(ChangesForImprovements());
    ENGAGE_TRY(InfrastructureProject());
    ENGAGE_TRY(IdeasBoard());
    ENGAGE_TRY(MergedDuplicate());
    return {};
  }

 private:
  // ---- Reading back what LoadDemo wrote.
  Result<std::vector<Json>> AllOf(const std::string& type) { return w_.AllOf(type); }

  Status ReadBack() {
    ENGAGE_TRY(w_.Begin());
    auto users = AllOf("users");
    if (!users) return Fail(users.error());
    for (const auto& u : *users) {
      const std::string login = u.at("login").get<std::string>();
      const auto role = ParseRole(u.at("role").get<std::string>());
      actors_[login] = Actor{.user_id = u.at("id").get<int64_t>(),
                             .login = login,
                             .role = role ? *role : Role::kEndUser,
                             .lang = u.contains("language") && u.at("language").is_string()
                                         ? u.at("language").get<std::string>()
                                         : std::string("fr")};
    }
    auto services = AllOf("services");
    if (!services) return Fail(services.error());
    for (const auto& s : *services) services_[s.at("name").get<std::string>()] = s;
    auto people = AllOf("stakeholders");
    if (!people) return Fail(people.error());
    TimePoint first = now_;
    for (const auto& p : *people) {
      people_[p.at("name").get<std::string>()] = p;
      if (auto at = ParseTime(p.at("created_at").get<std::string>())) first = std::min(first, *at);
    }
    auto improvements = AllOf("improvements");
    if (!improvements) return Fail(improvements.error());
    for (const auto& i : *improvements) improvements_[i.at("title").get<std::string>()] = i;
    if (!actors_.contains("admin") || people_.empty() || services_.empty())
      return Fail(Error::Of(ErrorKind::kInternal, "demo.engage_missing_base"));
    // A year at most, starting the day after the stakeholders were recorded.
    begin_ = std::max(first + days{1}, now_ - days{365});
    if (begin_ > now_) begin_ = now_;
    return {};
  }

  // ---- Writing, with the clock set first.
  TimePoint Clamp(TimePoint t) const { return std::clamp(t, begin_, now_); }
  // `days_ago` is for a year of data; shorter periods scale it down.
  TimePoint DaysAgo(double days_ago) const {
    const double span = static_cast<double>((now_ - begin_).count());
    const double back = std::min(span, days_ago * 86400.0 * span / (365.0 * 86400.0));
    return now_ - seconds{std::llround(back)};
  }
  TimePoint Lerp(TimePoint a, TimePoint b, double f) const {
    return a + seconds{std::llround(static_cast<double>((b - a).count()) * f)};
  }

  // "" is the system, for what happens on its own (closing resolved tickets).
  const Actor& As(const std::string& login) const {
    if (login.empty()) return system_;
    auto it = actors_.find(login);
    return it == actors_.end() ? actors_.at("admin") : it->second;
  }
  int64_t UserId(const std::string& login) const { return As(login).user_id; }
  std::optional<int64_t> PersonId(const std::string& name) const {
    auto it = people_.find(name);
    if (it == people_.end()) return std::nullopt;
    return it->second.at("id").get<int64_t>();
  }
  Json ServiceId(const char* name) const {
    if (!name) return nullptr;
    auto it = services_.find(name);
    return it == services_.end() ? Json() : it->second.at("id");
  }
  // The account of a stakeholder, if any: people with an account speak for themselves.
  std::optional<std::string> LoginOf(const std::string& name) const {
    auto it = people_.find(name);
    if (it == people_.end() || it->second.at("user_account").is_null()) return std::nullopt;
    const int64_t uid = it->second.at("user_account").get<int64_t>();
    for (const auto& [login, actor] : actors_)
      if (actor.user_id == uid) return login;
    return std::nullopt;
  }
  std::optional<std::string> PersonOfUser(int64_t user_id) const {
    for (const auto& [name, p] : people_)
      if (p.at("user_account") == user_id) return name;
    return std::nullopt;
  }

  Status Create(const std::string& login, const std::string& type, const Json& body, TimePoint at,
                Json& out) {
    auto r = w_.Create(login, type, body, Clamp(at));
    if (!r) return Fail(r.error());
    out = std::move(*r);
    return {};
  }
  Status Update(const std::string& login, const std::string& type, Json& record, const Json& patch,
                TimePoint at, Origin origin = Origin::kClient) {
    // Approval waits for the impacted stakeholders' consultation, as it does for everyone.
    if ((type == "changes" || type == "projects") && patch.contains("status") && patch.at("status") == "approved")
      ENGAGE_TRY(ConsultBeforeApproval(login, type, record, at));
    return w_.Update(login, type, record, patch, Clamp(at), origin);
  }
  Status Link(const std::string& login, const std::string& from_type, int64_t from_id, const char* kind,
              const std::string& to_type, int64_t to_id, TimePoint at) {
    return w_.Link(login, from_type, from_id, kind, to_type, to_id, Clamp(at));
  }

  // ---- Involvement: consultations requested a few days before approval, then mostly answered,
  // a few waived with a reason. Their own random stream, so other data stays as it was.
  Status ConsultBeforeApproval(const std::string& login, const std::string& type, Json& record, TimePoint at) {
    static constexpr std::array<const char*, 5> kOpinions{
        "D'accord, à condition de prévenir les équipes une semaine avant.",
        "Favorable. Merci de planifier hors période de clôture comptable.",
        "Pas d'objection ; prévoir un retour arrière documenté.",
        "Favorable, **sous réserve** d'un test avec deux utilisateurs pilotes.",
        "Réservé sur la date : éviter le lundi matin."};
    static constexpr std::array<const char*, 3> kWaivers{
        "Absent sur la période ; son suppléant a été consulté.",
        "Service concerné à la marge, information seulement.",
        "Déjà consulté lors de l'atelier de cadrage."};
    const TimePoint born = *ParseTime(record.at("created_at").get<std::string>());
    auto asked = w_.Action(login, type, record.at("id").get<int64_t>(), "request_consultations", Json::object(),
                           Clamp(Lerp(born, at, 0.5)));
    if (!asked) return Fail(asked.error());
    int i = 0;
    for (Json c : asked->at("created")) {
      const bool waive = consult_draw_.Chance(0.15);
      ENGAGE_TRY(Update(login, "consultations", c,
                        waive ? Json{{"status", "waived"}, {"waiver_reason", consult_draw_.Pick<const char*>(kWaivers)}}
                              : Json{{"status", "answered"}, {"opinion", consult_draw_.Pick<const char*>(kOpinions)}},
                        Lerp(born, at, 0.75) + minutes{7 * i++}));
    }
    // The record read before was its version then; the action did not change it.
    return {};
  }

  // ---- Ideas board: votes (one per stakeholder and idea, more likely from the interested) and
  // comments on every idea still open, written as the stakeholders themselves when they have an account.
  Status IdeasBoard() {
    static constexpr std::array<const char*, 6> kComments{
        "Oui, **indispensable** pour nous aussi.",
        "Bonne idée ; attention au coût des licences.",
        "On en parle depuis longtemps, ce serait un vrai gain de temps.",
        "Pourquoi pas, mais commencer par un pilote sur un service.",
        "Nous avons le même besoin côté finances.",
        "À coupler avec la formation des nouveaux arrivants."};
    auto demands = AllOf("demands");
    if (!demands) return Fail(demands.error());
    for (const auto& idea : *demands) {
      if (idea.at("kind") != "idea" || idea.at("status") == "merged") continue;
      const TimePoint created = *ParseTime(idea.at("created_at").get<std::string>());
      int n = 0;
      for (const auto& [name, person] : people_) {
        if (person.at("id") == idea.at("requester")) continue;
        const double chance = 0.1 + 0.1 * static_cast<double>(person.at("interest").get<int64_t>());
        if (!ideas_draw_.Chance(chance)) continue;
        const auto own = LoginOf(name);
        Json vote;
        ENGAGE_TRY(Create(own ? *own : "agent.martin", "votes", Json{{"idea", idea.at("id")}, {"stakeholder", person.at("id")}},
                          Lerp(created, now_, 0.1 + 0.02 * n++), vote));
      }
      const int comments = ideas_draw_.Int(1, 3);
      for (int k = 0; k < comments; ++k) {
        auto it = people_.begin();
        std::advance(it, ideas_draw_.Int(0, static_cast<int>(people_.size()) - 1));
        const auto own = LoginOf(it->first);
        Json body{{"idea", idea.at("id")}, {"body", ideas_draw_.Pick<const char*>(kComments)}};
        if (!own) body["author"] = it->second.at("id");
        Json comment;
        ENGAGE_TRY(Create(own ? *own : "agent.diallo", "comments", body, Lerp(created, now_, 0.3 + 0.1 * k), comment));
      }
    }
    return {};
  }

  // ---- A demand sent twice by two people: the desk merges the second into the first, so that
  // every state of a demand appears, "merged" included.
  Status MergedDuplicate() {
    auto demands = AllOf("demands");
    if (!demands) return Fail(demands.error());
    for (const auto& kept : *demands) {
      if (kept.at("status") != "triaged" || kept.at("requester").is_null()) continue;
      std::string other;
      for (const auto& [name, person] : people_)
        if (person.at("id") != kept.at("requester") && LoginOf(name)) other = name;
      if (other.empty()) return {};
      const TimePoint created = *ParseTime(kept.at("created_at").get<std::string>());
      Json body{{"kind", kept.at("kind")}, {"title", "Re : " + kept.at("title").get<std::string>()},
                {"description", kept.at("description")}, {"service", kept.at("service")},
                {"requester", people_.at(other).at("id")}};
      Json dup;
      ENGAGE_TRY(Create(*LoginOf(other), "demands", body, Lerp(created, now_, 0.2), dup));
      auto merged = w_.Action("agent.martin", "demands", dup.at("id").get<int64_t>(), "merge",
                              Json{{"into", kept.at("id")}}, Clamp(Lerp(created, now_, 0.3)));
      if (!merged) return Fail(merged.error());
      return {};
    }
    return {};
  }

  // ---- Stakeholders: where they stand, where they should.
  Status UpdateStakeholders() {
    int i = 0;
    for (const auto& s : kStandings) {
      auto it = people_.find(s.name);
      if (it == people_.end()) continue;
      ENGAGE_TRY(Update("admin", "stakeholders", it->second,
                        Json{{"organisation", s.organisation},
                             {"engagement_current", s.current},
                             {"engagement_desired", s.desired}},
                        begin_ + hours{1} + minutes{i++}));
    }
    return {};
  }

  // ---- RACI.
  Status ServiceRoles() {
    int i = 0;
    const TimePoint at = begin_ + hours{2};
    auto add = [&](const std::string& who, const Json& service, const char* raci,
                   const std::string& note) -> Status {
      const auto person = PersonId(who);
      if (!person || service.is_null()) return {};
      Json body{{"stakeholder", *person}, {"service", service}, {"raci", raci}};
      if (!note.empty()) body["note"] = note;
      Json out;
      return Create("admin", "service_roles", body, at + minutes{i++}, out);
    };
    for (const auto& def : Raci()) {
      auto svc = services_.find(def.service);
      if (svc == services_.end()) continue;
      const Json service = svc->second.at("id");
      const auto owner = svc->second.at("owner").is_null()
                             ? std::nullopt
                             : PersonOfUser(svc->second.at("owner").get<int64_t>());
      if (owner) ENGAGE_TRY(add(*owner, service, "accountable", "Propriétaire du service"));
      for (const char* r : def.responsible) ENGAGE_TRY(add(r, service, "responsible", ""));
      for (const char* c : def.consulted)
        ENGAGE_TRY(add(
            c, service, "consulted",
            std::string_view(c) == "Marc Lambert" ? "Contrats et budget" : "Représentant des utilisateurs"));
      ENGAGE_TRY(add("Claire Moreau", service, "informed", "Bilan trimestriel"));
    }
    return {};
  }

  // ---- Engagement plans.
  Status EngagementPlans() {
    int i = 0;
    for (const auto& p : Plans()) {
      Json body{{"title", p.title},     {"frequency_days", p.frequency_days},
                {"channel", p.channel}, {"owner", UserId(p.owner)},
                {"active", true},       {"notes", p.notes}};
      if (p.stakeholder) {
        if (auto id = PersonId(p.stakeholder))
          body["stakeholder"] = *id;
        else
          continue;
      }
      if (p.group) body["stakeholder_group"] = p.group;
      if (p.service) body["service"] = ServiceId(p.service);
      Json out;
      ENGAGE_TRY(Create(p.owner, "engagement_plans", body, begin_ + hours{3} + minutes{i++}, out));
    }
    return {};
  }

  // ---- Interactions along the plans, and the follow-up actions they led to.
  std::vector<InteractionPlan> PlanInteractions() {
    std::vector<InteractionPlan> out;
    const double span_days = static_cast<double>((now_ - begin_).count()) / 86400.0;
    for (const auto& p : Plans()) {
      const TimePoint stop =
          now_ - days{static_cast<int>(std::min(p.lapse_days, static_cast<int>(span_days * 0.6)))};
      size_t topic = static_cast<size_t>(draw_.Int(0, static_cast<int>(p.topics.size()) - 1));
      for (TimePoint t = begin_ + days{draw_.Int(2, std::max(2, p.frequency_days - 1))}; t < stop;
           t += days{p.frequency_days}) {
        const bool kept = draw_.Chance(p.kept);
        const TimePoint at = WorkdayAt(t + days{draw_.Int(-2, 2)}, draw_.Int(9, 16), 15 * draw_.Int(0, 3));
        if (!kept || at <= begin_ || at >= now_) continue;
        const Topic& tp = p.topics[topic++ % p.topics.size()];
        InteractionPlan ip;
        ip.at = at;
        ip.kind = p.interaction_kind;
        ip.summary = std::string(tp.summary) + " (" + MonthOf(at) + ")";
        ip.notes = tp.notes;
        ip.decisions = tp.decisions;
        ip.follow_up = tp.follow_up;
        if (p.service) ip.service = p.service;
        ip.owner = p.owner;
        for (const char* a : p.attendees) ip.attendees.push_back(a);
        out.push_back(std::move(ip));
      }
    }
    for (const auto& a : AdHocs()) {
      InteractionPlan ip;
      ip.at = WorkdayAt(Lerp(begin_, now_, a.frac), 10 + draw_.Int(0, 6), 30);
      if (ip.at <= begin_ || ip.at >= now_) continue;
      ip.kind = a.kind;
      ip.summary = a.summary;
      ip.notes = a.notes;
      ip.decisions = a.decisions;
      if (a.service) ip.service = a.service;
      ip.owner = a.owner;
      for (const char* who : a.attendees) ip.attendees.push_back(who);
      out.push_back(std::move(ip));
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.at < y.at; });
    return out;
  }

  Status InteractionsAndFollowUps() {
    const auto plans = PlanInteractions();
    int n = 0, overdue_open = 0;
    for (const auto& ip : plans) {
      Json attendees = Json::array();
      if (auto owner = PersonOfUser(UserId(ip.owner))) attendees.push_back(*PersonId(*owner));
      for (const auto& a : ip.attendees)
        if (auto id = PersonId(a);
            id && std::find(attendees.begin(), attendees.end(), Json(*id)) == attendees.end())
          attendees.push_back(*id);
      Json body{{"kind", ip.kind},
                {"occurred_at", FormatTime(ip.at)},
                {"summary", ip.summary},
                {"attendees", attendees},
                {"notes", ip.notes}};
      if (!ip.decisions.empty()) body["decisions"] = ip.decisions;
      if (ip.service) body["service"] = ServiceId(ip.service->c_str());
      Json interaction;
      const TimePoint recorded = std::min(now_, ip.at + hours{2} + minutes{draw_.Int(0, 90)});
      ENGAGE_TRY(Create(ip.owner, "interactions", body, recorded, interaction));
      // One interaction in three led to a follow-up action worth tracking.
      if (ip.follow_up.empty() || n++ % 3 != 0) continue;
      const TimePoint due = WorkdayAt(ip.at + days{draw_.Int(7, 21)}, 17, 0);
      Json follow_up;
      ENGAGE_TRY(Create(ip.owner, "follow_ups",
                        Json{{"title", ip.follow_up},
                             {"interaction", interaction.at("id")},
                             {"owner", UserId(ip.owner)},
                             {"due_at", FormatTime(due)},
                             {"status", "open"}},
                        recorded + minutes{5}, follow_up));
      if (due >= now_) continue;
      // Past due: mostly done, now and then dropped, and several still waiting.
      const double roll = draw_.Uniform();
      const bool keep_open = roll < 0.1 || (overdue_open < 3 && due > now_ - days{60} && roll < 0.6);
      if (keep_open) {
        ++overdue_open;
        continue;
      }
      const bool cancelled = roll > 0.88;
      const TimePoint closed_at =
          cancelled ? due + days{draw_.Int(1, 10)} : Lerp(recorded, due, 0.4 + 0.6 * draw_.Uniform());
      ENGAGE_TRY(Update(ip.owner, "follow_ups", follow_up, Json{{"status", cancelled ? "cancelled" : "done"}},
                        std::min(now_, closed_at)));
    }
    return {};
  }

  // ---- Demands, submitted by stakeholders (or the desk on their behalf), triaged, routed.
  Status DemandsAndRouting() {
    // Written oldest first, so that their numbers follow the calendar.
    std::vector<const DemandDef*> order;
    for (const auto& d : Demands()) order.push_back(&d);
    std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->days_ago > b->days_ago; });
    for (const DemandDef* dp : order) {
      const DemandDef& d = *dp;
      const auto requester = PersonId(d.requester);
      if (!requester) continue;
      const std::string status = d.status;
      const TimePoint created = Clamp(WorkdayAt(DaysAgo(d.days_ago), 9 + draw_.Int(0, 7), draw_.Int(0, 59)));
      const auto own = LoginOf(d.requester);
      const std::string author = own ? *own : (draw_.Chance(0.5) ? "agent.martin" : "agent.diallo");
      Json body{
          {"kind", d.kind}, {"title", d.title}, {"description", d.description}, {"requester", *requester}};
      if (d.service) body["service"] = ServiceId(d.service);
      Json demand;
      ENGAGE_TRY(Create(author, "demands", body, created, demand));
      if (status == "submitted") continue;

      const double life = static_cast<double>((now_ - created).count());
      auto step = [&](double f) { return created + seconds{std::llround(life * f)}; };
      const std::string desk = draw_.Chance(0.5) ? "agent.martin" : "agent.diallo";
      ENGAGE_TRY(Update(desk, "demands", demand, Json{{"status", "triaged"}}, step(0.05)));
      if (status == "triaged") continue;
      if (status == "rejected") {
        // The reason reaches the requester with the news (in the app and by mail).
        ENGAGE_TRY(Update(desk, "demands", demand,
                          Json{{"status", "rejected"},
                               {"rejection_reason",
                                "Hors du périmètre du service ; l'équipe vous propose d'en reparler lors du "
                                "prochain point d'échange."}},
                          step(0.12)));
        continue;
      }
      if (d.improvement) {
        ENGAGE_TRY(RouteToImprovement(demand, d, step(0.15)));
      } else {
        ENGAGE_TRY(Route(demand, d, step(0.15)));
      }
      if (status == "done") {
        ENGAGE_TRY(Deliver(demand, d, step(0.15), step(0.7)));
        ENGAGE_TRY(Update(desk, "demands", demand, Json{{"status", "done"}}, step(0.75)));
      }
    }
    return {};
  }

  // Who routes and then handles a demand: the lead of the service's team.
  std::string LeadFor(const char* service) const {
    if (service) {
      auto it = services_.find(service);
      if (it != services_.end() && !it->second.at("owner").is_null()) {
        const int64_t owner = it->second.at("owner").get<int64_t>();
        for (const auto& [login, actor] : actors_)
          if (actor.user_id == owner) return login;
      }
    }
    return "cio";
  }

  // Through the demand type's own `route` action, inside this transaction.
  Status Route(Json& demand, const DemandDef& d, TimePoint at) {
    const std::string lead = LeadFor(d.service);
    auto routed = w_.Action(lead, "demands", demand.at("id").get<int64_t>(), "route",
                            Json{{"note", "Orientée par " + As(lead).login + " après qualification."}}, Clamp(at));
    if (!routed) return Fail(routed.error());
    demand = (*routed).at("demand");
    return {};
  }

  // Ideas and complaints about something already being improved join that improvement rather
  // than start another one: the demand points to it, and the improvement relates to the demand.
  Status RouteToImprovement(Json& demand, const DemandDef& d, TimePoint at) {
    auto it = improvements_.find(d.improvement);
    if (it == improvements_.end()) return Route(demand, d, at);
    const Json& improvement = it->second;
    const TimePoint when =
        std::max(at, *ParseTime(improvement.at("created_at").get<std::string>()) + hours{1});
    const std::string owner = [&] {
      for (const auto& [login, actor] : actors_)
        if (improvement.at("owner") == actor.user_id) return login;
      return std::string("cio");
    }();
    const int64_t id = improvement.at("id").get<int64_t>();
    ENGAGE_TRY(
        Link(owner, "improvements", id, "relates_to", "demands", demand.at("id").get<int64_t>(), when));
    return Update(owner, "demands", demand,
                  Json{{"status", "routed"},
                       {"destination", "improve"},
                       {"routed_type", "improvements"},
                       {"routed_id", id}},
                  when, Origin::kRule);
  }

  // The routed work, carried through: the ticket resolved, the change implemented, the project delivered.
  Status Deliver(const Json& demand, const DemandDef& d, TimePoint from, TimePoint done) {
    const std::string type = demand.at("routed_type").get<std::string>();
    const int64_t id = demand.at("routed_id").get<int64_t>();
    auto found = tx_.Get(*records_.registry().Find(type), id);
    if (!found) return Fail(found.error());
    if (!*found)
      return Fail(Error::Of(ErrorKind::kNotFound, "record.not_found", {{"type", type}, {"id", id}}));
    Json record = std::move(**found);
    const std::string lead = LeadFor(d.service);
    auto step = [&](double f) { return Lerp(from, done, f); };
    if (type == "tickets") {
      const std::string agent = draw_.Chance(0.5) ? "agent.martin" : "agent.diallo";
      ENGAGE_TRY(Update(lead, "tickets", record, Json{{"status", "in_progress"}, {"assignee", UserId(agent)}},
                        step(0.1)));
      ENGAGE_TRY(Update(
          agent, "tickets", record,
          Json{{"status", "resolved"}, {"resolution", "Demande réalisée et validée avec le demandeur."}},
          step(1.0)));
      if (done + days{3} < now_)
        ENGAGE_TRY(Update("", "tickets", record, Json{{"status", "closed"}}, done + days{3}));
    } else if (type == "changes") {
      ENGAGE_TRY(Update(lead, "changes", record,
                        Json{{"owner", UserId(lead)},
                             {"status", "approved"},
                             {"risk", "low"},
                             {"planned_start", FormatTime(step(0.6))},
                             {"planned_end", FormatTime(step(0.9))}},
                        step(0.2)));
      ENGAGE_TRY(Update(lead, "changes", record, Json{{"status", "implemented"}}, step(1.0)));
    } else if (type == "projects") {
      ENGAGE_TRY(Update("finance", "projects", record, Json{{"budget", 62000}}, step(0.1)));
      ENGAGE_TRY(Update("cio", "projects", record,
                        Json{{"sponsor", UserId("cio")},
                             {"status", "approved"},
                             {"start_at", FormatTime(step(0.2))},
                             {"end_at", FormatTime(step(1.0))}},
                        step(0.15)));
      ENGAGE_TRY(Update(lead, "projects", record, Json{{"status", "in_progress"}}, step(0.2)));
      ENGAGE_TRY(Update(lead, "projects", record, Json{{"status", "delivered"}}, step(1.0)));
    }
    return {};
  }

  // ---- Build: changes implementing improvements, and where routed work stands.
  Status ChangesForImprovements() {
    for (const auto& c : Changes()) {
      auto it = improvements_.find(c.improvement);
      if (it == improvements_.end()) continue;
      const Json& imp = it->second;
      const TimePoint started = *ParseTime(imp.at("created_at").get<std::string>());
      const TimePoint created = Lerp(started, now_, c.frac);
      const Json service = imp.at("service");
      Json body{{"title", c.title},
                {"description", c.description},
                {"owner", UserId(c.owner)},
                {"status", "draft"},
                {"risk", c.risk}};
      if (!service.is_null()) body["service"] = service;
      Json change;
      ENGAGE_TRY(Create(c.owner, "changes", body, created, change));
      ENGAGE_TRY(Link(c.owner, "changes", change.at("id").get<int64_t>(), "implements", "improvements",
                      imp.at("id").get<int64_t>(), created + minutes{2}));
      const auto final_at = std::find(kChangeFlow.begin(), kChangeFlow.end(), std::string_view(c.status));
      const auto steps = static_cast<int>(final_at - kChangeFlow.begin());
      // Scheduled: the work is still to come; done: it happened along the way.
      const TimePoint planned = std::string_view(c.status) == "scheduled" ? WorkdayAt(now_ + days{9}, 18, 0)
                                                                          : Lerp(created, now_, 0.6);
      for (int k = 1; k <= steps && k < 6; ++k) {
        Json patch{{"status", kChangeFlow[static_cast<size_t>(k)]}};
        if (kChangeFlow[static_cast<size_t>(k)] == std::string_view("scheduled")) {
          patch["planned_start"] = FormatTime(planned);
          patch["planned_end"] = FormatTime(planned + hours{4});
        }
        ENGAGE_TRY(Update(k == 2 ? "cio" : c.owner, "changes", change, patch,
                          Lerp(created, now_, 0.8 * k / (steps + 1))));
      }
    }
    // The routed ones still open: the change under assessment, the projects approved or under way.
    auto routed = AllOf("demands");
    if (!routed) return Fail(routed.error());
    int project = 0;
    for (const auto& d : *routed) {
      if (d.at("status") != "routed" || d.at("routed_type").is_null()) continue;
      const std::string type = d.at("routed_type").get<std::string>();
      if (type != "changes" && type != "projects") continue;
      auto found = tx_.Get(*records_.registry().Find(type), d.at("routed_id").get<int64_t>());
      if (!found) return Fail(found.error());
      if (!*found) continue;
      Json record = std::move(**found);
      const TimePoint from = *ParseTime(record.at("created_at").get<std::string>());
      const char* svc_name = nullptr;
      for (const auto& [name, s] : services_)
        if (s.at("id") == record.at("service")) svc_name = name.c_str();
      const std::string lead = LeadFor(svc_name);
      if (type == "changes") {
        ENGAGE_TRY(Update(lead, "changes", record,
                          Json{{"owner", UserId(lead)}, {"status", "assessment"}, {"risk", "medium"}},
                          Lerp(from, now_, 0.3)));
      } else {
        const bool under_way = project++ == 0;  // the first one routed
        ENGAGE_TRY(Update("finance", "projects", record, Json{{"budget", under_way ? 85000 : 45000}},
                          Lerp(from, now_, 0.3)));
        ENGAGE_TRY(Update("cio", "projects", record,
                          Json{{"sponsor", UserId("cio")},
                               {"status", "approved"},
                               {"start_at", FormatTime(under_way ? Lerp(from, now_, 0.5) : now_ + days{30})},
                               {"end_at", FormatTime(now_ + days{under_way ? 180 : 240})}},
                          Lerp(from, now_, 0.4)));
        if (under_way)
          ENGAGE_TRY(
              Update(lead, "projects", record, Json{{"status", "in_progress"}}, Lerp(from, now_, 0.5)));
      }
    }
    return {};
  }

  Status InfrastructureProject() {
    Json project;
    const TimePoint created = WorkdayAt(DaysAgo(45), 11, 0);
    ENGAGE_TRY(Create("lead.infra", "projects",
                      Json{{"title", "Renouvellement du parc de copieurs"},
                           {"description",
                            "Remplacement des 48 copieurs arrivés en fin de contrat.\n\n"
                            "- consultation avec le service des achats\n- déploiement par étage"},
                           {"service", ServiceId("Impression")},
                           {"requester", PersonId("Sophie Garnier").value_or(0)},
                           {"status", "proposed"}},
                      created, project));
    ENGAGE_TRY(Update("finance", "projects", project, Json{{"budget", 120000}}, Lerp(created, now_, 0.5)));
    return {};
  }

  RecordService& records_;
  Tx& tx_;
  DemoWriter w_;  // every write, at its time, as its author
  const TimePoint now_;
  Rng draw_;
  Rng consult_draw_;  // consultations before approval
  Rng ideas_draw_;    // votes and comments
  TimePoint begin_;
  const Actor system_ = Actor::System();
  std::map<std::string, Actor> actors_;                           // by login
  std::map<std::string, Json> services_, people_, improvements_;  // by name or title
};

#undef ENGAGE_TRY

}  // namespace

Status LoadDemoEngagement(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options) {
  return EngageLoader(records, tx, clock, options).Run();
}

}  // namespace boucle
