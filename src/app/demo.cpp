#include "app/demo.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/demo_engage.hpp"
#include "app/demo_improve.hpp"
#include "app/demo_random.hpp"
#include "app/demo_surveys.hpp"
#include "auth/password.hpp"
#include "improve/findings/findings.hpp"
#include "jobs/outbox.hpp"
#include "notify/notify.hpp"
#include "record/actor.hpp"
#include "record/service.hpp"
#include "store/store.hpp"
#include "support/ticket_rules.hpp"

namespace boucle {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

// ---------------------------------------------------------------------------------------------
seconds Hours(double h) { return seconds{std::llround(h * 3600.0)}; }

TimePoint Lerp(TimePoint a, TimePoint b, double f) {
  return a + seconds{std::llround(static_cast<double>((b - a).count()) * f)};
}

// ---------------------------------------------------------------------------------------------
// Calendar: French public holidays and office hours.

sys_days EasterSunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return sys_days{std::chrono::year{y} / static_cast<unsigned>(month) / static_cast<unsigned>(day)};
}

bool IsWorkingDay(sys_days d) {
  const std::chrono::weekday wd{d};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  const std::chrono::year_month_day ymd{d};
  const unsigned mo = static_cast<unsigned>(ymd.month()), da = static_cast<unsigned>(ymd.day());
  static constexpr std::array<std::pair<unsigned, unsigned>, 8> kFixed{
      {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}}};
  for (auto [m, dd] : kFixed)
    if (m == mo && dd == da) return false;
  const sys_days easter = EasterSunday(static_cast<int>(ymd.year()));
  return d != easter + days{1} && d != easter + days{39} && d != easter + days{50};
}

// The next moment someone at the desk would act: `t` itself during office hours, otherwise the
// start of the next working morning.
TimePoint OfficeTime(TimePoint t, Rng& rng) {
  const sys_days day = std::chrono::floor<days>(t);
  const auto tod = t - day;
  if (IsWorkingDay(day) && tod >= hours{8} && tod < hours{18} + minutes{30}) return t;
  sys_days next = (IsWorkingDay(day) && tod < hours{8}) ? day : day + days{1};
  while (!IsWorkingDay(next)) next += days{1};
  return next + hours{8} + minutes{rng.Int(0, 90)} + seconds{rng.Int(0, 59)};
}

// The last moment someone at the desk could have acted before `t`: `t` itself during office hours,
// otherwise late in the previous working afternoon.
TimePoint OfficeTimeBefore(TimePoint t, Rng& rng) {
  const sys_days day = std::chrono::floor<days>(t);
  const auto tod = t - day;
  if (IsWorkingDay(day) && tod >= hours{8} && tod < hours{18} + minutes{30}) return t;
  sys_days prev = (IsWorkingDay(day) && tod >= hours{18} + minutes{30}) ? day : day - days{1};
  while (!IsWorkingDay(prev)) prev -= days{1};
  return prev + hours{15} + minutes{rng.Int(30, 210)} + seconds{rng.Int(0, 59)};
}

// ---------------------------------------------------------------------------------------------
// The department.

enum Svc : int {
  kMail,
  kVpn,
  kDesktop,
  kBoucle,
  kPhone,
  kWifi,
  kPrint,
  kErp,
  kIntranet,
  kStorage,
  kVisio,
  kIdentity
};
enum Team : int { kInfra, kNetwork, kDev };
// Account indexes, in the order of People().
enum Acc : int { kAdmin, kCio, kLeadNet, kLeadInfra, kLeadDev, kMartin, kDiallo, kFinance, kNguyen, kDurand };
constexpr int kAccountCount = 10;

struct PersonDef {
  const char* name;
  const char* kind;   // person, group, organisation
  const char* group;  // stakeholder_group
  const char* job;
  const char* email;
  std::vector<int> services;
  int influence;
  int interest;
  const char* language;
  const char* channel;
  const char* login;  // the first kAccountCount entries have an account
  const char* role;
  int requests;  // weight as a ticket requester
};

const std::vector<PersonDef>& People() {
  static const std::vector<PersonDef> people{
      {"Nadia Benali",
       "person",
       "support",
       "Administratrice de la plateforme Boucle",
       "nadia.benali@agglo-exemple.fr",
       {kBoucle, kIdentity},
       3,
       5,
       "fr",
       "chat",
       "admin",
       "admin",
       0},
      {"Claire Moreau",
       "person",
       "sponsor",
       "Directrice des systèmes d'information (DSI)",
       "claire.moreau@agglo-exemple.fr",
       {kMail, kVpn, kDesktop, kBoucle, kErp, kVisio, kIdentity},
       5,
       4,
       "fr",
       "meeting",
       "cio",
       "team_lead",
       1},
      {"Julien Lefèvre",
       "person",
       "team_lead",
       "Responsable de l'équipe Réseau et télécoms",
       "julien.lefevre@agglo-exemple.fr",
       {kVpn, kPhone, kWifi, kVisio},
       4,
       5,
       "fr",
       "chat",
       "lead.reseau",
       "team_lead",
       0},
      {"Sophie Garnier",
       "person",
       "team_lead",
       "Responsable de l'équipe Infrastructure et exploitation",
       "sophie.garnier@agglo-exemple.fr",
       {kMail, kDesktop, kPrint, kStorage, kIdentity},
       4,
       5,
       "fr",
       "chat",
       "lead.infra",
       "team_lead",
       0},
      {"Thomas Roux",
       "person",
       "team_lead",
       "Responsable des études et du développement",
       "thomas.roux@agglo-exemple.fr",
       {kBoucle, kErp, kIntranet, kIdentity},
       4,
       5,
       "fr",
       "chat",
       "lead.dev",
       "team_lead",
       0},
      {"Camille Martin",
       "person",
       "support",
       "Technicienne de support de proximité",
       "camille.martin@agglo-exemple.fr",
       {kDesktop, kPrint, kMail, kVisio},
       2,
       5,
       "fr",
       "chat",
       "agent.martin",
       "agent",
       0},
      {"Moussa Diallo",
       "person",
       "support",
       "Technicien de support de niveau 2",
       "moussa.diallo@agglo-exemple.fr",
       {kVpn, kWifi, kStorage, kMail},
       2,
       5,
       "fr",
       "chat",
       "agent.diallo",
       "agent",
       0},
      {"Marc Lambert",
       "person",
       "finance",
       "Responsable financier de la DSI",
       "marc.lambert@agglo-exemple.fr",
       {kErp, kPhone, kPrint},
       4,
       3,
       "fr",
       "email",
       "finance",
       "finance",
       2},
      {"Linh Nguyen",
       "person",
       "development",
       "Développeuse d'applications",
       "linh.nguyen@agglo-exemple.fr",
       {kBoucle, kErp, kIntranet},
       2,
       4,
       "fr",
       "chat",
       "dev.nguyen",
       "developer",
       0},
      {"Pierre Durand",
       "person",
       "end_user",
       "Gestionnaire comptable",
       "pierre.durand@agglo-exemple.fr",
       {kErp, kMail, kDesktop, kPrint},
       2,
       4,
       "fr",
       "portal",
       "user.durand",
       "end_user",
       6},
      // Without an account.
      {"Hélène Marchand",
       "person",
       "sponsor",
       "Directrice générale des services",
       "helene.marchand@agglo-exemple.fr",
       {kMail, kErp, kVisio},
       5,
       2,
       "fr",
       "meeting",
       nullptr,
       nullptr,
       1},
      {"Comité de direction",
       "group",
       "sponsor",
       "Instance de pilotage de la collectivité",
       "codir@agglo-exemple.fr",
       {kErp, kVisio, kIntranet},
       5,
       3,
       "fr",
       "meeting",
       nullptr,
       nullptr,
       0},
      {"Service des achats",
       "group",
       "finance",
       "Achats et marchés publics",
       "achats@agglo-exemple.fr",
       {kErp, kPrint, kPhone},
       3,
       3,
       "fr",
       "email",
       nullptr,
       nullptr,
       0},
      {"Julie Perrin",
       "person",
       "development",
       "Cheffe de projet applicatif",
       "julie.perrin@agglo-exemple.fr",
       {kErp, kIntranet, kIdentity},
       3,
       4,
       "fr",
       "chat",
       nullptr,
       nullptr,
       1},
      {"Sylvie Bernard",
       "person",
       "end_user",
       "Assistante de direction",
       "sylvie.bernard@agglo-exemple.fr",
       {kMail, kVisio, kPrint},
       3,
       3,
       "fr",
       "phone",
       nullptr,
       nullptr,
       6},
      {"Nicolas Petit",
       "person",
       "end_user",
       "Chargé de communication",
       "nicolas.petit@agglo-exemple.fr",
       {kIntranet, kWifi, kVisio},
       2,
       4,
       "fr",
       "portal",
       nullptr,
       nullptr,
       5},
      {"Amélie Robert",
       "person",
       "end_user",
       "Gestionnaire ressources humaines",
       "amelie.robert@agglo-exemple.fr",
       {kDesktop, kPrint, kStorage},
       2,
       3,
       "fr",
       "portal",
       nullptr,
       nullptr,
       5},
      {"François Richard",
       "person",
       "end_user",
       "Comptable",
       "francois.richard@agglo-exemple.fr",
       {kErp, kMail},
       2,
       3,
       "fr",
       "email",
       nullptr,
       nullptr,
       5},
      {"Laura Dubois",
       "person",
       "end_user",
       "Chargée d'accueil",
       "laura.dubois@agglo-exemple.fr",
       {kPhone, kDesktop, kPrint},
       1,
       3,
       "fr",
       "phone",
       nullptr,
       nullptr,
       5},
      {"Mehdi Chaouch",
       "person",
       "end_user",
       "Technicien des services techniques",
       "mehdi.chaouch@agglo-exemple.fr",
       {kVpn, kDesktop},
       1,
       2,
       "fr",
       "phone",
       nullptr,
       nullptr,
       4},
      {"Catherine Leroy",
       "person",
       "end_user",
       "Juriste",
       "catherine.leroy@agglo-exemple.fr",
       {kStorage, kMail},
       2,
       3,
       "fr",
       "email",
       nullptr,
       nullptr,
       4},
      {"Antoine Girard",
       "person",
       "end_user",
       "Acheteur public",
       "antoine.girard@agglo-exemple.fr",
       {kErp, kVpn},
       2,
       3,
       "fr",
       "email",
       nullptr,
       nullptr,
       4},
      {"Émilie Fournier",
       "person",
       "end_user",
       "Chargée de mission",
       "emilie.fournier@agglo-exemple.fr",
       {kVpn, kVisio, kWifi},
       2,
       4,
       "fr",
       "chat",
       nullptr,
       nullptr,
       5},
      {"Olivier Mercier",
       "person",
       "end_user",
       "Chef du service urbanisme",
       "olivier.mercier@agglo-exemple.fr",
       {kVpn, kStorage},
       3,
       4,
       "fr",
       "meeting",
       nullptr,
       nullptr,
       4},
      {"Sandrine Blanc",
       "person",
       "end_user",
       "Responsable de la paie",
       "sandrine.blanc@agglo-exemple.fr",
       {kErp, kStorage, kDesktop},
       3,
       4,
       "fr",
       "email",
       nullptr,
       nullptr,
       4},
      {"Inès Caron",
       "person",
       "end_user",
       "Assistante ressources humaines",
       "ines.caron@agglo-exemple.fr",
       {kDesktop, kMail, kIntranet},
       1,
       3,
       "fr",
       "portal",
       nullptr,
       nullptr,
       4},
      {"David Clarke",
       "person",
       "end_user",
       "Chargé de coopération internationale",
       "david.clarke@agglo-exemple.fr",
       {kVisio, kMail, kVpn},
       2,
       3,
       "en",
       "email",
       nullptr,
       nullptr,
       2},
      {"Télécom Horizon",
       "organisation",
       "supplier",
       "Opérateur télécom et liaisons réseau",
       "support@telecom-horizon.example",
       {kPhone, kVpn, kWifi},
       3,
       2,
       "fr",
       "email",
       nullptr,
       nullptr,
       0},
      {"Printéa Services",
       "organisation",
       "supplier",
       "Maintenance des copieurs multifonctions",
       "contact@printea.example",
       {kPrint},
       2,
       3,
       "fr",
       "phone",
       nullptr,
       nullptr,
       0},
      {"Nuvia Cloud",
       "organisation",
       "supplier",
       "Hébergement de la messagerie",
       "support@nuvia-cloud.example",
       {kMail, kStorage},
       3,
       2,
       "en",
       "email",
       nullptr,
       nullptr,
       0},
  };
  return people;
}

