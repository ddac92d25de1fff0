#include "i18n/messages.hpp"

#include <algorithm>

namespace boucle {

const std::vector<MessageText>& AllMessages() {
  static const std::vector<MessageText> kMessages{
      {"field.required", "Le champ « {field} » est obligatoire.", "The field \"{field}\" is required."},
      {"field.type", "Le champ « {field} » doit être de type {expected}.", "The field \"{field}\" must be of type {expected}."},
      {"field.too_short", "Le champ « {field} » doit compter au moins {min} caractères.", "The field \"{field}\" must be at least {min} characters long."},
      {"field.pattern", "Le champ « {field} » n'a pas la forme attendue, par exemple : {example}.", "The field \"{field}\" does not have the expected form, for example: {example}."},
      {"field.too_long", "Le champ « {field} » ne peut dépasser {max} éléments ou caractères.", "The field \"{field}\" cannot exceed {max} items or characters."},
      {"field.out_of_range", "Le champ « {field} » doit être compris entre {min} et {max}.", "The field \"{field}\" must be between {min} and {max}."},
      {"field.date_format", "Le champ « {field} » attend une date ISO 8601 (2026-03-01T08:30:00Z).", "The field \"{field}\" expects an ISO 8601 date (2026-03-01T08:30:00Z)."},
      {"field.invalid_choice", "La valeur du champ « {field} » n'est pas permise (valeurs possibles : {allowed}).", "The value of \"{field}\" is not allowed (possible values: {allowed})."},
      {"field.ref_missing", "Le champ « {field} » désigne un enregistrement qui n'existe pas.", "The field \"{field}\" refers to a record that does not exist."},
      {"field.unknown", "Le champ « {field} » n'existe pas pour ce type.", "The field \"{field}\" does not exist on this type."},
      {"field.read_only", "Le champ « {field} » est en lecture seule.", "The field \"{field}\" is read-only."},
      {"field.forbidden", "Votre rôle ne permet pas de modifier le champ « {field} ».", "Your role may not change the field \"{field}\"."},
      {"field.not_unique", "Cette valeur de « {field} » est déjà utilisée.", "This value of \"{field}\" is already in use."},
      {"field.control_character", "Le champ « {field} » contient un caractère de contrôle interdit.", "The field \"{field}\" contains a forbidden control character."},
      {"body.not_object", "Le corps de la requête doit être un objet JSON.", "The request body must be a JSON object."},
      {"body.malformed", "Le corps de la requête n'est pas du JSON valide (position {position}).", "The request body is not valid JSON (position {position})."},
      {"body.invalid_utf8", "Le corps de la requête contient de l'UTF-8 invalide (octet {position}).", "The request body contains invalid UTF-8 (byte {position})."},
      {"body.too_deep", "Le JSON est trop imbriqué (au plus {max} niveaux).", "The JSON is nested too deeply (at most {max} levels)."},
      {"body.too_large", "Le corps de la requête dépasse la taille permise ({max} octets).", "The request body exceeds the allowed size ({max} bytes)."},
      {"query.invalid_value", "Le paramètre « {field} » attend une valeur de type {expected}.", "The parameter \"{field}\" expects a value of type {expected}."},
      {"query.unknown_parameter", "Le paramètre « {field} » n'est pas un filtre possible.", "The parameter \"{field}\" is not a possible filter."},
      {"query.unknown_sort", "Ce tri n'est pas possible sur ce champ.", "Sorting on this field is not possible."},
      {"query.unknown_field", "Ce champ ne peut pas servir de regroupement.", "This field cannot be used for grouping."},
      {"type.unknown", "Type d'enregistrement inconnu : {type}.", "Unknown record type: {type}."},
      {"record.not_found", "Enregistrement introuvable.", "Record not found."},
      {"record.stale_version", "L'enregistrement a été modifié entre-temps (version actuelle : {current_version}). Rechargez-le avant de le modifier.", "The record was changed meanwhile (current version: {current_version}). Reload it before changing it."},
      {"record.unique_violation", "Un enregistrement avec ces valeurs existe déjà.", "A record with these values already exists."},
      {"record.referenced", "Cet enregistrement est encore utilisé ({type}.{field}) et ne peut être supprimé.", "This record is still in use ({type}.{field}) and cannot be deleted."},
      {"version.required", "Indiquez la version modifiée (champ « version » ou en-tête If-Match).", "Give the version you changed (\"version\" field or If-Match header)."},
      {"role.forbidden", "Votre rôle ne permet pas cette action.", "Your role does not allow this action."},
      {"auth.required", "Authentification requise.", "Authentication required."},
      {"auth.invalid_credentials", "Identifiant ou mot de passe incorrect.", "Wrong login or password."},
      {"auth.invalid_token", "Jeton d'API invalide.", "Invalid API token."},
      {"auth.csrf", "Jeton CSRF absent ou invalide (en-tête X-CSRF-Token).", "Missing or invalid CSRF token (X-CSRF-Token header)."},
      {"auth.rate_limited", "Trop de tentatives. Réessayez dans {retry_after} secondes.", "Too many attempts. Try again in {retry_after} seconds."},
      {"password.too_short", "Le mot de passe doit compter au moins {min} caractères.", "The password must be at least {min} characters long."},
      {"password.too_long", "Le mot de passe est trop long.", "The password is too long."},
      {"ticket.transition_not_allowed", "Un ticket ne peut passer de « {from} » à « {to} ».", "A ticket cannot go from \"{from}\" to \"{to}\"."},
      {"ticket.assignee_required", "Un ticket assigné doit avoir un assigné.", "An assigned ticket needs an assignee."},
      {"ticket.resolution_required", "Décrivez la résolution avant de résoudre ou clore le ticket.", "Describe the resolution before resolving or closing the ticket."},
      {"ticket.requester_unknown", "Votre compte n'est lié à aucune partie prenante.", "Your account is not linked to any stakeholder."},
      {"feedback.stakeholder_unknown", "Votre compte n'est lié à aucune partie prenante.", "Your account is not linked to any stakeholder."},
      {"feedback.subject_required", "Un retour porte sur un service ou sur un ticket.", "Feedback is about a service or a ticket."},
      {"improvement.phase_not_allowed", "Une amélioration ne peut passer de « {from} » à « {to} » : les phases PDCA se suivent.", "An improvement cannot go from \"{from}\" to \"{to}\": PDCA phases follow one another."},
      {"improvement.actions_open", "Il reste {count} action(s) à faire ou à annuler avant de vérifier.", "{count} action(s) must be done or cancelled before checking."},
      {"improvement.kpi_required", "Choisissez d'abord l'indicateur visé par l'amélioration.", "Choose the improvement's target KPI first."},
      {"improvement.no_data", "Aucune donnée pour cet indicateur sur les {days} derniers jours.", "No data for this KPI over the last {days} days."},
      {"improvement.baseline_required", "La vérification demande une valeur de départ et une cible.", "Checking needs a baseline and a target."},
      {"kpi.check_in_future", "La date du changement doit être passée pour mesurer son effet.", "The change date must be in the past to measure its effect."},
      {"stats.not_enough_data", "Pas assez de données pour conclure : {count} valeur(s) dans cette fenêtre.", "Not enough data to conclude: {count} value(s) in this window."},
      {"finding.dismissed", "Ce constat a été écarté.", "This finding was dismissed."},
      {"finding.already_handed", "Ce constat a déjà donné une amélioration ou un problème.", "This finding already became an improvement or a problem."},
      {"finding.not_recurring", "Seul un constat d'incidents récurrents devient un problème (celui-ci : {kind}).", "Only a finding of recurring incidents becomes a problem (this one: {kind})."},
      {"pareto.bad_dimension", "Dimension inconnue « {value} » : category, service, group, assignee ou priority.", "Unknown dimension “{value}”: category, service, group, assignee or priority."},
      {"pareto.bad_measure", "Mesure inconnue « {value} » : tickets ou hours.", "Unknown measure “{value}”: tickets or hours."},
      {"pareto.bad_since", "Date « {value} » illisible : attendu AAAA-MM-JJTHH:MM:SSZ.", "Unreadable date “{value}”: expected YYYY-MM-DDTHH:MM:SSZ."},
      {"plan.quarters_reversed", "Le trimestre de fin ({end}) précède celui de début ({start}).", "The end quarter ({end}) comes before the start quarter ({start})."},
      {"opportunity.already_handed", "Cette opportunité a déjà été transmise.", "This opportunity has already been handed over."},
      {"cause.other_improvement", "La cause parente appartient à une autre amélioration.", "The parent cause belongs to another improvement."},
      {"cause.too_deep", "Une chaîne de pourquoi s'arrête à {max} niveaux.", "A chain of whys stops at {max} levels."},
      {"action.unknown", "Action inconnue pour ce type : {action}.", "Unknown action for this type: {action}."},
      {"engagement.audience_required", "Un plan d'engagement vise une partie prenante ou un groupe.", "An engagement plan is for a stakeholder or a group."},
      {"demand.already_routed", "Cette demande a déjà été orientée.", "This demand has already been routed."},
      {"aggregate.not_a_date_time", "Le champ « {field} » n'est pas une date.", "The field \"{field}\" is not a date."},
      {"aggregate.unknown_field", "Champ inconnu pour un indicateur : « {field} ».", "Unknown field for an indicator: \"{field}\"."},
      {"aggregate.unsupported_filter", "Ce filtre n'est pas possible dans un indicateur (« {field} »).", "This filter is not possible in an indicator (\"{field}\")."},
      {"aggregate.value_required", "Ce filtre d'indicateur demande une valeur (« {field} »).", "This indicator filter needs a value (\"{field}\")."},
      {"aggregate.not_a_number", "Le champ « {field} » n'est pas un nombre.", "The field \"{field}\" is not a number."},
      {"kpi.unknown", "Indicateur inconnu : {id}.", "Unknown KPI: {id}."},
      {"kpi.bad_key", "La clé d'un indicateur : 2 à 60 minuscules, chiffres ou « _ », commençant par une lettre.", "A KPI key: 2 to 60 lower-case letters, digits or \"_\", starting with a letter."},
      {"kpi.builtin_key", "Cette clé est celle d'un indicateur intégré.", "This key is a built-in KPI's."},
      {"kpi.unknown_measure", "Mesure inconnue : {value} (count, share, mean, median, p90, nps).", "Unknown measure: {value} (count, share, mean, median, p90, nps)."},
      {"kpi.unknown_source", "Source inconnue : {value}.", "Unknown source: {value}."},
      {"kpi.source_unavailable", "La source {value} n'existe pas dans cette installation.", "The source {value} does not exist in this installation."},
      {"kpi.bad_filter", "Filtre mal formé près de « {part} » (attendu : champ=valeur&champ__in=a,b).", "Malformed filter near \"{part}\" (expected: field=value&field__in=a,b)."},
      {"kpi.unknown_filter_field", "« {name} » n'est pas un champ filtrable de {type}.", "\"{name}\" is not a filterable field of {type}."},
      {"kpi.unknown_filter_operator", "Opérateur de filtre inconnu : {name}.", "Unknown filter operator: {name}."},
      {"kpi.bad_filter_value", "Valeur « {value} » impossible pour {name}.", "Value \"{value}\" is not possible for {name}."},
      {"kpi.numerator_required", "Une part demande un numérateur.", "A share needs a numerator."},
      {"kpi.numerator_unused", "Seule une part a un numérateur.", "Only a share has a numerator."},
      {"kpi.value_unused", "Un nombre ou une part ne mesure pas de valeur.", "A count or a share measures no value."},
      {"kpi.bad_value", "Valeur mesurée impossible : « {value} » (un champ numérique, ou date..date, ou date..now).", "Impossible measured value: \"{value}\" (a numeric field, or date..date, or date..now)."},
      {"kpi.unknown_period_field", "« {value} » n'est pas une date de la source.", "\"{value}\" is not a date of the source."},
      {"kpi.unknown_group_field", "Impossible de regrouper par « {value} ».", "Cannot group by \"{value}\"."},
      {"kpi.warning_without_target", "Un seuil d'alerte demande une cible.", "A warning threshold needs a target."},
      {"kpi.warning_beyond_target", "Le seuil d'alerte doit être moins bon que la cible.", "The warning threshold must be worse than the target."},
      {"import.bad_header", "En-tête de fichier inattendu : colonnes attendues {expected}.", "Unexpected file header: expected columns {expected}."},
      {"import.cancelled", "Import interrompu : la base est restée telle quelle.", "Import cancelled: the database was left as it was."},
      {"import.cannot_open", "Impossible d'ouvrir le fichier à importer {path}.", "Cannot open the file to import {path}."},
      {"import.read_failed", "Erreur de lecture du fichier à importer (ligne {line}).", "Error reading the file to import (line {line})."},
      {"import.mapping_invalid", "Correspondance d'import incorrecte en « {field} » : {detail}.", "Wrong import mapping at \"{field}\": {detail}."},
      {"import.mapping_unknown_field", "La correspondance vise un champ de ticket inconnu ou non importable : {name}.", "The mapping targets an unknown or non-importable ticket field: {name}."},
      {"import.mapping_bad_value", "Valeur « {value} » impossible pour ce champ de ticket.", "Value \"{value}\" is not possible for this ticket field."},
      {"import.missing_column", "Le fichier n'a pas la colonne « {column} » que nomme la correspondance.", "The file lacks the column \"{column}\" the mapping names."},
      {"import.unterminated_quote", "Guillemet non refermé à partir de la ligne {line}.", "Unterminated quote from line {line}."},
      {"import.types_missing", "Les types d'enregistrement nécessaires à l'import manquent.", "The record types the import needs are missing."},
      {"report.unknown", "Rapport inconnu : {report}.", "Unknown report: {report}."},
      {"link.unknown_type", "Type d'enregistrement inconnu pour ce lien.", "Unknown record type for this link."},
      {"link.self", "Un enregistrement ne peut être lié à lui-même.", "A record cannot be linked to itself."},
      {"mail.invalid_address", "L'adresse électronique « {field} » n'est pas utilisable.", "The e-mail address \"{field}\" cannot be used."},
      {"mail.header_newline", "Un en-tête de courriel ne peut contenir de saut de ligne.", "An e-mail header cannot contain a line break."},
      {"mail.not_configured", "Aucun serveur SMTP n'est configuré (--smtp).", "No SMTP server is configured (--smtp)."},
      {"mail.send_failed", "Le serveur SMTP n'a pas accepté le courriel : {detail}.", "The SMTP server did not accept the e-mail: {detail}."},
      {"survey.options_required", "Une question à choix demande au moins deux options, une par ligne.", "A choice question needs at least two options, one per line."},
      {"survey.options_mismatch", "Il faut autant d'options en anglais qu'en français ({count}).", "There must be as many English options as French ones ({count})."},
      {"survey.options_not_allowed", "Seules les questions à choix ont des options.", "Only choice questions have options."},
      {"survey.target_required", "Choisissez des destinataires : groupes, service ou parties prenantes.", "Choose recipients: groups, a service or stakeholders."},
      {"survey.archived", "Cette enquête est archivée.", "This survey is archived."},
      {"survey.no_questions", "Cette enquête n'a encore aucune question.", "This survey has no questions yet."},
      {"survey.campaign_closed", "Cette campagne est close.", "This campaign is closed."},
      {"survey.campaign_not_launched", "Cette campagne n'a pas encore été lancée.", "This campaign has not been launched yet."},
      {"survey.not_satisfaction", "Choisissez une enquête de satisfaction après ticket.", "Choose a satisfaction-after-ticket survey."},
      {"survey.duplicate_choice", "Ce choix figure deux fois.", "This choice appears twice."},
      {"survey.duplicate_question", "Cette question a déjà une réponse dans l'envoi.", "This question already has an answer in what was sent."},
      {"survey.unknown_question", "Cette question n'appartient pas à l'enquête.", "This question does not belong to the survey."},
      {"survey.answer_required", "La question n° {position} demande une réponse.", "Question {position} needs an answer."},
      {"survey.already_feedback", "Cette réponse a déjà donné un retour.", "This answer has already been turned into feedback."},
      {"survey.already_idea", "Cette réponse a déjà donné une idée.", "This answer has already been turned into an idea."},
      {"survey.feedback_needs_text", "Seule une réponse en texte libre peut devenir un retour.", "Only a free-text answer can become feedback."},
      {"survey.link_unknown", "Ce lien d'enquête n'existe pas.", "This survey link does not exist."},
      {"survey.link_used", "Vous avez déjà répondu à cette enquête : merci !", "You have already answered this survey: thank you!"},
      {"survey.link_expired", "Ce lien d'enquête a expiré.", "This survey link has expired."},
      {"survey.closed", "Cette enquête est close.", "This survey is closed."},
      {"http.not_found", "Cette adresse n'existe pas.", "This address does not exist."},
      {"http.method_not_allowed", "Méthode non permise sur cette adresse.", "Method not allowed on this address."},
      {"http.unsupported_media_type", "Envoyez le corps en application/json.", "Send the body as application/json."},
      {"http.bad_request", "Requête HTTP invalide.", "Invalid HTTP request."},
      {"http.header_too_large", "En-têtes de requête trop volumineux.", "Request headers too large."},
      {"http.invalid_id", "L'identifiant doit être un entier positif.", "The identifier must be a positive integer."},
      {"store.error", "Erreur de la base de données. L'incident a été journalisé.", "Database error. The incident was logged."},
      {"demo.not_empty", "La base contient déjà des données : les données de démonstration ne sont pas rechargées.", "The database already holds data: demonstration data is not loaded again."},
      {"demo.missing_record", "Une donnée de démonstration attendue manque : {demo_step}.", "An expected demonstration record is missing: {demo_step}."},
      {"demo.engage_missing_base", "Les données de démonstration de base manquent pour charger celles d'Engager.", "The base demonstration data is missing for the Engage data."},
      {"export.too_many_rows", "Trop d'enregistrements à exporter ({total}, au plus {max}) : affinez les filtres.", "Too many records to export ({total}, at most {max}): narrow the filters."},
      {"consultation.missing", "Consultez d'abord les parties prenantes concernées ({count} sans réponse ni dispense) : {missing}.", "Consult the impacted stakeholders first ({count} neither answered nor waived): {missing}."},
      {"consultation.subject_required", "Une consultation porte sur un changement ou sur un projet (un seul).", "A consultation is about a change or a project (one of them)."},
      {"consultation.waiver_reason_required", "Donnez le motif de la dispense.", "Give the reason for the waiver."},
      {"consultation.opinion_required", "Une consultation répondue porte l'avis recueilli.", "An answered consultation records the opinion given."},
      {"consultation.duplicate", "Cette partie prenante est déjà consultée sur ce sujet.", "This stakeholder is already consulted on this subject."},
      {"consultation.not_addressed_to_you", "Seule la partie prenante consultée peut répondre à cette consultation.", "Only the stakeholder consulted may answer this consultation."},
      {"consultation.waived", "Cette consultation a fait l'objet d'une dispense : il n'y a plus rien à répondre.", "This consultation was waived: there is nothing left to answer."},
      {"idea.not_an_idea", "On ne vote et ne commente que sur une demande de nature « Idée d'amélioration ».", "Votes and comments are only for demands of kind \"Improvement idea\"."},
      {"vote.duplicate", "Cette partie prenante a déjà voté pour cette idée.", "This stakeholder has already voted for this idea."},
      {"vote.voter_required", "Indiquez la partie prenante qui vote.", "Say which stakeholder votes."},
      {"demand.merge_self", "Une demande ne peut être fusionnée avec elle-même.", "A demand cannot be merged into itself."},
      {"demand.already_merged", "Cette demande est déjà fusionnée dans une autre.", "This demand is already merged into another."},
      {"form.rate_limited", "Trop d'envois en peu de temps. Réessayez dans {retry_after} secondes.", "Too many submissions in a short time. Try again in {retry_after} seconds."},
      {"internal", "Erreur interne. L'incident a été journalisé.", "Internal error. The incident was logged."},
  };
  return kMessages;
}

std::string_view NormaliseLanguage(std::string_view lang) { return lang == "en" ? "en" : "fr"; }

std::string LanguageFromHeader(std::string_view header) {
  // The first of fr / en in the caller's list wins; quality values are rarely needed here.
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',')) ++pos;
    const std::string_view tag = header.substr(pos, 2);
    if (tag == "en" || tag == "EN" || tag == "En") return "en";
    if (tag == "fr" || tag == "FR" || tag == "Fr") return "fr";
    pos = header.find(',', pos);
  }
  return "";
}

