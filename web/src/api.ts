// Fetch wrapper for /api/v1: JSON in and out, the CSRF header on writes, the language header,
// and the contract's error body turned into an ApiError.
import { lang, t } from './i18n';

export interface ErrorDetail {
  code: string;
  message: string;
  field?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly details: ErrorDetail[];
  readonly currentVersion: number | null;

  constructor(status: number, code: string, message: string, field: string | null = null,
              details: ErrorDetail[] = [], currentVersion: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
    this.currentVersion = currentVersion;
  }

  /** Messages for each named field (the top-level field and every detail's field). */
  fieldMessages(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (field: string | null | undefined, message: string) => {
      if (!field) return;
      const list = out.get(field) ?? [];
      if (!list.includes(message)) list.push(message);
      out.set(field, list);
    };
    add(this.field, this.message);
    for (const d of this.details) add(d.field, d.message || d.code);
    return out;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request other than the session's own answers 401 (the session expired). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': lang(),
  };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const url = `/api/v1${path}${queryString(query)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', t('networkError'));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data && typeof data === 'object' ? (data as { error?: Record<string, unknown> }).error : null) ?? {};
    const message = typeof e.message === 'string' && e.message
      ? e.message
      : res.status >= 500 ? t('serverError', { status: res.status })
      : res.status === 403 ? t('forbidden')
      : res.status === 404 ? t('notFound')
      : `HTTP ${res.status}`;
    const details = Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
    const err = new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `http.${res.status}`,
      message,
      typeof e.field === 'string' ? e.field : null,
      details,
      typeof e.current_version === 'number' ? e.current_version : null,
    );
    if (res.status === 401 && path !== '/session' && onUnauthorized) onUnauthorized();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