// Person indexes used by the improvements below.
constexpr int kHelene = 10, kSylvie = 14, kNicolas = 15, kAmelie = 16, kFrancois = 17, kCatherine = 20,
              kOlivier = 23;

struct ServiceDef {
  const char* name;
  const char* category;
  Team team;
  const char* lifecycle;  // final lifecycle
  const char* description;
  int weight;  // share of the tickets
};

const std::vector<ServiceDef>& Services() {
  static const std::vector<ServiceDef> services{
      {"Messagerie", "Collaboration", kInfra, "live",
       "Messagerie électronique de tous les agents : courriels, agendas partagés et listes de diffusion.\n\n"
       "- Accès : client de messagerie et webmail\n- Hébergement : Nuvia Cloud\n- Support : équipe "
       "Infrastructure",
       14},
      {"VPN", "Réseau et sécurité", kNetwork, "live",
       "Accès distant sécurisé au réseau interne pour le télétravail et les astreintes.\n\n"
       "- Client VPN installé sur les postes portables\n- Authentification à deux facteurs",
       10},
      {"Postes de travail", "Environnement de travail", kInfra, "live",
       "Ordinateurs fixes et portables, écrans, périphériques et logiciels bureautiques.\n\n"
       "- Préparation et déploiement des postes\n- Réinitialisation des mots de passe\n"
       "- Installation des logiciels du catalogue",
       22},
      {"Boucle (l'outil ITSM)", "Applications", kDev, "live",
       "**Boucle**, l'outil de gestion des services de la DSI : tickets, catalogue de services, parties "
       "prenantes et amélioration continue.",
       4},
      {"Téléphonie", "Communications", kNetwork, "retired",
       "Téléphonie fixe sur l'ancien autocommutateur (PABX).\n\n"
       "> Service retiré : les postes fixes sont remplacés par la téléphonie intégrée à la visioconférence.",
       5},
      {"Réseau Wi-Fi", "Réseau et sécurité", kNetwork, "live",
       "Réseaux sans fil *Agents* et *Invités* dans tous les bâtiments.\n\n"
       "- Accès invités par code journalier\n- Couverture des salles de réunion",
       8},
      {"Impression", "Environnement de travail", kInfra, "live",
       "Copieurs multifonctions en réseau : impression, copie et numérisation.\n\n"
       "- Impression sécurisée par badge\n- Maintenance assurée par Printéa Services",
       12},
      {"ERP Finance", "Applications métier", kDev, "live",
       "Progiciel de gestion financière : engagements, mandatements, budget et clôture de l'exercice.", 7},
      {"Intranet", "Applications", kDev, "live",
       "Portail interne : actualités, annuaire, documents et formulaires en ligne.", 4},
      {"Stockage et sauvegarde", "Infrastructure", kInfra, "live",
       "Partages réseau des directions, sauvegardes quotidiennes et restauration de fichiers.\n\n"
       "- Rétention : 30 jours\n- Restauration sur demande",
       5},
      {"Visioconférence", "Collaboration", kNetwork, "live",
       "Réunions en ligne, équipement des salles de réunion et téléphonie logicielle.", 7},
      {"Gestion des identités", "Infrastructure", kInfra, "pipeline",
       "Gestion centralisée des comptes et des droits (arrivées, départs, mobilités) et réinitialisation des "
       "mots de passe en libre-service.\n\n> En préparation : un pilote est ouvert à quelques services.",
       2},
  };
  return services;
}

int TeamLead(Team team) { return team == kInfra ? kLeadInfra : team == kNetwork ? kLeadNet : kLeadDev; }

struct TicketTemplate {
  int service;
  const char* kind;
  const char* category;
  const char* title;
  const char* detail;
  const char* resolution;
  int weight;
  bool first_contact;  // usually solved while the requester is on the phone
  bool severe;         // an outage: high impact, high urgency
};

