// Interface strings in French (default) and English. Labels of types, fields and enum values
// come from /api/v1/meta; everything else the screens say is here.

export type Lang = 'fr' | 'en';
export interface Label {
  fr: string;
  en: string;
}

const fr = {
  appName: 'Boucle',
  tagline: 'Gestion des services informatiques',
  loginTitle: 'Connexion',
  loginField: 'Identifiant',
  passwordField: 'Mot de passe',
  loginSubmit: 'Se connecter',
  loginFailed: 'Connexion impossible.',
  logout: 'Se déconnecter',
  language: 'Langue',
  dashboard: 'Tableau de bord',
  audit: 'Journal d’audit',
  areaEngage: 'Engager',
  areaSupport: 'Soutenir',
  areaBuild: 'Construire',
  areaImprove: 'Améliorer',
  areaPlatform: 'Plateforme',
  comingSoon: 'à venir',
  loading: 'Chargement…',
  new: 'Nouveau',
  search: 'Rechercher…',
  searchLabel: 'Recherche',
  all: 'Tous',
  previous: 'Précédent',
  next: 'Suivant',
  range: '{from}–{to} sur {total}',
  noResults: 'Aucun résultat.',
  id: 'N°',
  edit: 'Modifier',
  delete: 'Supprimer',
  history: 'Historique',
  trace: 'Traçabilité',
  actions: 'Actions',
  back: 'Retour',
  confirmDelete: 'Supprimer définitivement « {title} » ?',
  deleted: 'Enregistrement supprimé.',
  save: 'Enregistrer',
  create: 'Créer',
  cancel: 'Annuler',
  required: 'obligatoire',
  requiredError: 'Ce champ est obligatoire.',
  numberError: 'Nombre invalide.',
  formErrors: 'Le formulaire contient des erreurs.',
  conflict: 'Quelqu’un d’autre a modifié cet enregistrement pendant que vous le modifiiez. Rechargez-le pour voir la version actuelle (vos changements non enregistrés seront perdus).',
  reload: 'Recharger',
  noChange: 'Aucune modification à enregistrer.',
  none: '—',
  choose: '— Choisir —',
  yes: 'Oui',
  no: 'Non',
  createdAt: 'Créé le',
  updatedAt: 'Modifié le',
  createdBy: 'Créé par',
  version: 'Version',
  newTitle: 'Nouveau : {type}',
  editTitle: 'Modifier {title}',
  historyTitle: 'Historique de {title}',
  traceTitle: 'Traçabilité de {title}',
  colVersion: 'Version',
  colDate: 'Date',
  colWho: 'Qui',
  colField: 'Champ',
  colChange: 'Ancienne → nouvelle valeur',
  noHistory: 'Aucune modification enregistrée.',
  depth: 'Niveau {n}',
  depthRoot: 'Cet enregistrement',
  edges: 'Liens',
  noLinks: 'Aucun lien : cet enregistrement n’est relié à rien pour l’instant.',
  linkTo: 'Lier à…',
  linkKind: 'Nature du lien',
  targetType: 'Type cible',
  targetId: 'N° cible',
  addLink: 'Ajouter le lien',
  linkCreated: 'Lien créé.',
  viewTrace: 'Voir la traçabilité',
  forbidden: 'Vous n’avez pas accès à ces informations.',
  notFound: 'Introuvable.',
  unknownType: 'Type inconnu : {type}',
  networkError: 'Le serveur ne répond pas. Vérifiez votre connexion.',
  serverError: 'Erreur du serveur ({status}).',
  sessionExpired: 'Votre session a expiré. Veuillez vous reconnecter.',
  chartOpenByPriority: 'Tickets ouverts par priorité',
  chartSlaSoon: 'Échéances SLA les plus proches',
  chartLatestFeedback: 'Derniers retours',
  chartImprovementsByPhase: 'Améliorations par phase PDCA',
  tickets: 'tickets',
  noData: 'Aucune donnée.',
  overdue: 'dépassée',
  auditEvent: 'Événement',
  auditDetail: 'Détail',
  auditIp: 'Adresse IP',
  filters: 'Filtres',
  sortAsc: 'tri croissant',
  sortDesc: 'tri décroissant',
  skipToContent: 'Aller au contenu',
  records: 'enregistrements',
  histCreated: 'Création de l’enregistrement',
  histDeleted: 'Suppression de l’enregistrement',
  multiHint: 'Ctrl + clic (⌘ + clic sur Mac) pour en choisir plusieurs.',
  exportCsv: 'Exporter en CSV',
  exportCsvHint: 'Tous les enregistrements filtrés, pour un tableur',
  reportChart: 'Graphique',
  chartCount: 'Nombre',
  apply: 'Appliquer',
};

