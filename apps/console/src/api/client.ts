// The only place that talks HTTP. Every request goes through `request`: same-origin cookies, JSON in
// and out, the CSRF header on mutating requests, and the API's error shape turned into ApiError.
import type { ErrorDetail } from './types.ts';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** 401 codes that answer a credential check (wrong password or code) rather than a missing session. */
const CREDENTIAL_CODES = new Set(['INVALID_CREDENTIALS', 'OTP_REQUIRED', 'OTP_INVALID']);

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求内容不符合要求',
  401: '请先登录',
  403: '没有执行此操作的权限',
  404: '请求的资源不存在',
  409: '与现有数据冲突',
  413: '提交的内容过大',
  422: '提交的内容未通过校验',
  423: '账号已被锁定',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试或联系管理员',
  502: '服务器暂时无法访问，请稍后重试',
  503: '服务暂不可用，请稍后重试',
  504: '服务器响应超时，请稍后重试',
};

let csrfToken: string | null = null;

/** Kept in memory only; set from POST/GET /session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface ApiHandlers {
  /** A request answered 401 because the session is missing or expired. */
  onUnauthenticated?: (error: ApiError) => void;
  /** A request answered 403 TOTP_SETUP_REQUIRED. */
  onTotpSetupRequired?: (error: ApiError) => void;
}

let handlers: ApiHandlers = {};

export function setApiHandlers(next: ApiHandlers): void {
  handlers = next;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Handle a 401 at the call site (the sign-in form) instead of returning to the login page. */
  noAuthRedirect?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, empty body): fall back to the status text below
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    const details = Array.isArray(err.details)
      ? (err.details as unknown[]).filter(
          (d): d is ErrorDetail =>
            typeof d === 'object' &&
            d !== null &&
            typeof (d as ErrorDetail).field === 'string' &&
            typeof (d as ErrorDetail).message === 'string',
        )
      : [];
    const message =
      typeof err.message === 'string' && err.message
        ? err.message
        : (STATUS_MESSAGES[res.status] ?? '请求失败');
    return new ApiError(res.status, err.code, message, details);
  }
  return new ApiError(
    res.status,
    `HTTP_${res.status}`,
    STATUS_MESSAGES[res.status] ?? `请求失败（${res.status}）`,
  );
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, opts.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络连接后重试');
  }
}

/** Fetches a fresh CSRF token from the session (used once when the server rejects ours). */
async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', '/session', {});
  if (!res.ok) return false;
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) return false;
  csrfToken = body.csrfToken;
  return true;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && method !== 'GET') {
    // The token may be stale (session refreshed in another tab): fetch it again and retry once.
    const err = await parseError(res.clone());
    if (err.code === 'CSRF_FAILED' && (await refreshCsrf())) res = await send(method, path, opts);
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (err.status === 401 && !opts.noAuthRedirect && !CREDENTIAL_CODES.has(err.code)) {
      handlers.onUnauthenticated?.(err);
    } else if (err.status === 403 && err.code === 'TOTP_SETUP_REQUIRED') {
      handlers.onTotpSetupRequired?.(err);
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, opts?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T = void>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...opts, body }),
  delete: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** Chinese text for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return `发生错误：${e.message}`;
  return '发生未知错误，请稍后重试';
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