const std::vector<TicketTemplate>& Templates() {
  static const std::vector<TicketTemplate> templates{
      // Messagerie
      {kMail, "incident", "Envoi", "Impossible d'envoyer des courriels depuis le client de messagerie",
       "Depuis ce matin, mes messages restent bloqués dans la boîte d'envoi. Le webmail fonctionne.",
       "Profil de messagerie reconstruit ; l'envoi fonctionne de nouveau.", 6, false, false},
      {kMail, "incident", "Quota", "Boîte aux lettres pleine, réception bloquée",
       "Je reçois un message d'alerte indiquant que ma boîte est pleine et je ne reçois plus rien.",
       "Archivage des anciens messages et extension du quota à 10 Go.", 4, false, false},
      {kMail, "request", "Liste de diffusion",
       "Création d'une liste de diffusion pour le service {direction}",
       "Pourriez-vous créer une liste de diffusion regroupant les agents du service ? La liste des membres "
       "est "
       "jointe.",
       "Liste créée et membres ajoutés ; le responsable du service peut la gérer.", 3, false, false},
      {kMail, "request", "Boîte partagée", "Accès à la boîte partagée {direction}",
       "J'ai besoin de consulter et d'envoyer des messages depuis la boîte partagée du service.",
       "Droits accordés ; la boîte apparaît au prochain démarrage du client.", 4, false, false},
      {kMail, "incident", "Agenda", "Les invitations de réunion n'arrivent plus",
       "Mes collègues m'envoient des invitations mais elles n'apparaissent ni dans ma boîte ni dans mon "
       "agenda.",
       "Règle de transfert erronée supprimée ; les invitations arrivent de nouveau.", 3, false, false},
      {kMail, "incident", "Indésirables", "Courriels légitimes classés en courrier indésirable",
       "Les messages d'un partenaire habituel finissent systématiquement dans les indésirables.",
       "Domaine de l'expéditeur ajouté à la liste d'autorisation.", 2, false, false},
      {kMail, "incident", "Panne", "Messagerie inaccessible pour tout le {batiment}",
       "Plus aucun agent du bâtiment ne reçoit de courriels depuis une demi-heure.",
       "Redémarrage du service de transport chez l'hébergeur ; flux rétabli et messages en attente "
       "distribués.",
       1, false, true},
      // VPN
      {kVpn, "incident", "Connexion", "Connexion VPN impossible depuis le domicile",
       "Le client VPN affiche « échec de l'authentification du certificat » depuis hier soir.",
       "Certificat du poste renouvelé ; connexion rétablie.", 6, false, false},
      {kVpn, "incident", "Coupures", "Le VPN se coupe toutes les dix minutes",
       "En télétravail, la connexion VPN tombe régulièrement et je perds mes documents ouverts.",
       "Mise à jour du client VPN et réglage du délai d'inactivité.", 5, false, false},
      {kVpn, "incident", "Authentification", "Code de double authentification refusé",
       "Le code de l'application d'authentification est systématiquement refusé.",
       "Jeton d'authentification resynchronisé.", 3, true, false},
      {kVpn, "request", "Accès", "Ouverture d'un accès VPN pour le télétravail",
       "Mon avenant de télétravail est signé : merci d'ouvrir un accès VPN sur mon portable.",
       "Accès ouvert et guide de connexion envoyé à l'agent.", 4, false, false},
      {kVpn, "incident", "Performance", "Lenteurs importantes via le VPN",
       "Les applications métier sont très lentes dès que je passe par le VPN.",
       "Bascule vers la passerelle secondaire ; débit revenu à la normale.", 3, false, false},
      {kVpn, "incident", "Panne", "VPN indisponible pour tous les télétravailleurs",
       "Aucun agent en télétravail ne parvient à se connecter ce matin.",
       "Passerelle VPN redémarrée après saturation des licences ; capacité augmentée.", 1, false, true},
      // Postes de travail
      {kDesktop, "request", "Mot de passe", "Réinitialisation du mot de passe de session",
       "Mon mot de passe a expiré pendant mes congés et je ne peux plus ouvrir de session.",
       "Mot de passe réinitialisé après vérification de l'identité de l'agent.", 8, true, false},
      {kDesktop, "incident", "Compte", "Compte verrouillé après plusieurs tentatives",
       "Mon compte est bloqué après plusieurs saisies erronées du mot de passe.", "Compte déverrouillé.", 5,
       true, false},
      {kDesktop, "incident", "Matériel", "Le poste {poste} ne démarre plus",
       "L'ordinateur ne s'allume plus du tout, aucun voyant ne s'allume.",
       "Bloc d'alimentation remplacé ; poste redémarré et vérifié.", 4, false, false},
      {kDesktop, "incident", "Performance", "Ordinateur très lent au démarrage",
       "Il faut plus de dix minutes pour que la session soit utilisable le matin.",
       "Profil nettoyé et programmes inutiles retirés du démarrage.", 4, false, false},
      {kDesktop, "request", "Logiciel", "{logiciel}",
       "J'ai besoin de ce logiciel pour mes missions ; mon responsable a donné son accord.",
       "Logiciel installé depuis le catalogue.", 5, false, false},
      {kDesktop, "request", "Matériel", "Demande d'un second écran",
       "Pour le traitement des dossiers, un second écran me ferait gagner beaucoup de temps.",
       "Écran livré, installé et configuré.", 3, false, false},
      {kDesktop, "incident", "Périphérique", "Écran noir sur la station d'accueil",
       "Quand je branche mon portable sur la station d'accueil, les écrans restent noirs.",
       "Pilote de la station d'accueil mis à jour.", 3, false, false},
      {kDesktop, "request", "Arrivée", "Préparation du poste d'un nouvel arrivant ({direction})",
       "Un nouvel agent arrive lundi prochain dans le service : merci de préparer son poste et ses accès.",
       "Poste préparé, compte créé et matériel remis à l'agent.", 3, false, false},
      {kDesktop, "incident", "Logiciel", "Le tableur se ferme à l'ouverture des fichiers partagés",
       "Le tableur se ferme sans message dès que j'ouvre un fichier du lecteur partagé.",
       "Réparation de la suite bureautique et suppression du cache.", 2, false, false},
      // Boucle
      {kBoucle, "incident", "Anomalie", "Erreur lors de l'enregistrement d'un ticket dans Boucle",
       "Le formulaire affiche une erreur quand je joins une description longue.",
       "Correctif déployé en production.", 3, false, false},
      {kBoucle, "request", "Évolution", "Ajout d'un champ dans le formulaire de demande",
       "Nous aurions besoin d'un champ « bâtiment » pour mieux orienter les interventions.",
       "Évolution livrée dans la version du mois.", 2, false, false},
      {kBoucle, "request", "Accès", "Création d'un compte Boucle pour un agent",
       "Un nouvel agent du support a besoin d'un compte.", "Compte créé avec le rôle agent.", 2, false,
       false},
      {kBoucle, "incident", "Notifications", "Les notifications de Boucle n'arrivent plus",
       "Je ne reçois plus les courriels d'affectation des tickets.",
       "Configuration du relais de messagerie corrigée.", 2, false, false},
      {kBoucle, "request", "Tableau de bord", "Nouveau graphique sur le tableau de bord de la DSI",
       "Pourrait-on afficher le respect des SLA par service sur le tableau de bord ?",
       "Graphique ajouté au tableau de bord.", 1, false, false},
      // Téléphonie
      {kPhone, "incident", "Poste fixe", "Poste téléphonique sans tonalité",
       "Mon téléphone fixe n'a plus de tonalité depuis ce matin.", "Cordon remplacé ; tonalité revenue.", 5,
       false, false},
      {kPhone, "request", "Ligne", "Transfert de ligne lors d'un déménagement de bureau",
       "Je change de bureau la semaine prochaine et souhaite conserver mon numéro.",
       "Ligne transférée sur la nouvelle prise.", 3, false, false},
      {kPhone, "incident", "Messagerie vocale", "Messagerie vocale inaccessible",
       "Le code de ma messagerie vocale est refusé.", "Code de messagerie vocale réinitialisé.", 3, true,
       false},
      {kPhone, "request", "Renvoi", "Renvoi d'appel vers un mobile",
       "Pendant mes déplacements, je voudrais que mes appels soient renvoyés vers mon mobile.",
       "Renvoi configuré et testé avec l'agent.", 2, true, false},
      {kPhone, "incident", "Panne", "Standard téléphonique injoignable",
       "Les usagers nous signalent que le standard ne répond plus.",
       "Carte de l'autocommutateur remplacée par Télécom Horizon.", 1, false, true},
      // Réseau Wi-Fi
      {kWifi, "incident", "Couverture", "Pas de Wi-Fi dans la {salle}",
       "Aucun réseau sans fil n'est visible dans la salle.", "Borne redémarrée ; couverture vérifiée.", 5,
       false, false},
      {kWifi, "request", "Invités", "Codes d'accès Wi-Fi invités pour un séminaire",
       "Nous accueillons une trentaine de participants extérieurs jeudi.", "Codes générés et transmis.", 4,
       true, false},
      {kWifi, "incident", "Connexion", "Déconnexions fréquentes du Wi-Fi au {etage}",
       "Le Wi-Fi se coupe plusieurs fois par heure à cet étage.",
       "Canal de la borne modifié pour éviter les interférences.", 4, false, false},
      {kWifi, "incident", "Authentification", "Le portable ne se connecte plus au réseau Agents",
       "Le réseau Agents refuse la connexion depuis la mise à jour du poste.", "Profil Wi-Fi réinstallé.", 3,
       false, false},
      // Impression
      {kPrint, "incident", "Copieur", "Bourrage papier récurrent sur le copieur du {etage}",
       "Le copieur affiche un bourrage à chaque impression recto verso.",
       "Intervention du prestataire : rouleaux d'entraînement remplacés.", 5, false, false},
      {kPrint, "incident", "File d'impression", "Impressions bloquées dans la file d'attente",
       "Mes documents n'apparaissent pas sur le copieur quand je badge.",
       "File d'attente purgée et service d'impression redémarré.", 5, false, false},
      {kPrint, "incident", "Badge", "Le badge n'est plus reconnu par le copieur",
       "Le copieur indique « badge inconnu ».", "Badge de nouveau associé au compte.", 3, true, false},
      {kPrint, "request", "Consommables", "Commande de toner pour le copieur {copieur}",
       "Le copieur signale un niveau de toner faible.", "Toner livré et installé.", 3, false, false},
      {kPrint, "request", "Installation", "Ajout de l'imprimante du service sur mon poste",
       "Je ne trouve pas l'imprimante du service dans la liste.", "Imprimante ajoutée au poste.", 2, true,
       false},
      {kPrint, "incident", "Numérisation", "La numérisation vers la messagerie ne fonctionne plus",
       "Les documents numérisés n'arrivent plus dans ma boîte.",
       "Paramètres du relais de messagerie du copieur corrigés.", 2, false, false},
      // ERP Finance
      {kErp, "incident", "Anomalie", "Erreur à la validation d'un bon de commande",
       "Le circuit de validation s'arrête avec une erreur sur le bon de commande.",
       "Paramétrage du circuit de validation corrigé.", 4, false, false},
      {kErp, "request", "Habilitation", "Habilitation à la saisie des engagements",
       "Je reprends la saisie des engagements du service et n'ai pas les droits.",
       "Profil d'habilitation attribué après accord du responsable.", 4, false, false},
      {kErp, "incident", "Performance", "Lenteurs à l'édition des mandats",
       "L'édition des mandats prend plusieurs minutes.", "Index reconstruits ; temps d'édition normal.", 3,
       false, false},
      {kErp, "request", "Extraction", "Extraction des dépenses par ligne budgétaire",
       "Pour la préparation du budget, j'ai besoin des dépenses par ligne sur trois ans.",
       "Extraction fournie au format tableur.", 3, false, false},
      {kErp, "incident", "Interface", "Les factures dématérialisées ne remontent plus",
       "Aucune facture du portail national n'a été intégrée depuis deux jours.",
       "Certificat de l'interface renouvelé ; factures intégrées.", 2, false, false},
      {kErp, "incident", "Clôture", "Blocage lors de la clôture mensuelle",
       "Le traitement de clôture s'arrête en erreur et bloque toutes les saisies.",
       "Traitement relancé après correction d'une écriture incohérente.", 1, false, true},
      // Intranet
      {kIntranet, "incident", "Accès", "Page d'accueil de l'intranet inaccessible",
       "L'intranet affiche une page d'erreur.", "Service web redémarré et supervision ajoutée.", 2, false,
       false},
      {kIntranet, "request", "Contenu", "Publication d'une actualité du service {direction}",
       "Merci de publier l'actualité ci-jointe sur la page d'accueil.", "Actualité publiée.", 3, false,
       false},
      {kIntranet, "incident", "Annuaire", "Numéro erroné dans l'annuaire de l'intranet",
       "Mon numéro de téléphone est faux dans l'annuaire.", "Fiche de l'annuaire corrigée.", 2, true, false},
      {kIntranet, "request", "Formulaire", "Création d'un formulaire de réservation de véhicule",
       "Le parc automobile souhaite remplacer le tableau papier par un formulaire en ligne.",
       "Formulaire mis en ligne.", 1, false, false},
      // Stockage et sauvegarde
      {kStorage, "request", "Restauration", "Restauration d'un fichier supprimé par erreur",
       "J'ai supprimé par erreur un dossier du lecteur partagé hier après-midi.",
       "Fichiers restaurés depuis la sauvegarde de la veille.", 5, false, false},
      {kStorage, "request", "Droits", "Accès au dossier partagé {direction}",
       "J'ai besoin d'accéder au dossier partagé du service.", "Agent ajouté au groupe d'accès.", 4, false,
       false},
      {kStorage, "incident", "Espace disque", "Lecteur réseau plein, enregistrement impossible",
       "Impossible d'enregistrer sur le lecteur partagé : espace insuffisant.",
       "Quota étendu et fichiers volumineux archivés.", 3, false, false},
      {kStorage, "incident", "Connexion", "Lecteur réseau déconnecté à l'ouverture de session",
       "Le lecteur partagé n'apparaît plus au démarrage.", "Script de connexion corrigé.", 3, false, false},
      {kStorage, "incident", "Sauvegarde", "Échec de la sauvegarde nocturne du serveur de fichiers",
       "Le rapport de sauvegarde de cette nuit est en erreur.",
       "Sauvegarde relancée avec succès ; bande défectueuse remplacée.", 1, false, false},
      // Visioconférence
      {kVisio, "incident", "Salle", "L'écran de la {salle} ne détecte pas l'ordinateur",
       "Impossible de projeter l'ordinateur portable sur l'écran de la salle.", "Câble HDMI remplacé.", 5,
       false, false},
      {kVisio, "incident", "Audio", "Pas de son lors des réunions en ligne",
       "Mes interlocuteurs ne m'entendent pas pendant les réunions.",
       "Périphérique audio par défaut corrigé.", 5, true, false},
      {kVisio, "request", "Équipement", "Prêt d'un casque pour les réunions en ligne",
       "Je souhaite emprunter un casque avec micro.", "Casque remis à l'agent.", 3, true, false},
      {kVisio, "request", "Réunion", "Organisation d'une réunion hybride en {salle}",
       "Réunion avec des participants à distance : merci de vérifier l'équipement de la salle.",
       "Salle testée et technicien présent au démarrage.", 3, false, false},
      {kVisio, "incident", "Caméra", "Caméra non reconnue en visioconférence",
       "La caméra intégrée n'est pas détectée par l'application.", "Pilote de la caméra réinstallé.", 3,
       false, false},
      // Gestion des identités (pilote)
      {kIdentity, "request", "Pilote", "Inscription au pilote de réinitialisation en libre-service",
       "Notre service souhaite participer au pilote.", "Service inscrit au pilote.", 3, false, false},
      {kIdentity, "incident", "Pilote", "Message d'erreur sur le portail de réinitialisation",
       "Le portail affiche une erreur après la saisie du code reçu par SMS.",
       "Correction du connecteur d'annuaire du pilote.", 1, false, false},
  };
  return templates;
}