std::string MessageFor(const Error& error, std::string_view lang) {
  const auto& all = AllMessages();
  auto it = std::find_if(all.begin(), all.end(), [&](const MessageText& m) { return m.code == error.code; });
  std::string text(it == all.end() ? error.code : (NormaliseLanguage(lang) == "en" ? it->en : it->fr));
  auto substitute = [&](const std::string& key, const std::string& value) {
    const std::string mark = "{" + key + "}";
    for (size_t p = text.find(mark); p != std::string::npos; p = text.find(mark, p + value.size()))
      text.replace(p, mark.size(), value);
  };
  // A field's label reads better than its name; the API adds it when it knows the record type.
  const auto label = error.params.find("label");
  substitute("field", label != error.params.end() && label->is_string() ? label->get<std::string>() : error.field);
  for (const auto& [key, value] : error.params.items()) {
    std::string v;
    if (value.is_string()) v = value.get<std::string>();
    else if (value.is_array())
      for (const auto& item : value) v += (v.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
    else if (value.is_number_float() && value.get<double>() == static_cast<double>(static_cast<int64_t>(value.get<double>())))
      v = std::to_string(static_cast<int64_t>(value.get<double>()));
    else v = value.dump();
    substitute(key, v);
  }
  return text;
}

}  // namespace boucle
