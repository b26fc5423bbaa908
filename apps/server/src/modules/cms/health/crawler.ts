// The polite crawler of site health: renders the site's own pages (home, columns, articles) through a
// PageFetcher, collects their links, resolves internal links against the platform's routes (404 =
// broken) and checks external links with HEAD (GET when HEAD is refused): at most `concurrency`
// requests at once, one at a time per host with a pause between them, a timeout on each, a cap on links
// per run, a User-Agent naming the platform, and never a private or loopback address (no SSRF through
// an article's links).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { searchText } from '../../../platform/search/index.ts';
import { type CrawlLimits, USER_AGENT } from './health.model.ts';

export interface PageResponse {
  status: number;
  contentType: string;
  body: string;
  location: string | null;
}

/** Gets a page of the platform itself: path with query, and the Host it is asked for (a site domain) or null. */
export interface PageFetcher {
  get(path: string, host: string | null): Promise<PageResponse>;
}

/** Renders pages in-process (the web process, and tests): no network, the real routes. */
export function injectFetcher(app: FastifyInstance): PageFetcher {
  return {
    async get(path, host) {
      const res = await app.inject({
        method: 'GET',
        url: path,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,*/*', ...(host ? { host } : {}) },
      });
      const loc = res.headers.location;
      return {
        status: res.statusCode,
        contentType: String(res.headers['content-type'] ?? ''),
        body: res.body,
        location: typeof loc === 'string' ? loc : null,
      };
    },
  };
}

/** Fetches the platform's own pages at its public URL (a worker process, which has no routes). */
export function httpFetcher(publicUrl: string, timeoutMs: number): PageFetcher {
  return {
    async get(path, host) {
      // A page asked for on a site domain is fetched there (the site's own public address).
      const res = await fetch(new URL(path, host ? `https://${host}` : publicUrl), {
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,*/*' },
      });
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        body: await res.text(),
        location: res.headers.get('location'),
      };
    },
  };
}

// ---- politeness: a global concurrency cap and a per-host queue ----

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Politeness {
  #active = 0;
  #waiting: (() => void)[] = [];
  readonly #chains = new Map<string, Promise<void>>();
  readonly #last = new Map<string, number>();
  /** Highest number of requests that were in flight at once (for tests and the run's stats). */
  peak = 0;

  readonly concurrency: number;
  readonly perHostIntervalMs: number;

  constructor(concurrency: number, perHostIntervalMs: number) {
    this.concurrency = concurrency;
    this.perHostIntervalMs = perHostIntervalMs;
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.concurrency) {
      this.#active += 1;
    } else {
      await new Promise<void>((r) => this.#waiting.push(r));
    }
    this.peak = Math.max(this.peak, this.#active);
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }

  /** Runs `fn` when the host's previous request is done and its pause has passed, within the global cap. */
  async run<T>(host: string, fn: () => Promise<T>, intervalMs = this.perHostIntervalMs): Promise<T> {
    const prev = this.#chains.get(host) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((r) => {
      done = r;
    });
    this.#chains.set(
      host,
      prev.then(() => mine),
    );
    await prev;
    try {
      const wait = (this.#last.get(host) ?? 0) + intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      await this.#acquire();
      try {
        return await fn();
      } finally {
        this.#release();
      }
    } finally {
      this.#last.set(host, Date.now());
      done();
    }
  }
}

// ---- link extraction ----

const TAG_RE = /<(a|img|iframe|video|audio|source|link|script)\b([^>]*)>/gi;
const ATTR_RE = /\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const SKIP_RE = /^(#|mailto:|tel:|sms:|javascript:|data:|about:|blob:)/i;

function decodeAttr(v: string): string {
  return v
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)));
}

/** href/src values of links, images, frames and media in an HTML document (fragments and mailto: left out). */
export function extractLinks(html: string): string[] {
  const out = new Set<string>();
  for (const tag of html.matchAll(TAG_RE)) {
    const name = tag[1]!.toLowerCase();
    const attrs = tag[2] ?? '';
    if (name === 'link' && !/\brel\s*=\s*["']?[^"'>]*\b(stylesheet|icon)\b/i.test(attrs)) continue;
    for (const a of attrs.matchAll(ATTR_RE)) {
      const attr = a[1]!.toLowerCase();
      if ((name === 'a' || name === 'link') !== (attr === 'href')) continue;
      const raw = decodeAttr((a[2] ?? a[3] ?? a[4] ?? '').trim());
      if (!raw || SKIP_RE.test(raw)) continue;
      out.add(raw);
    }
  }
  return [...out];
}

/** The text of the page's footer (the <footer> element if it has one, else the whole page). */
export function footerText(html: string): string {
  const m = html.match(/<footer\b[\s\S]*<\/footer>/i);
  return searchText(m ? m[0] : html);
}

// ---- checking one link ----

export interface LinkTarget {
  /** Absolute URL as shown to people (internal ones on the internal origin are shown as paths). */
  shown: string;
  internal: boolean;
  /** Internal: path with query, and the Host header (a site domain) or null. */
  path: string;
  host: string | null;
  /** External: the URL fetched. */
  url: URL | null;
}

const INTERNAL_ORIGIN = 'http://zhengtong.internal';

/**
 * Resolves a link found on `pagePath` (a path on the platform, or an absolute https://domain/ page URL).
 * Internal when it is relative, or its host is one of the cluster's domains or the platform's public host.
 */
export function classifyLink(
  raw: string,
  pagePath: string,
  internalHosts: ReadonlySet<string>,
): LinkTarget | null {
  let u: URL;
  try {
    u = new URL(raw, new URL(pagePath, INTERNAL_ORIGIN));
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  const path = `${u.pathname}${u.search}`;
  if (u.origin === INTERNAL_ORIGIN) return { shown: path, internal: true, path, host: null, url: null };
  const host = u.hostname.toLowerCase();
  if (internalHosts.has(host) || internalHosts.has(u.host.toLowerCase()))
    return { shown: u.href, internal: true, path, host, url: null };
  return { shown: u.href, internal: false, path, host: null, url: u };
}

export interface LinkResult {
  /** ok; broken (a finding); skipped (inconclusive: 429, over the cap). */
  outcome: 'ok' | 'broken' | 'skipped';
  status: number | null;
  reason: string;
}

/** Gets a page of the platform, following internal redirects (at most `maxRedirects`). */
export async function fetchPage(
  fetcher: PageFetcher,
  path: string,
  maxRedirects: number,
  internalHosts: ReadonlySet<string>,
): Promise<(PageResponse & { path: string }) | null> {
  let at = path;
  let host: string | null = null;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const res = await fetcher.get(at, host);
    if (res.status >= 300 && res.status < 400 && res.location) {
      const next = classifyLink(res.location, at, internalHosts);
      if (!next?.internal) return { ...res, path: at };
      at = next.path;
      host = next.host ?? host;
      continue;
    }
    return { ...res, path: at };
  }
  return null;
}

/** Resolves an internal link through the platform's routes, following up to `maxRedirects` redirects. */
export async function checkInternal(
  fetcher: PageFetcher,
  target: LinkTarget,
  maxRedirects: number,
  internalHosts: ReadonlySet<string>,
): Promise<LinkResult> {
  let path = target.path;
  let host = target.host;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const res = await fetcher.get(path, host);
    if (res.status >= 300 && res.status < 400 && res.location) {
      const next = classifyLink(res.location, path, internalHosts);
      if (!next?.internal) return { outcome: 'ok', status: res.status, reason: '重定向到站外' };
      path = next.path;
      host = next.host ?? host;
      continue;
    }
    return judge(res.status);
  }
  return { outcome: 'broken', status: null, reason: `重定向超过 ${maxRedirects} 次` };
}

function judge(status: number): LinkResult {
  if (status === 429) return { outcome: 'skipped', status, reason: '目标限流（429），本次未能检查' };
  if (status === 404 || status === 410)
    return { outcome: 'broken', status, reason: `页面不存在（${status}）` };
  if (status >= 500) return { outcome: 'broken', status, reason: `服务器错误（${status}）` };
  if (status >= 400 && status !== 401 && status !== 403)
    return { outcome: 'broken', status, reason: `无法访问（${status}）` };
  return { outcome: 'ok', status, reason: '' };
}

// Addresses the public cannot reach and the server must never be made to call (SSRF).
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return privateRanges.check(ip, 'ipv4');
  if (v === 6) {
    const mapped = ip.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return privateRanges.check(mapped[1]!, 'ipv4');
    return privateRanges.check(ip, 'ipv6');
  }
  return true;
}

class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that refuses private and loopback answers, so a redirect or DNS answer cannot reach them. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, cb: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, []);
      const list = addresses as LookupAddress[];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address)))
        return cb(new PrivateAddressError(hostname), []);
      if (options.all) return cb(null, list);
      const first = list[0];
      if (!first) return cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
      cb(null, first.address, first.family);
    });
  };
}