const std::array<const char*, 4> kResolutionEndings{
    "", "\n\nL'agent a confirmé le bon fonctionnement.", "\n\nVérifié avec l'utilisateur par téléphone.",
    "\n\nSans nouvelles de l'utilisateur, clôture après vérification à distance."};

std::string Fill(std::string_view text, Rng& rng) {
  static constexpr std::array<const char*, 5> kRooms{"salle Loire", "salle Garonne", "salle Rhône",
                                                     "salle du conseil", "salle Seine"};
  static constexpr std::array<const char*, 4> kFloors{"rez-de-chaussée", "1er étage", "2e étage", "3e étage"};
  static constexpr std::array<const char*, 3> kBuildings{"bâtiment A", "bâtiment B", "site Jean-Jaurès"};
  static constexpr std::array<const char*, 6> kDirections{"Ressources humaines", "Finances",
                                                          "Communication",       "Urbanisme",
                                                          "Services techniques", "Affaires juridiques"};
  static constexpr std::array<const char*, 5> kSoftware{
      "Installation de l'éditeur PDF", "Installation d'un logiciel de cartographie",
      "Installation de l'outil de retouche d'images", "Installation d'un logiciel de statistiques",
      "Installation de l'outil de gestion de projet"};
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    out.append(text.substr(pos, open - pos));
    const auto key = text.substr(open + 1, close - open - 1);
    auto pick = [&](std::span<const char* const> v) {
      return std::string(v[static_cast<size_t>(rng.Int(0, static_cast<int>(v.size()) - 1))]);
    };
    if (key == "salle")
      out += pick(kRooms);
    else if (key == "etage")
      out += pick(kFloors);
    else if (key == "batiment")
      out += pick(kBuildings);
    else if (key == "direction")
      out += pick(kDirections);
    else if (key == "logiciel")
      out += pick(kSoftware);
    else if (key == "poste")
      out += "PC-" + std::to_string(rng.Int(1000, 4999));
    else if (key == "copieur")
      out += "COP-" + std::to_string(rng.Int(101, 148));
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

std::string FirstName(const char* full) {
  std::string_view s(full);
  return std::string(s.substr(0, s.find(' ')));
}

// ---------------------------------------------------------------------------------------------
// Tickets, planned first (pure computation), then written.

enum class Step { kAssign, kAssignStart, kStart, kReassign, kPending, kResolve, kReopen, kClose };

struct TicketEvent {
  TimePoint at;
  Step step;
  int actor;     // account index, or -1 for the system (automatic closure)
  int assignee;  // kAssign, kAssignStart, kReassign
  std::string text;
};

struct TicketPlan {
  TimePoint created;
  int service = 0;
  int requester = 0;  // person index
  int creator = 0;    // account index
  std::string kind, title, description, category, impact, urgency, priority;
  std::string opened_as = "new";  // status at creation: the desk records and dispatches calls at once
  int opened_assignee = -1;
  int assignee = -1;  // the last one
  std::string resolution;
  std::vector<TicketEvent> events;
  int64_t id = 0;
};

std::string StatusAfter(const TicketPlan& t) {
  std::string status = t.opened_as;
  for (const auto& e : t.events) {
    switch (e.step) {
      case Step::kAssign:
        status = "assigned";
        break;
      case Step::kAssignStart:
      case Step::kStart:
      case Step::kReopen:
        status = "in_progress";
        break;
      case Step::kPending:
        status = "pending";
        break;
      case Step::kResolve:
        status = "resolved";
        break;
      case Step::kClose:
        status = "closed";
        break;
      case Step::kReassign:
        break;
    }
  }
  return status;
}

std::optional<TimePoint> ResolvedAt(const TicketPlan& t) {
  std::optional<TimePoint> at;
  if (t.opened_as == "resolved") at = t.created;
  for (const auto& e : t.events) {
    if (e.step == Step::kResolve) at = e.at;
    if (e.step == Step::kReopen) at.reset();
  }
  return at;
}

// An improvement that worked: the service's tickets opened after `since` are resolved in `factor`
// of the usual time, so that its measured effect shows in the demonstration.
struct Speedup {
  int service;
  TimePoint since;
  double factor;
};

class TicketPlanner {
 public:
  TicketPlanner(const DemoOptions& options, TimePoint retired_at, std::vector<Speedup> speedups)
      : now_(options.now),
        retired_at_(retired_at),
        rng_(options.seed, 1),
        days_(options.ticket_days),
        speedups_(std::move(speedups)) {
    for (size_t i = 0; i < Templates().size(); ++i)
      by_service_[Templates()[i].service].push_back(static_cast<int>(i));
  }

  std::vector<TicketPlan> Plan() {
    std::vector<TicketPlan> plans;
    const sys_days today = std::chrono::floor<days>(now_);
    for (sys_days day = today - days{days_ - 1}; day <= today; day += days{1}) {
      std::vector<TimePoint> times;
      for (int n = DailyVolume(day); n > 0; --n) {
        const TimePoint t = TimeOfDay(day);
        if (t <= now_) times.push_back(t);
      }
      std::sort(times.begin(), times.end());
      for (TimePoint t : times) plans.push_back(PlanOne(t));
    }
    EnsureEveryOpenStatus(plans);
    return plans;
  }

 private:
  int DailyVolume(sys_days day) {
    if (!IsWorkingDay(day)) return rng_.Int(0, 2);
    int n = rng_.Int(9, 16);
    const std::chrono::year_month_day ymd{day};
    const unsigned month = static_cast<unsigned>(ymd.month()), dom = static_cast<unsigned>(ymd.day());
    if (std::chrono::weekday{day} == std::chrono::Monday) n += 2;
    if (month == 8)
      n = n * 55 / 100;
    else if (month == 7 && dom >= 14)
      n = n * 80 / 100;
    else if (month == 12 && dom >= 22)
      n = n * 60 / 100;
    return n;
  }

  TimePoint TimeOfDay(sys_days day) {
    // Arrivals per hour from 7 h to 18 h: a morning peak and a smaller one after lunch.
    static constexpr std::array<int, 12> kHourWeights{2, 8, 14, 13, 11, 5, 7, 12, 11, 9, 6, 2};
    const int hour = IsWorkingDay(day) ? 7 + static_cast<int>(rng_.Weighted(kHourWeights)) : rng_.Int(8, 19);
    return day + hours{hour} + minutes{rng_.Int(0, 59)} + seconds{rng_.Int(0, 59)};
  }

  int ServiceWeight(int s, TimePoint t) const {
    if (s == kPhone) return t < retired_at_ ? Services()[kPhone].weight : 0;
    if (s == kVisio) return Services()[kVisio].weight + (t < retired_at_ ? 0 : 4);
    if (s == kIdentity) return t >= now_ - days{45} ? Services()[kIdentity].weight : 0;
    return Services()[static_cast<size_t>(s)].weight;
  }

  double Gain(const TicketPlan& t) const {
    for (const auto& s : speedups_)
      if (s.service == t.service && t.created >= s.since) return s.factor;
    return 1.0;
  }

  int PickAssignee(Team team) {
    if (team == kDev) {
      static constexpr std::array<int, 4> kWeights{50, 20, 15, 15};
      static constexpr std::array<int, 4> kWho{kNguyen, kLeadDev, kMartin, kDiallo};
      return kWho[rng_.Weighted(kWeights)];
    }
    static constexpr std::array<int, 3> kWeights{40, 40, 20};
    const std::array<int, 3> who{kMartin, kDiallo, TeamLead(team)};
    return who[rng_.Weighted(kWeights)];
  }

  int Escalate(int current, Team team) {
    if (current == kMartin || current == kDiallo) {
      if (team == kDev) return rng_.Chance(0.7) ? kNguyen : kLeadDev;
      return rng_.Chance(0.5) ? TeamLead(team) : (current == kMartin ? kDiallo : kMartin);
    }
    if (team == kDev) return current == kNguyen ? kLeadDev : kNguyen;
    return rng_.Chance(0.5) ? kMartin : kDiallo;
  }

  int Dispatcher(Team team) {
    static constexpr std::array<int, 3> kWeights{45, 45, 10};
    const std::array<int, 3> who{kMartin, kDiallo, TeamLead(team)};
    return who[rng_.Weighted(kWeights)];
  }

  int PickRequester(int service) {
    std::vector<int> weights;
    for (const auto& p : People()) {
      int w = p.requests;
      if (w > 0 && std::find(p.services.begin(), p.services.end(), service) != p.services.end()) w *= 3;
      weights.push_back(w);
    }
    return static_cast<int>(rng_.Weighted(weights));
  }

  TicketPlan PlanOne(TimePoint created) {
    TicketPlan t;
    t.created = created;
    std::array<int, 12> service_weights{};
    for (int s = 0; s < 12; ++s) service_weights[static_cast<size_t>(s)] = ServiceWeight(s, created);
    t.service = static_cast<int>(rng_.Weighted(service_weights));
    const auto& candidates = by_service_[t.service];
    std::vector<int> template_weights;
    for (int i : candidates) template_weights.push_back(Templates()[static_cast<size_t>(i)].weight);
    const auto& tpl = Templates()[static_cast<size_t>(candidates[rng_.Weighted(template_weights)])];

    t.kind = tpl.kind;
    t.category = tpl.category;
    t.title = Fill(tpl.title, rng_);
    t.requester = PickRequester(t.service);
    const auto& requester = People()[static_cast<size_t>(t.requester)];
    t.description = "Bonjour,\n\n" + Fill(tpl.detail, rng_) + "\n\nCordialement,\n" + requester.name;
    t.resolution = std::string(tpl.resolution) + kResolutionEndings[static_cast<size_t>(rng_.Int(0, 3))];
    if (tpl.severe) {
      t.impact = t.urgency = "high";
    } else {
      static constexpr std::array<const char*, 3> kLevels{"high", "medium", "low"};
      const bool incident = t.kind == "incident";
      const std::array<int, 3> impact =
          incident ? std::array<int, 3>{12, 53, 35} : std::array<int, 3>{5, 45, 50};
      const std::array<int, 3> urgency =
          incident ? std::array<int, 3>{18, 55, 27} : std::array<int, 3>{8, 52, 40};
      t.impact = kLevels[rng_.Weighted(impact)];
      t.urgency = kLevels[rng_.Weighted(urgency)];
      if (!incident && t.impact == "high" && t.urgency == "high")
        t.urgency = "medium";  // a request is never critical
    }
    t.priority = ticket::PriorityFor(t.impact, t.urgency);

    const Team team = Services()[static_cast<size_t>(t.service)].team;
    const int desk_agent = rng_.Chance(0.5) ? kMartin : kDiallo;
    const bool self_service = requester.login != nullptr;  // through the portal; otherwise by phone or mail
    t.creator = self_service ? t.requester : desk_agent;

    if (!self_service && tpl.first_contact && rng_.Chance(0.7) && created < now_ - hours{1}) {
      t.opened_as = "resolved";  // first-contact resolution
      t.opened_assignee = t.assignee = desk_agent;
      AddClose(t, created);
      return t;
    }

    const double age_days = static_cast<double>((now_ - created).count()) / 86400.0;
    const double stuck_chance = age_days < 2 ? 0.35 : age_days < 7 ? 0.18 : age_days < 21 ? 0.08 : 0.0;
    if (rng_.Chance(stuck_chance)) {
      static constexpr std::array<const char*, 4> kStops{"assigned", "in_progress", "pending", "new"};
      const std::array<int, 4> weights{3, 4, 3, age_days < 2 ? 2 : 0};
      PlanStuck(t, kStops[rng_.Weighted(weights)]);
    } else {
      PlanFlow(t, team);
    }
    return t;
  }

  // The whole life of a ticket, cut at `now`. Kept to a few writes per ticket: the desk dispatches
  // what it records, and a pending ticket is resolved once the answer comes.
  void PlanFlow(TicketPlan& t, Team team) {
    // The time the work takes, shortened where an improvement made the service faster.
    const double target_h = Gain(t) * static_cast<double>(ticket::ResolutionTarget(t.priority).count());
    const bool on_call = t.priority == "critical" || t.priority == "high";
    auto office = [&](TimePoint at) { return on_call ? at : OfficeTime(at, rng_); };
    auto after = [&](TimePoint prev, TimePoint at) { return std::max(prev + minutes{1}, office(at)); };
    const double pickup_h = t.priority == "critical" ? 0.15
                            : t.priority == "high"   ? 0.3
                            : t.priority == "medium" ? 0.75
                                                     : 1.5;

    int assignee = PickAssignee(team);
    TimePoint at = t.created;
    if (t.creator != t.requester) {
      t.opened_assignee = assignee;
      if (assignee == t.creator) {
        t.opened_as = "in_progress";
      } else {
        t.opened_as = "assigned";
        if (rng_.Chance(0.35)) {
          at = after(at, at + Hours(0.03 + rng_.Exponential(pickup_h)));
          t.events.push_back({at, Step::kStart, assignee, -1, {}});
        }
      }
    } else {
      const int dispatcher = Dispatcher(team);
      at = after(at, at + Hours(0.02 + rng_.Exponential(pickup_h)));
      if (dispatcher == assignee || rng_.Chance(0.5)) {
        t.events.push_back({at, Step::kAssignStart, assignee, assignee, {}});
      } else {
        t.events.push_back({at, Step::kAssign, dispatcher, assignee, {}});
        if (rng_.Chance(0.35)) {
          at = after(at, at + Hours(0.03 + rng_.Exponential(pickup_h)));
          t.events.push_back({at, Step::kStart, assignee, -1, {}});
        }
      }
    }

    // Work that would end out of hours is mostly finished before leaving, sometimes the next morning.
    TimePoint resolve = t.created + Hours(rng_.Skewed((on_call ? 0.42 : 0.35) * target_h, 0.05));
    if (!on_call) {
      const TimePoint before = OfficeTimeBefore(resolve, rng_);
      if (before > at + minutes{10} && rng_.Chance(0.85)) resolve = before;
    }
    resolve = after(at + minutes{10}, resolve);
    if (rng_.Chance(0.1)) {
      const TimePoint when = after(at, Lerp(at, resolve, rng_.Uniform(0.2, 0.5)));
      const int from = assignee;
      assignee = Escalate(assignee, team);
      t.events.push_back({when, Step::kReassign, from, assignee, {}});
      at = when;
      resolve = after(at + minutes{15}, resolve + Hours(rng_.Exponential(0.2 * target_h)));
    }
    if (rng_.Chance(t.kind == "request" ? 0.2 : 0.12)) {
      const TimePoint pause = after(at, Lerp(at, resolve, rng_.Uniform(0.3, 0.6)));
      t.events.push_back({pause, Step::kPending, assignee, -1, {}});
      resolve =
          after(pause + minutes{30}, std::max(resolve, pause + Hours(1 + rng_.Exponential(0.3 * target_h))));
    }
    t.events.push_back({resolve, Step::kResolve, assignee, -1, t.resolution});
    if (resolve < now_ - days{7} && rng_.Chance(0.03)) {
      const int desk = rng_.Chance(0.5) ? kMartin : kDiallo;
      const TimePoint reopen = after(resolve, resolve + Hours(rng_.Uniform(3, 48)));
      const TimePoint again = after(reopen, reopen + Hours(0.3 + rng_.Exponential(0.3 * target_h)));
      t.events.push_back({reopen, Step::kReopen, desk, -1, {}});
      t.resolution = "Le problème est réapparu après la première intervention.\n\n" + t.resolution;
      t.events.push_back({again, Step::kResolve, assignee, -1, t.resolution});
      resolve = again;
    }
    AddClose(t, resolve);
    t.assignee = assignee;
  }

  // A ticket still waiting at `now` in status `stop`.
  void PlanStuck(TicketPlan& t, const std::string& stop) {
    t.events.clear();
    t.opened_as = "new";
    t.opened_assignee = t.assignee = -1;
    if (stop == "new") return;
    const Team team = Services()[static_cast<size_t>(t.service)].team;
    const int assignee = PickAssignee(team);
    const int dispatcher = Dispatcher(team);
    TimePoint at = Lerp(t.created, now_, rng_.Uniform(0.05, 0.3));
    if (stop == "assigned") {
      t.events.push_back({at, Step::kAssign, dispatcher, assignee, {}});
    } else {
      t.events.push_back({at, Step::kAssignStart, assignee, assignee, {}});
      if (stop == "pending")
        t.events.push_back({Lerp(at, now_, rng_.Uniform(0.1, 0.6)), Step::kPending, assignee, -1, {}});
    }
    t.assignee = assignee;
  }

  void AddClose(TicketPlan& t, TimePoint resolved) {
    t.events.push_back({resolved + hours{72} + minutes{rng_.Int(1, 59)}, Step::kClose, -1, -1, {}});
    std::erase_if(t.events, [&](const TicketEvent& e) { return e.at > now_; });
  }

  // Demonstrations need every open status on screen, whatever the hour `now` falls on.
  void EnsureEveryOpenStatus(std::vector<TicketPlan>& plans) {
    if (plans.empty()) return;
    std::map<std::string, int> count;
    for (const auto& p : plans) ++count[StatusAfter(p)];
    for (const char* wanted : {"new", "assigned", "in_progress", "pending"}) {
      if (count[wanted] > 0) continue;
      for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
        const std::string status = StatusAfter(*it);
        if (it->opened_as == "resolved" || count[status] < 2) continue;
        --count[status];
        PlanStuck(*it, wanted);
        ++count[wanted];
        break;
      }
    }
  }

  TimePoint now_;
  TimePoint retired_at_;
  Rng rng_;
  int days_;
  std::vector<Speedup> speedups_;
  std::map<int, std::vector<int>> by_service_;
};

