// The description of record types (GET /api/v1/meta) and the signed-in user.
import { api, setCsrfToken } from './api';
import { tl, type Label } from './i18n';

export type FieldKind = 'text' | 'markdown' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'enum' | 'ref' | 'ref_list';
export type Area = 'engage' | 'support' | 'build' | 'improve' | 'platform';

export interface EnumOption {
  id: string;
  label: Label;
}

export interface FieldMeta {
  name: string;
  kind: FieldKind;
  label: Label;
  required: boolean;
  default: unknown;
  min: number | null;
  max: number | null;
  pattern?: string | null;
  example?: unknown;
  options: EnumOption[];
  ref_type: string | null;
  filterable: boolean;
  sortable: boolean;
  searchable: boolean;
  computed: boolean;
  in_list: boolean;
  unique: boolean;
  writable: boolean;
}

export interface Permissions {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
}

export interface TypeMeta {
  name: string;
  label: Label;
  singular: Label;
  area: Area;
  title_field: string;
  default_sort: string;
  permissions: Permissions;
  fields: FieldMeta[];
  actions?: ActionMeta[];
}

// A named operation on one record (for example routing a demand), described by the server.
export interface ActionMeta {
  name: string;
  label: Label;
  permitted: boolean;
  input: FieldMeta[];
}

export interface User {
  id: number;
  login: string;
  display_name: string;
  role: string;
  language?: string;
}

export interface Session {
  csrf_token: string;
  user: User;
}

interface MetaResponse {
  types: TypeMeta[];
  reports?: ReportMeta[];
  user?: User;
}

// A read-only table computed by the server (relationship health, ...), described like a type.
export interface ReportMeta {
  name: string;
  label: Label;
  area: Area;
  permitted: boolean;
  params: string[];
  // Parameters that take the id of a record, with its type: that record's page links to the report.
  record_params?: Record<string, string>;
  // Answers one page at a time when asked (limit, offset) and counts every row in `total`.
  paged?: boolean;
  columns: { name: string; label: Label; kind: string }[];
  chart?: ReportChartMeta | null;
}

// How to draw a report's rows (see ReportChart in src/record/report.hpp): column names, empty when unused.
export interface ReportChartMeta {
  kind: 'scatter' | 'bubble' | 'bar' | 'stacked_bar' | 'matrix' | 'pareto';
  x: string;
  y: string;
  size: string;
  series: string;
  label: string;
  quadrants: {
    x_split: number;
    y_split: number;
    high_high: Label;
    low_high: Label;
    high_low: Label;
    low_low: Label;
  } | null;
}

let reports: ReportMeta[] = [];

export function allReports(): ReportMeta[] {
  return reports;
}

/** Titles of referenced records: type -> id (as a string) -> title. */
export type Titles = Record<string, Record<string, string>>;

export interface RecordData {
  id: number;
  version?: number;
  created_at?: string;
  updated_at?: string;
  created_by?: number | null;
  _titles?: Titles;
  [field: string]: unknown;
}

export interface ListResponse {
  items: RecordData[];
  total: number;
  titles?: Titles;
}

export const AREAS: Area[] = ['engage', 'support', 'build', 'improve', 'platform'];

let types: TypeMeta[] = [];
let user: User | null = null;

export function currentUser(): User | null {
  return user;
}

export function allTypes(): TypeMeta[] {
  return types;
}

export function typeMeta(name: string): TypeMeta | undefined {
  return types.find((x) => x.name === name);
}

export function field(tm: TypeMeta, name: string): FieldMeta | undefined {
  return tm.fields.find((f) => f.name === name);
}

export function isAdmin(): boolean {
  return user?.role === 'admin';
}

export async function loadSession(): Promise<Session> {
  const s = await api.get<Session>('/session');
  setCsrfToken(s.csrf_token);
  user = s.user;
  return s;
}

export async function login(loginName: string, password: string): Promise<Session> {
  const s = await api.post<Session>('/session', { login: loginName, password });
  setCsrfToken(s.csrf_token);
  user = s.user;
  return s;
}

export async function logout(): Promise<void> {
  try {
    await api.del('/session');
  } finally {
    user = null;
    types = [];
    setCsrfToken('');
  }
}

export async function loadMeta(): Promise<TypeMeta[]> {
  const m = await api.get<MetaResponse>('/meta');
  types = (m.types ?? []).map((tm) => ({
    ...tm,
    default_sort: tm.default_sort || '-id',
    fields: (tm.fields ?? []).map((f) => ({ ...f, options: f.options ?? [] })),
  }));
  reports = m.reports ?? [];
  if (m.user) user = m.user;
  return types;
}

/** The display title of a record of a type. */
export function recordTitle(tm: TypeMeta | undefined, rec: RecordData): string {
  if (tm) {
    const v = rec[tm.title_field];
    if (v !== undefined && v !== null && v !== '') {
      const f = field(tm, tm.title_field);
      if (f?.kind === 'enum') {
        const o = f.options.find((x) => x.id === v);
        if (o) return `${tl(o.label)} #${rec.id}`;
      }
      return String(v);
    }
  }
  return `#${rec.id}`;
}

export function refTitle(titles: Titles | undefined, type: string, id: unknown): string | undefined {
  if (id === null || id === undefined) return undefined;
  return titles?.[type]?.[String(id)];
}