function reasonOf(e: unknown, timeoutMs: number): string {
  const err = e as NodeJS.ErrnoException & { name?: string };
  if (err instanceof PrivateAddressError || err?.code === 'EPRIVATE')
    return '链接指向内网或本机地址，公众无法访问（未访问该地址）';
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.code === 'ETIMEDOUT')
    return `${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} 秒` : `${timeoutMs} 毫秒`}内没有响应（超时）`;
  if (err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN') return '域名无法解析';
  if (err?.code === 'ECONNREFUSED') return '连接被拒绝';
  if (err?.code === 'ECONNRESET') return '连接被重置';
  if (typeof err?.code === 'string' && /CERT|SSL|TLS/.test(err.code)) return '证书无效';
  return '无法访问';
}

function request(
  url: URL,
  method: 'HEAD' | 'GET',
  signal: AbortSignal,
  allowPrivate: boolean,
): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      {
        method,
        signal,
        lookup: guardedLookup(allowPrivate) as never,
        headers: { 'user-agent': USER_AGENT, accept: '*/*' },
        agent: false,
      },
      (res) => {
        const loc = res.headers.location;
        resolve({ status: res.statusCode ?? 0, location: typeof loc === 'string' ? loc : null });
        // Only the status matters: drop the body (a GET fallback may be a large file).
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Checks an external link: HEAD, then GET when HEAD is refused; redirects followed and re-checked. */
export async function checkExternal(url: URL, limits: CrawlLimits): Promise<LinkResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      if (isIP(current.hostname.replace(/^\[|\]$/g, '')) && !limits.allowPrivateAddresses) {
        if (isPrivateAddress(current.hostname.replace(/^\[|\]$/g, '')))
          throw new PrivateAddressError(current.hostname);
      }
      let res = await request(current, 'HEAD', signal, limits.allowPrivateAddresses);
      if ([400, 403, 405, 501].includes(res.status))
        res = await request(current, 'GET', signal, limits.allowPrivateAddresses);
      if (res.status >= 300 && res.status < 400 && res.location) {
        const next = new URL(res.location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          return { outcome: 'broken', status: res.status, reason: '重定向到不支持的地址' };
        current = next;
        continue;
      }
      return judge(res.status);
    }
    return { outcome: 'broken', status: null, reason: `重定向超过 ${limits.maxRedirects} 次` };
  } catch (e) {
    return { outcome: 'broken', status: null, reason: reasonOf(e, limits.timeoutMs) };
  }
}