// ---------------------------------------------------------------------------------------------
// Feedback and improvements.

struct FeedbackText {
  const char* summary;
  const char* text;
};

constexpr std::array<FeedbackText, 3> kPraise{{
    {"Service {service} très fiable",
     "Rien à signaler depuis des mois sur {service} : tout fonctionne, merci à l'équipe."},
    {"Merci pour la mise à jour sans coupure",
     "La mise à jour de {service} s'est faite sans interruption pendant nos heures de travail. Bravo pour "
     "l'organisation."},
    {"Bonne communication lors de la maintenance",
     "Nous avons été prévenus à l'avance de l'intervention sur {service}, avec des consignes claires."},
}};
constexpr std::array<FeedbackText, 3> kComplaint{{
    {"Lenteurs fréquentes sur {service}",
     "Depuis quelques semaines, {service} est très lent en fin de matinée. Cela ralentit tout le service."},
    {"Coupures répétées : {service}",
     "Nous subissons des coupures de {service} plusieurs fois par semaine, sans information préalable."},
    {"Délais de traitement trop longs",
     "Mes demandes concernant {service} mettent plusieurs jours à être prises en charge."},
}};
constexpr std::array<FeedbackText, 3> kSuggestion{{
    {"Un guide pas à pas : {service}",
     "Une fiche pratique sur l'intranet éviterait beaucoup d'appels au support pour {service}."},
    {"Prévenir avant les interventions",
     "Pourriez-vous annoncer les interventions sur {service} au moins deux jours avant ?"},
    {"Élargir les horaires du support",
     "Un support joignable dès 7 h 30 aiderait les équipes qui commencent tôt."},
}};
constexpr std::array<FeedbackText, 3> kIdea{{
    {"Base de connaissances en libre-service",
     "Une base de réponses aux questions fréquentes sur {service} permettrait de se dépanner seul."},
    {"Ateliers de prise en main",
     "Des ateliers de 30 minutes sur {service} pour les nouveaux arrivants seraient très utiles."},
    {"Suivi des demandes par SMS",
     "Recevoir un SMS quand une demande sur {service} est résolue serait pratique pour les agents de "
     "terrain."},
}};
constexpr std::array<FeedbackText, 2> kTicketPraise{{
    {"Merci à {agent} pour son intervention",
     "Problème « {title} » réglé rapidement et avec pédagogie. Merci !"},
    {"Intervention rapide et efficace", "Ma demande « {title} » a été traitée sans délai, très appréciable."},
}};
constexpr std::array<FeedbackText, 2> kTicketComplaint{{
    {"Demande traitée trop tard",
     "Ma demande « {title} » a mis bien trop longtemps à être traitée, j'ai dû relancer plusieurs fois."},
    {"Le problème est revenu",
     "« {title} » a été déclaré résolu mais le problème est réapparu quelques jours plus tard."},
}};
constexpr std::array<FeedbackText, 1> kTicketSuggestion{{
    {"Être tenu informé de l'avancement",
     "Pour « {title} », j'aurais aimé savoir où en était ma demande sans avoir à appeler."},
}};

