// The fast lane: repeat anonymous GETs of a cached public page answered straight from memory, before
// the request reaches Fastify (ADR 0008). A page earns its place here only after the full stack has
// served it once to an anonymous visitor (routing, site resolution, security headers, every hook);
// the lane then replays exactly those headers and that body for the same request shape, while the
// page is still live in the page cache it came from. Anything the lane cannot vouch for (a session or
// Authorization header, another method, an unknown URL, a dead page) falls through to Fastify.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { MODE_COOKIE } from '../templating/portal-renderer.ts';
import { SESSION_COOKIE } from './kernel.ts';

/** One remembered response: the headers the full stack sent, and a check that the page is still current. */
export interface LaneEntry {
  status: number;
  /** Response headers as sent (without date, content-length, x-request-id: those are per response). */
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string;
  /** False once the page cache no longer holds this page (expired, replaced or invalidated). */
  live: () => boolean;
}

/** Headers that belong to one response, never to a replay. */
const PER_RESPONSE = new Set(['date', 'content-length', 'x-request-id', 'connection', 'keep-alive']);
const MAX_ENTRIES = 5000;

export interface LaneOptions {
  /** Name of the session cookie: a request carrying it always goes to Fastify. */
  sessionCookie: string;
  /** Cookie whose value is part of the key (the display mode); others do not change a cached page. */
  modeCookie: string;
  /** When true, X-Forwarded-Host/-Proto choose the site (trustProxy), so they are part of the key. */
  trustProxy: boolean;
}

export interface LaneStats {
  hits: number;
  notModified: number;
  entries: number;
}

export class FastLane {
  readonly #entries = new Map<string, LaneEntry>();
  readonly #opts: LaneOptions;
  readonly #modeRe: RegExp;
  readonly #sessionRe: RegExp;
  #open = true;
  #hits = 0;
  #notModified = 0;

  constructor(opts: LaneOptions) {
    this.#opts = opts;
    this.#modeRe = new RegExp(`(?:^|;)\\s*${escapeRe(opts.modeCookie)}\\s*=([^;]*)`);
    this.#sessionRe = new RegExp(`(?:^|;)\\s*${escapeRe(opts.sessionCookie)}\\s*=`);
  }

  /**
   * The key of a request, or null when the lane must not answer it. The key holds everything a cached
   * page's bytes may depend on: host (and the forwarded host and scheme behind a trusted proxy), the
   * raw URL with its query, and the display mode.
   */
  keyOf(req: IncomingMessage): string | null {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    const h = req.headers;
    if (h.authorization !== undefined) return null;
    let mode = '';
    const cookie = h.cookie;
    if (cookie !== undefined) {
      if (this.#sessionRe.test(cookie)) return null;
      mode = this.#modeRe.exec(cookie)?.[1]?.trim() ?? '';
    }
    const fwd = this.#opts.trustProxy
      ? `${h['x-forwarded-host'] ?? ''}\n${h['x-forwarded-proto'] ?? ''}`
      : '';
    return `${h.host ?? ''}\n${fwd}\n${req.url ?? ''}\n${mode}`;
  }

  /** Remembers what the full stack answered to `req` (call once its response has been sent). */
  remember(key: string, entry: Omit<LaneEntry, 'headers'>, sent: Record<string, unknown>): void {
    if (!this.#open || entry.status !== 200 || sent['set-cookie'] !== undefined) return;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(sent)) {
      if (PER_RESPONSE.has(name) || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    if (this.#entries.size >= MAX_ENTRIES && !this.#entries.has(key))
      this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { ...entry, headers });
  }

  /** Answers `req` from memory when it can; false hands it to Fastify. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.#open) return false;
    const key = this.keyOf(req);
    if (key === null) return false;
    const entry = this.#entries.get(key);
    if (!entry) return false;
    if (!entry.live()) {
      this.#entries.delete(key);
      return false;
    }
    const reqId = newId();
    if (etagMatches(req.headers['if-none-match'], entry.etag)) {
      this.#notModified++;
      res.writeHead(304, { ...entry.headers, 'x-request-id': reqId });
      res.end();
      return true;
    }
    this.#hits++;
    res.writeHead(entry.status, {
      ...entry.headers,
      'content-length': entry.body.length,
      'x-request-id': reqId,
    });
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  /** Wraps the framework's request handler: the lane first, then the framework. */
  wrap(
    handler: (req: IncomingMessage, res: ServerResponse) => void,
  ): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      if (!this.serve(req, res)) handler(req, res);
    };
  }

  /** Drops every remembered response (the page cache was cleared). */
  clear(): void {
    this.#entries.clear();
  }

  /** Stops answering (the server is closing: Fastify answers 503 from here on). */
  close(): void {
    this.#open = false;
    this.#entries.clear();
  }

  stats(): LaneStats {
    return { hits: this.#hits, notModified: this.#notModified, entries: this.#entries.size };
  }
}

const lanes = new WeakMap<AppContext, FastLane>();

/** The fast lane of this application (one per context; the HTTP server and the portal share it). */
export function fastLaneOf(ctx: AppContext): FastLane {
  let lane = lanes.get(ctx);
  if (!lane) {
    lane = new FastLane({
      sessionCookie: SESSION_COOKIE,
      modeCookie: MODE_COOKIE,
      trustProxy: ctx.config.trustProxy,
    });
    lanes.set(ctx, lane);
  }
  return lane;
}

/** If-None-Match against one strong ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