export type MsgKey = keyof typeof fr;

const en: Record<MsgKey, string> = {
  appName: 'Boucle',
  tagline: 'IT service management',
  loginTitle: 'Sign in',
  loginField: 'Login',
  passwordField: 'Password',
  loginSubmit: 'Sign in',
  loginFailed: 'Could not sign in.',
  logout: 'Sign out',
  language: 'Language',
  dashboard: 'Dashboard',
  audit: 'Audit log',
  areaEngage: 'Engage',
  areaSupport: 'Support',
  areaBuild: 'Build',
  areaImprove: 'Improve',
  areaPlatform: 'Platform',
  comingSoon: 'coming',
  loading: 'Loading…',
  new: 'New',
  search: 'Search…',
  searchLabel: 'Search',
  all: 'All',
  previous: 'Previous',
  next: 'Next',
  range: '{from}–{to} of {total}',
  noResults: 'No results.',
  id: 'No.',
  edit: 'Edit',
  delete: 'Delete',
  history: 'History',
  trace: 'Trace',
  actions: 'Actions',
  back: 'Back',
  confirmDelete: 'Permanently delete “{title}”?',
  deleted: 'Record deleted.',
  save: 'Save',
  create: 'Create',
  cancel: 'Cancel',
  required: 'required',
  requiredError: 'This field is required.',
  numberError: 'Invalid number.',
  formErrors: 'The form has errors.',
  conflict: 'Someone else changed this record while you were editing it. Reload it to see the current version (your unsaved changes will be lost).',
  reload: 'Reload',
  noChange: 'Nothing to save.',
  none: '—',
  choose: '— Choose —',
  yes: 'Yes',
  no: 'No',
  createdAt: 'Created',
  updatedAt: 'Updated',
  createdBy: 'Created by',
  version: 'Version',
  newTitle: 'New: {type}',
  editTitle: 'Edit {title}',
  historyTitle: 'History of {title}',
  traceTitle: 'Trace of {title}',
  colVersion: 'Version',
  colDate: 'Date',
  colWho: 'Who',
  colField: 'Field',
  colChange: 'Old → new value',
  noHistory: 'No change recorded.',
  depth: 'Level {n}',
  depthRoot: 'This record',
  edges: 'Links',
  noLinks: 'No links: this record is not connected to anything yet.',
  linkTo: 'Link to…',
  linkKind: 'Link kind',
  targetType: 'Target type',
  targetId: 'Target no.',
  addLink: 'Add link',
  linkCreated: 'Link created.',
  viewTrace: 'View trace',
  forbidden: 'You do not have access to this information.',
  notFound: 'Not found.',
  unknownType: 'Unknown type: {type}',
  networkError: 'The server does not answer. Check your connection.',
  serverError: 'Server error ({status}).',
  sessionExpired: 'Your session has expired. Please sign in again.',
  chartOpenByPriority: 'Open tickets by priority',
  chartSlaSoon: 'Nearest SLA due dates',
  chartLatestFeedback: 'Latest feedback',
  chartImprovementsByPhase: 'Improvements by PDCA phase',
  tickets: 'tickets',
  noData: 'No data.',
  overdue: 'overdue',
  auditEvent: 'Event',
  auditDetail: 'Detail',
  auditIp: 'IP address',
  filters: 'Filters',
  sortAsc: 'sorted ascending',
  sortDesc: 'sorted descending',
  skipToContent: 'Skip to content',
  records: 'records',
  histCreated: 'Record created',
  histDeleted: 'Record deleted',
  multiHint: 'Ctrl + click (⌘ + click on a Mac) to choose several.',
  exportCsv: 'Export CSV',
  exportCsvHint: 'Every filtered record, for a spreadsheet',
  reportChart: 'Chart',
  chartCount: 'Count',
  apply: 'Apply',
};

const dictionaries: Record<Lang, Record<MsgKey, string>> = { fr, en };
const STORAGE_KEY = 'boucle.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'fr' || stored === 'en') return stored;
  } catch {
    /* storage unavailable: keep the default */
  }
  return 'fr';
}

let current: Lang = initialLang();
document.documentElement.lang = current;

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* ignore */
  }
}

export function t(key: MsgKey, vars?: Record<string, string | number>): string {
  let s = dictionaries[current][key];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** The current language's text of a label from the API. */
export function tl(label: Label | undefined | null): string {
  if (!label) return '';
  return label[current] || label.fr || label.en || '';
}

export function locale(): string {
  return current === 'fr' ? 'fr-FR' : 'en-GB';
}