std::string Replace(std::string text, std::string_view key, std::string_view value) {
  for (size_t pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
    text.replace(pos, key.size(), value);
  return text;
}

struct FeedbackPlan {
  TimePoint at;
  int person = 0;
  int service = 0;
  int ticket = -1;  // index into the ticket plans
  std::string kind, summary, text;
  int rating = 0;  // 0: none
  std::optional<TimePoint> acknowledged, closed;
  int improvement = -1;  // index into Improvements() when it started one
  int64_t id = 0;
};

struct ImprovementDef {
  const char* title;
  const char* description;
  int owner;
  int service;
  const char* kpi;
  double baseline;
  double target;
  const char* priority;
  int final_phase;    // index into kPhases
  double start_frac;  // how far back it started, as a share of the ticket period
  int person;         // the feedback it came from
  const char* fb_kind;
  int fb_rating;
  const char* fb_summary;
  const char* fb_text;
};

constexpr std::array<const char*, 5> kPhases{"plan", "do", "check", "act", "done"};

const std::vector<ImprovementDef>& Improvements() {
  static const std::vector<ImprovementDef> defs{
      {"Restauration de fichiers en libre-service",
       "**Constat** : les demandes de restauration représentent une part importante des tickets de stockage "
       "et "
       "attendent souvent l'équipe Infrastructure.\n\n**Actions** :\n- activer les versions précédentes sur "
       "les "
       "partages\n- publier un guide sur l'intranet",
       kLeadInfra, kStorage, "resolve_time_median_hours", 9, 3, "medium", 4, 0.9, kCatherine, "idea", 4,
       "Restaurer soi-même une version précédente",
       "Quand je supprime un fichier par erreur, je dois attendre le support. Pouvoir restaurer moi-même une "
       "version précédente serait un vrai gain."},
      {"Réduire le temps de résolution des incidents VPN",
       "**Constat** : les incidents VPN restent ouverts trop longtemps, surtout en début de semaine.\n\n"
       "**Actions** :\n- procédure de diagnostic de niveau 1 pour le support\n- supervision de la passerelle "
       "et "
       "alerte sur saturation\n- renouvellement automatique des certificats des postes",
       kLeadNet, kVpn, "resolve_time_median_hours", 4.5, 2.5, "high", 4, 0.78, kOlivier, "complaint", 2,
       "Coupures VPN à répétition en télétravail",
       "Depuis plusieurs semaines, le VPN coupe en plein après-midi et mes demandes mettent plusieurs jours "
       "à être "
       "traitées. C'est très pénalisant les jours de télétravail."},
      {"Réinitialisation des mots de passe en libre-service",
       "**Constat** : près d'un ticket sur dix concerne un mot de passe expiré ou un compte verrouillé.\n\n"
       "**Actions** :\n- portail de réinitialisation avec code SMS (pilote *Gestion des identités*)\n"
       "- communication auprès des agents",
       kLeadInfra, kDesktop, "ticket_count", 190, 140, "high", 3, 0.6, kSylvie, "idea", 4,
       "Pouvoir réinitialiser son mot de passe soi-même",
       "Je dois appeler le support à chaque fois que mon mot de passe expire pendant un congé. Un portail en "
       "libre-service nous ferait gagner du temps, à nous comme au support."},
      {"Améliorer la couverture Wi-Fi des salles de réunion",
       "**Constat** : les salles de réunion concentrent les incidents Wi-Fi et les délais dépassés.\n\n"
       "**Actions** :\n- étude de couverture\n- ajout de deux bornes\n- réglage automatique des canaux",
       kLeadNet, kWifi, "sla_compliance", 0.81, 0.95, "medium", 3, 0.55, kNicolas, "complaint", 2,
       "Wi-Fi instable en salle Garonne",
       "Pendant nos formations en salle Garonne, le Wi-Fi se coupe sans arrêt et les participants ne peuvent "
       "pas "
       "suivre les démonstrations."},
      {"Fiabiliser les copieurs du 2e étage",
       "**Constat** : les mêmes pannes reviennent quelques jours après chaque intervention.\n\n"
       "**Actions** :\n- remplacement préventif des pièces d'usure avec Printéa Services\n- suivi des "
       "réouvertures par copieur",
       kLeadInfra, kPrint, "reopen_rate", 0.095, 0.03, "medium", 2, 0.45, kAmelie, "complaint", 1,
       "Copieur du 2e étage encore en panne",
       "Le copieur du 2e étage tombe en panne plusieurs fois par mois, et le problème revient quelques jours "
       "après "
       "chaque intervention."},
      {"Mieux orienter les tickets de messagerie dès leur ouverture",
       "**Constat** : beaucoup de tickets de messagerie changent plusieurs fois de main avant d'être "
       "traités.\n\n"
       "**Actions** :\n- catégories plus précises dans le formulaire\n- règles d'affectation par catégorie",
       kLeadInfra, kMail, "reassignment_rate", 0.21, 0.08, "medium", 2, 0.4, kFrancois, "suggestion", 3,
       "Tickets de messagerie renvoyés d'une équipe à l'autre",
       "Ma demande d'accès à une boîte partagée est passée par trois personnes avant d'être traitée. Une "
       "catégorie plus précise dans le formulaire aiderait peut-être."},
      {"Guide de démarrage des salles de visioconférence",
       "**Constat** : les réunions hybrides démarrent en retard faute de savoir brancher l'équipement.\n\n"
       "**Actions** :\n- fiche illustrée affichée dans chaque salle\n- tutoriel vidéo de deux minutes",
       kLeadNet, kVisio, "first_contact_resolution_rate", 0.32, 0.6, "low", 1, 0.3, kHelene, "suggestion", 3,
       "Réunions hybrides qui démarrent en retard",
       "Nous perdons dix minutes à chaque réunion hybride pour connecter l'écran et le micro. Une fiche "
       "simple "
       "affichée dans la salle suffirait sans doute."},
      {"Simplifier la clôture mensuelle dans l'ERP Finance",
       "**Constat** : la clôture mensuelle demande de nombreuses manipulations et se bloque "
       "régulièrement.\n\n"
       "**Pistes** :\n- contrôles automatiques avant clôture\n- tableau de suivi des écritures en anomalie",
       kLeadDev, kErp, "satisfaction_mean", 2.9, 4, "high", 0, 0.08, kFinance, "complaint", 2,
       "Clôture mensuelle laborieuse",
       "Chaque fin de mois, la clôture nous prend une journée entière et se bloque sur des écritures que "
       "personne "
       "ne sait retrouver."},
      {"Modèles de demande dans Boucle",
       "**Constat** : les demandes arrivent souvent incomplètes et font l'objet d'allers-retours.\n\n"
       "**Pistes** :\n- modèles pour les demandes les plus courantes\n- champs préremplis selon le service",
       kLeadDev, kBoucle, "satisfaction_mean", 3.6, 4.3, "low", 0, 0.05, kDurand, "idea", 4,
       "Proposer des modèles de demande courants",
       "Pour les demandes simples (accès, logiciel, matériel), des modèles tout prêts éviteraient d'oublier "
       "des "
       "informations."},
  };
  return defs;
}

// When the old telephony was switched off: a working evening a third of the way back.
TimePoint RetiredAt(const DemoOptions& options) {
  sys_days day = std::chrono::floor<days>(options.now - days{options.ticket_days / 3});
  while (!IsWorkingDay(day)) day -= days{1};
  return std::min(options.now, TimePoint{day + hours{17} + minutes{30}});
}

struct ImprovementPlan {
  TimePoint created;
  std::vector<TimePoint> phase_at;  // phase_at[i]: reaching kPhases[i + 1]
  int feedback = -1;
  std::vector<int> tickets;  // measured_by
};

// ---------------------------------------------------------------------------------------------
// The loader: writes everything in one transaction.

#define DEMO_TRY(expr)                       \
  do {                                       \
    if (auto st_ = (expr); !st_) return st_; \
  } while (false)

class Loader {
 public:
  Loader(RecordService& records, Tx& tx, ManualClock& clock, const DemoOptions& options,
         const std::string& hash)
      : records_(records),
        tx_(tx),
        clock_(clock),
        options_(options),
        now_(options.now),
        hash_(hash),
        period_start_(std::chrono::floor<days>(options.now) - days{options.ticket_days - 1}),
        setup_at_(period_start_ - days{30} + hours{9}),
        retired_at_(RetiredAt(options)) {}

  Status Run() {
    DEMO_TRY(Accounts());
    DEMO_TRY(CatalogueOfServices());
    DEMO_TRY(Stakeholders());
    Rng rng(options_.seed, 2);
    auto improvements = TimeImprovements(rng);
    tickets_ = TicketPlanner(options_, retired_at_, SpeedupsOf(improvements)).Plan();
    DEMO_TRY(Tickets());
    MeasuringTickets(improvements);
    auto feedback = PlanFeedback(rng, improvements);
    DEMO_TRY(WriteFeedback(feedback));
    DEMO_TRY(WriteImprovements(improvements, feedback));
    // Engagement (RACI, plans, interactions, demands) and build (changes, projects), same transaction.
    DEMO_TRY(LoadDemoEngagement(records_, tx_, clock_, options_));
    DEMO_TRY(LoadDemoImprove(records_, tx_, clock_, options_));
    DEMO_TRY(LoadDemoSurveys(records_, tx_, clock_, options_));
    DEMO_TRY(ReadOldNotifications());
    return CancelMails();
  }

  // People read their notifications: those older than a fortnight were read the day after, so
  // that the bell shows what is recent.
  Status ReadOldNotifications() {
    const TypeSpec* type = records_.registry().Find(kNotificationType);
    ListQuery q;
    q.filters.push_back({"read_at", FilterOp::kIsNull, Json()});
    q.filters.push_back({"created_at", FilterOp::kLt, FormatTime(now_ - days{14})});
    q.limit = 500;
    for (int round = 0; round < 1000; ++round) {
      auto page = tx_.List(*type, q);
      if (!page) return Fail(page.error());
      if (page->items.empty()) return {};
      for (const auto& n : page->items) {
        const auto created = ParseTime(n.at("created_at").get<std::string>());
        const std::string read_at = FormatTime(created.value_or(now_) + days{1});
        auto done = records_.UpdateIn(tx_, system_, kNotificationType, n.at("id").get<int64_t>(),
                                      {{"read_at", read_at}}, n.at("version").get<int64_t>());
        if (!done) return Fail(done.error());
      }
    }
    return {};
  }

  // Demonstration data never mails anyone: what its steps queued (demand news, resolved tickets,
  // consultations asked) stays in the outbox, cancelled. The in-app notifications remain.
  Status CancelMails() {
    const TypeSpec* outbox = records_.registry().Find(kOutboxType);
    ListQuery q;
    q.filters.push_back({"status", FilterOp::kEq, "pending"});
    q.limit = 500;
    for (int round = 0; round < 1000; ++round) {
      auto page = tx_.List(*outbox, q);
      if (!page) return Fail(page.error());
      if (page->items.empty()) return {};
      for (const auto& job : page->items) {
        auto done = records_.UpdateIn(tx_, system_, kOutboxType, job.at("id").get<int64_t>(),
                                      {{"status", "cancelled"}, {"last_error", "demonstration data: not sent"}},
                                      job.at("version").get<int64_t>());
        if (!done) return Fail(done.error());
      }
    }
    return {};
  }

 private:
  const Actor& As(int account) const { return account < 0 ? system_ : actors_[static_cast<size_t>(account)]; }

  Status Annotated(Error e, std::string_view what) {
    e.params["demo_step"] = std::string(what);
    return Fail(std::move(e));
  }

  Status Create(int actor, const std::string& type, const Json& body, TimePoint at, Json& out) {
    clock_.Set(at);
    auto r = records_.CreateIn(tx_, As(actor), type, body);
    if (!r) return Annotated(std::move(r.error()), "create " + type + " " + body.dump());
    out = std::move(*r);
    return {};
  }

  Status Update(int actor, const std::string& type, Json& record, const Json& patch, TimePoint at) {
    clock_.Set(at);
    auto r = records_.UpdateIn(tx_, As(actor), type, record.at("id").get<int64_t>(), patch,
                               record.at("version").get<int64_t>());
    if (!r)
      return Annotated(std::move(r.error()),
                       "update " + type + " " + record.at("id").dump() + " " + patch.dump());
    record = std::move(*r);
    return {};
  }

  Status Link(int actor, const std::string& from_type, int64_t from_id, const char* kind,
              const std::string& to_type, int64_t to_id, TimePoint at) {
    Json out;
    return Create(actor, "links",
                  Json{{"from_type", from_type},
                       {"from_id", from_id},
                       {"kind", kind},
                       {"to_type", to_type},
                       {"to_id", to_id}},
                  at, out);
  }

  Status Accounts() {
    auto existing = tx_.FindCredentials("admin");
    if (!existing) return Fail(existing.error());
    if (existing->has_value()) return Fail(Error::Of(ErrorKind::kConflict, "demo.not_empty"));
    for (int i = 0; i < kAccountCount; ++i) {
      const auto& p = People()[static_cast<size_t>(i)];
      Json user;
      DEMO_TRY(Create(-1, "users",
                      Json{{"login", p.login},
                           {"display_name", p.name},
                           {"email", p.email},
                           {"role", p.role},
                           {"job_title", p.job},
                           {"language", p.language},
                           {"active", true}},
                      setup_at_ + minutes{i}, user));
      const int64_t id = user.at("id").get<int64_t>();
      if (auto st = tx_.SetPasswordHash(id, hash_); !st) return Annotated(std::move(st.error()), "password");
      user_ids_.push_back(id);
      actors_.push_back(
          Actor{.user_id = id, .login = p.login, .role = *ParseRole(p.role), .lang = p.language});
    }
    return {};
  }

  Status CatalogueOfServices() {
    int i = 0;
    for (const auto& s : Services()) {
      const bool retired = std::string_view(s.lifecycle) == "retired";
      const int owner = TeamLead(s.team);
      Json service;
      DEMO_TRY(Create(owner, "services",
                      Json{{"name", s.name},
                           {"description", s.description},
                           {"owner", user_ids_[static_cast<size_t>(owner)]},
                           {"lifecycle", retired ? "live" : s.lifecycle},
                           {"category", s.category}},
                      setup_at_ + hours{1} + minutes{i++}, service));
      if (retired) DEMO_TRY(Update(owner, "services", service, Json{{"lifecycle", "retired"}}, retired_at_));
      service_ids_.push_back(service.at("id").get<int64_t>());
    }
    return {};
  }

  Status Stakeholders() {
    int i = 0;
    for (const auto& p : People()) {
      Json services = Json::array();
      for (int s : p.services) services.push_back(service_ids_[static_cast<size_t>(s)]);
      Json body{{"name", p.name},
                {"kind", p.kind},
                {"stakeholder_group", p.group},
                {"job_title", p.job},
                {"email", p.email},
                {"services", services},
                {"influence", p.influence},
                {"interest", p.interest},
                {"preferred_language", p.language},
                {"preferred_channel", p.channel}};
      if (i < kAccountCount) body["user_account"] = user_ids_[static_cast<size_t>(i)];
      Json out;
      DEMO_TRY(Create(kAdmin, "stakeholders", body, setup_at_ + hours{2} + minutes{i}, out));
      stakeholder_ids_.push_back(out.at("id").get<int64_t>());
      ++i;
    }
    return {};
  }

  Status Tickets() {
    for (auto& t : tickets_) {
      Json body{{"kind", t.kind},
                {"title", t.title},
                {"description", t.description},
                {"requester", stakeholder_ids_[static_cast<size_t>(t.requester)]},
                {"service", service_ids_[static_cast<size_t>(t.service)]},
                {"category", t.category},
                {"impact", t.impact},
                {"urgency", t.urgency}};
      if (t.opened_as != "new") {
        body["assignee"] = user_ids_[static_cast<size_t>(t.opened_assignee)];
        body["status"] = t.opened_as;
        if (t.opened_as == "resolved") body["resolution"] = t.resolution;
      }
      Json record;
      DEMO_TRY(Create(t.creator, "tickets", body, t.created, record));
      t.id = record.at("id").get<int64_t>();
      for (const auto& e : t.events) {
        Json patch;
        switch (e.step) {
          case Step::kAssign:
            patch = {{"status", "assigned"}, {"assignee", user_ids_[static_cast<size_t>(e.assignee)]}};
            break;
          case Step::kAssignStart:
            patch = {{"status", "in_progress"}, {"assignee", user_ids_[static_cast<size_t>(e.assignee)]}};
            break;
          case Step::kReassign:
            patch = {{"assignee", user_ids_[static_cast<size_t>(e.assignee)]}};
            break;
          case Step::kStart:
          case Step::kReopen:
            patch = {{"status", "in_progress"}};
            break;
          case Step::kPending:
            patch = {{"status", "pending"}};
            break;
          case Step::kResolve:
            patch = {{"status", "resolved"}, {"resolution", e.text}};
            break;
          case Step::kClose:
            patch = {{"status", "closed"}};
            break;
        }
        DEMO_TRY(Update(e.actor, "tickets", record, patch, e.at));
      }
    }
    return {};
  }

  // When each improvement starts and moves through its phases, before the tickets are planned so
  // that those that worked can shape them.
  std::vector<ImprovementPlan> TimeImprovements(Rng& rng) {
    std::vector<ImprovementPlan> plans;
    const double span_s = static_cast<double>((now_ - TimePoint{period_start_}).count());
    for (const auto& def : Improvements()) {
      ImprovementPlan p;
      const TimePoint start = now_ - seconds{std::llround(span_s * def.start_frac)};
      p.created = OfficeTime(std::chrono::floor<days>(start) + hours{10} + minutes{rng.Int(0, 59)}, rng);
      if (p.created >= now_) p.created = now_ - hours{2};
      for (int i = 1; i <= def.final_phase; ++i)
        p.phase_at.push_back(Lerp(p.created, now_, 0.85 * i / (def.final_phase + 1) + rng.Uniform(0, 0.05)));
      plans.push_back(std::move(p));
    }
    return plans;
  }

  // The finished improvements on time to resolve worked: a week into Do, their service's tickets
  // take a third of the time.
  static std::vector<Speedup> SpeedupsOf(const std::vector<ImprovementPlan>& plans) {
    std::vector<Speedup> out;
    for (size_t i = 0; i < plans.size(); ++i) {
      const auto& def = Improvements()[i];
      if (def.final_phase >= 4 && std::string_view(def.kpi).starts_with("resolve_time"))
        out.push_back({def.service, plans[i].phase_at.front() + days{7}, 0.3});
    }
    return out;
  }

  void MeasuringTickets(std::vector<ImprovementPlan>& plans) {
    for (size_t d = 0; d < plans.size(); ++d) {
      const auto& def = Improvements()[d];
      auto& p = plans[d];
      // The tickets that measure it: those of its service after work began, or the last ones before
      // it was planned.
      const TimePoint from = p.phase_at.empty() ? p.created : p.phase_at.front();
      std::vector<int> after, before;
      for (size_t i = 0; i < tickets_.size(); ++i) {
        if (tickets_[i].service != def.service) continue;
        (tickets_[i].created >= from ? after : before).push_back(static_cast<int>(i));
      }
      if (!p.phase_at.empty() && !after.empty()) {
        const size_t n = std::min<size_t>(5, after.size());
        for (size_t k = 0; k < n; ++k) p.tickets.push_back(after[(k * after.size()) / n]);
      } else {
        for (size_t k = before.size() > 4 ? before.size() - 4 : 0; k < before.size(); ++k)
          p.tickets.push_back(before[k]);
      }
    }
  }

  std::vector<FeedbackPlan> PlanFeedback(Rng& rng, std::vector<ImprovementPlan>& improvements) {
    std::vector<FeedbackPlan> plans;
    // Where each improvement came from.
    for (size_t i = 0; i < Improvements().size(); ++i) {
      const auto& def = Improvements()[i];
      FeedbackPlan f;
      const sys_days day = std::chrono::floor<days>(improvements[i].created) - days{rng.Int(6, 20)};
      f.at = OfficeTime(day + hours{9} + minutes{rng.Int(0, 480)}, rng);
      f.at =
          std::min(improvements[i].created - hours{1}, std::max(TimePoint{period_start_} + hours{9}, f.at));
      f.person = def.person;
      f.service = def.service;
      f.kind = def.fb_kind;
      f.rating = def.fb_rating;
      f.summary = def.fb_summary;
      f.text = def.fb_text;
      f.acknowledged = Lerp(f.at, improvements[i].created, 0.3);
      f.improvement = static_cast<int>(i);
      plans.push_back(std::move(f));
    }
    // The rest: about the services, or about one ticket.
    std::vector<int> resolved;
    for (size_t i = 0; i < tickets_.size(); ++i) {
      const auto at = ResolvedAt(tickets_[i]);
      if (at && *at < now_ - days{2} && tickets_[i].assignee >= 0) resolved.push_back(static_cast<int>(i));
    }
    const TimePoint first = TimePoint{period_start_} + days{10};
    for (int n = 0; n < 52; ++n) {
      FeedbackPlan f;
      auto fill = [&](const FeedbackText& ft, const std::string& service, const std::string& agent,
                      const std::string& title) {
        f.summary =
            Replace(Replace(Replace(ft.summary, "{service}", service), "{agent}", agent), "{title}", title);
        f.text = Replace(Replace(Replace(ft.text, "{service}", service), "{agent}", agent), "{title}", title);
      };
      if (rng.Chance(0.4) && !resolved.empty()) {
        const auto& t = tickets_[static_cast<size_t>(
            resolved[static_cast<size_t>(rng.Int(0, static_cast<int>(resolved.size()) - 1))])];
        const TimePoint done = *ResolvedAt(t);
        f.at = std::min(now_ - hours{1}, OfficeTime(done + Hours(2 + rng.Exponential(20)), rng));
        f.person = t.requester;
        f.service = t.service;
        f.ticket = static_cast<int>(&t - tickets_.data());
        const bool reopened = std::any_of(t.events.begin(), t.events.end(),
                                          [](const auto& e) { return e.step == Step::kReopen; });
        const bool late = done > t.created + ticket::ResolutionTarget(t.priority);
        const std::string agent = FirstName(People()[static_cast<size_t>(t.assignee)].name);
        if (reopened || late) {
          if (rng.Chance(0.75)) {
            f.kind = "complaint";
            f.rating = rng.Int(1, 2);
            fill(kTicketComplaint[reopened ? 1 : 0], "", agent, t.title);
          } else {
            f.kind = "suggestion";
            f.rating = rng.Int(2, 3);
            fill(kTicketSuggestion[0], "", agent, t.title);
          }
        } else if (rng.Chance(0.8)) {
          f.kind = "praise";
          f.rating = rng.Int(4, 5);
          fill(kTicketPraise[static_cast<size_t>(rng.Int(0, 1))], "", agent, t.title);
        } else {
          f.kind = "suggestion";
          f.rating = rng.Int(3, 4);
          fill(kTicketSuggestion[0], "", agent, t.title);
        }
      } else {
        f.at = OfficeTime(Lerp(first, now_ - hours{3}, rng.Uniform()), rng);
        if (f.at > now_) f.at = now_ - hours{1};
        std::vector<int> weights;
        for (const auto& p : People())
          weights.push_back(p.requests + (std::string_view(p.kind) == "person" ? 1 : 0));
        f.person = static_cast<int>(rng.Weighted(weights));
        const auto& interests = People()[static_cast<size_t>(f.person)].services;
        f.service = interests[static_cast<size_t>(rng.Int(0, static_cast<int>(interests.size()) - 1))];
        if (f.service == kIdentity) f.service = kDesktop;
        const std::string service = Services()[static_cast<size_t>(f.service)].name;
        static constexpr std::array<int, 4> kKindWeights{25, 30, 25, 20};
        switch (rng.Weighted(kKindWeights)) {
          case 0:
            f.kind = "praise";
            f.rating = rng.Int(4, 5);
            fill(rng.Pick<FeedbackText>(kPraise), service, "", "");
            break;
          case 1:
            f.kind = "complaint";
            f.rating = rng.Int(1, 2);
            fill(rng.Pick<FeedbackText>(kComplaint), service, "", "");
            break;
          case 2:
            f.kind = "suggestion";
            f.rating = rng.Int(2, 4);
            fill(rng.Pick<FeedbackText>(kSuggestion), service, "", "");
            break;
          default:
            f.kind = "idea";
            f.rating = rng.Chance(0.3) ? 0 : rng.Int(3, 5);
            fill(rng.Pick<FeedbackText>(kIdea), service, "", "");
            break;
        }
      }
      const auto age = now_ - f.at;
      const TimePoint ack = OfficeTime(f.at + Hours(rng.Uniform(2, 50)), rng);
      const TimePoint close = ack + days{rng.Int(3, 30)};
      const double ack_chance = age > days{60} ? 1.0 : age > days{7} ? 0.8 : 0.3;
      const double close_chance = age > days{60} ? 0.6 : age > days{7} ? 0.25 : 0.0;
      if (rng.Chance(ack_chance) && ack < now_) {
        f.acknowledged = ack;
        if (rng.Chance(close_chance) && close < now_) f.closed = close;
      }
      plans.push_back(std::move(f));
    }
    std::stable_sort(plans.begin(), plans.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    for (size_t i = 0; i < plans.size(); ++i)
      if (plans[i].improvement >= 0)
        improvements[static_cast<size_t>(plans[i].improvement)].feedback = static_cast<int>(i);
    return plans;
  }

  Status WriteFeedback(std::vector<FeedbackPlan>& plans) {
    for (auto& f : plans) {
      const auto& person = People()[static_cast<size_t>(f.person)];
      Json body{{"stakeholder", stakeholder_ids_[static_cast<size_t>(f.person)]},
                {"service", service_ids_[static_cast<size_t>(f.service)]},
                {"kind", f.kind},
                {"summary", f.summary},
                {"text", f.text}};
      if (f.ticket >= 0) body["ticket"] = tickets_[static_cast<size_t>(f.ticket)].id;
      if (f.rating > 0) body["rating"] = f.rating;
      const int author = (person.login && f.person < kAccountCount) ? f.person : -1;
      Json record;
      DEMO_TRY(Create(author, "feedback", body, f.at, record));
      f.id = record.at("id").get<int64_t>();
      const int handler = TeamLead(Services()[static_cast<size_t>(f.service)].team);
      if (f.acknowledged)
        DEMO_TRY(Update(handler, "feedback", record, Json{{"status", "acknowledged"}}, *f.acknowledged));
      if (f.closed) DEMO_TRY(Update(handler, "feedback", record, Json{{"status", "closed"}}, *f.closed));
      if (f.improvement >= 0) feedback_records_[f.improvement] = std::move(record);
    }
    return {};
  }

  Status WriteImprovements(const std::vector<ImprovementPlan>& plans,
                           const std::vector<FeedbackPlan>& feedback) {
    for (size_t i = 0; i < plans.size(); ++i) {
      const auto& def = Improvements()[i];
      const auto& p = plans[i];
      Json record;
      DEMO_TRY(Create(def.owner, "improvements",
                      Json{{"title", def.title},
                           {"description", def.description},
                           {"owner", user_ids_[static_cast<size_t>(def.owner)]},
                           {"phase", "plan"},
                           {"service", service_ids_[static_cast<size_t>(def.service)]},
                           {"kpi", def.kpi},
                           {"baseline", def.baseline},
                           {"target", def.target},
                           {"priority", def.priority},
                           {"due_at", FormatTime(p.created + days{120})}},
                      p.created, record));
      const int64_t id = record.at("id").get<int64_t>();
      const auto& origin = feedback[static_cast<size_t>(p.feedback)];
      DEMO_TRY(Link(def.owner, "improvements", id, "originates_from", "feedback", origin.id,
                    p.created + minutes{5}));
      DEMO_TRY(Update(def.owner, "feedback", feedback_records_.at(static_cast<int>(i)),
                      Json{{"status", "in_improvement"}}, p.created + minutes{6}));
      for (size_t k = 0; k < p.phase_at.size(); ++k)
        DEMO_TRY(Update(def.owner, "improvements", record, Json{{"phase", kPhases[k + 1]}}, p.phase_at[k]));
      const TimePoint measuring = p.phase_at.empty() ? p.created : p.phase_at.front();
      for (int t : p.tickets) {
        const auto& ticket = tickets_[static_cast<size_t>(t)];
        const TimePoint at = std::min(now_, std::max(measuring, ticket.created) + minutes{30});
        DEMO_TRY(Link(def.owner, "improvements", id, "measured_by", "tickets", ticket.id, at));
      }
    }
    return {};
  }

  RecordService& records_;
  Tx& tx_;
  ManualClock& clock_;
  const DemoOptions& options_;
  const TimePoint now_;
  const std::string& hash_;
  const sys_days period_start_;
  const TimePoint setup_at_;
  const TimePoint retired_at_;
  const Actor system_ = Actor::System();
  std::vector<Actor> actors_;
  std::vector<int64_t> user_ids_, service_ids_, stakeholder_ids_;
  std::vector<TicketPlan> tickets_;
  std::map<int, Json> feedback_records_;  // by improvement index
};

#undef DEMO_TRY

// Puts the service's own clock back, whatever happens.
class ClockRestorer {
 public:
  explicit ClockRestorer(RecordService& records) : records_(records), original_(records.clock()) {}
  ~ClockRestorer() { records_.set_clock(original_); }
  ClockRestorer(const ClockRestorer&) = delete;
  ClockRestorer& operator=(const ClockRestorer&) = delete;

 private:
  RecordService& records_;
  const Clock& original_;
};

}  // namespace

std::vector<DemoAccount> DemoAccounts() {
  std::vector<DemoAccount> out;
  for (int i = 0; i < kAccountCount; ++i) {
    const auto& p = People()[static_cast<size_t>(i)];
    out.push_back({p.login, p.name, p.role, p.group, p.job});
  }
  return out;
}

Status LoadDemo(RecordService& records, Store& store, const DemoOptions& options) {
  if (options.ticket_days < 1)
    return Fail(Error::Invalid("field.out_of_range", "ticket_days", {{"min", 1}, {"max", 3650}}));
  // One hash for every account: the password is public anyway, and Argon2 is slow on purpose.
  const std::string hash = HashPassword(kDemoPassword);
  if (hash.empty()) return Fail(Error::Of(ErrorKind::kInternal, "internal"));

  ManualClock clock(options.now);
  ClockRestorer restore(records);
  records.set_clock(clock);
  auto st = store.Run(TxMode::kWrite, [&](Tx& tx) -> Status {
    Loader loader(records, tx, clock, options, hash);
    return loader.Run();
  });
  if (!st) return st;
  // The blocking points of that year of tickets, as the daily job would find them at `now`.
  auto run = RunFindingAnalyses(records);
  if (!run) return Fail(run.error());
  return {};
}

}  // namespace boucle
