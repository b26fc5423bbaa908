// Querying the search index. The user's text never reaches to_tsquery as syntax: it is segmented here
// and every segment is quoted as a lexeme, so quotes, operators, SQL fragments and emoji are just text.
import type { Queryable } from '../db/pool.ts';
import type { SearchSourceType } from './index.ts';
import { charGrams, normalizeText, quoteLexeme, segmentWords } from './segment.ts';

export interface SearchParams {
  q: string;
  siteId?: string | undefined;
  columnId?: string | undefined;
  orgId?: string | undefined;
  type?: SearchSourceType | undefined;
  /** Calendar dates (YYYY-MM-DD) in Asia/Shanghai, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
  /** "Now" for the recency boost (the platform clock). */
  now: Date;
}

export interface SearchHit {
  title: string;
  url: string;
  /** HTML-escaped text with only <em> marks around the matched words. */
  snippet: string;
  siteId: string | null;
  publishedAt: string;
  type: SearchSourceType;
  extra?: Record<string, string>;
}

export interface SearchResult {
  total: number;
  /** true when more documents matched than are counted (total is then a lower bound). */
  totalCapped: boolean;
  /** 'fulltext' for word matches, 'title' when only the fuzzy title match found anything. */
  matchedBy: 'fulltext' | 'title' | 'none';
  items: SearchHit[];
}

/** Only the first part of a very long query is used; a 4,000-character paste still gets an answer. */
const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 8;
const MAX_SEGMENTS_PER_TERM = 12;
const MAX_GRAMS = 24;
/** Ranking (and counting) looks at this many of the newest matches; pages past it are empty. */
export const CANDIDATE_CAP = 1000;
/** Recency boost: up to this much added to the (0..1) relevance, halving every HALF_LIFE_DAYS. */
const RECENCY_WEIGHT = 0.2;
const HALF_LIFE_DAYS = 180;
/** A fuzzy title match needs this share of each query term's character bigrams. */
const MIN_TITLE_SIMILARITY = 0.6;

export interface ParsedQuery {
  /** Each term is a phrase of segments (营业执照 → [营业, 执照]); all terms must match. */
  terms: string[][];
  /** What to highlight: whole terms and their segments, longest first. */
  marks: string[];
  /** The text used for the fuzzy title match. */
  text: string;
}

export function parseQuery(raw: string): ParsedQuery {
  const text = normalizeText(raw).slice(0, MAX_QUERY_CHARS);
  const pieces: string[] = [];
  // Quoted phrases ("…", “…”, 「…」) stay together; everything else splits on whitespace.
  const rest = text.replace(/["“”「」『』]([^"“”「」『』]*)["“”「」『』]/g, (_m, p: string) => {
    pieces.push(p);
    return ' ';
  });
  pieces.push(...rest.split(/\s+/));
  const terms: string[][] = [];
  const seen = new Set<string>();
  const marks = new Set<string>();
  for (const p of pieces) {
    const segs = segmentWords(p).slice(0, MAX_SEGMENTS_PER_TERM);
    if (segs.length === 0) continue;
    const key = segs.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(segs);
    marks.add(segs.join(''));
    for (const s of segs) marks.add(s);
    if (terms.length >= MAX_TERMS) break;
  }
  return { terms, marks: [...marks].sort((a, b) => b.length - a.length), text };
}

/** tsquery text from already segmented terms: every value quoted, operators ours only. */
export function tsqueryText(terms: string[][]): string {
  return terms
    .map((t) => (t.length === 1 ? quoteLexeme(t[0] as string) : `(${t.map(quoteLexeme).join(' <-> ')})`))
    .join(' & ');
}

function filterSql(p: SearchParams, values: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    values.push(v);
    parts.push(sql.replace('?', `$${values.length}`));
  };
  if (p.siteId) add('d.site_id = ?', p.siteId);
  if (p.columnId) add('d.column_id = ?', p.columnId);
  if (p.orgId) add('d.org_id = ?', p.orgId);
  if (p.type) add('d.source_type = ?', p.type);
  if (p.from) add(`d.published_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, p.from);
  if (p.to) add(`d.published_at < ((?::date + 1))::timestamp AT TIME ZONE 'Asia/Shanghai'`, p.to);
  return parts.map((s) => ` AND ${s}`).join('');
}

interface HitRow {
  title: string;
  body: string;
  url: string;
  site_id: string | null;
  published_at: Date;
  source_type: SearchSourceType;
  extra: Record<string, string>;
}

export async function searchDocuments(db: Queryable, p: SearchParams): Promise<SearchResult> {
  const parsed = parseQuery(p.q);
  if (parsed.terms.length === 0) return { total: 0, totalCapped: false, matchedBy: 'none', items: [] };
  const offset = (p.page - 1) * p.pageSize;

  const ft = await fulltext(db, p, parsed, offset);
  if (ft.total > 0) return ft;
  // Grams per whitespace-separated term: each term must be mostly in the title, so a second word that
  // is nowhere in it is not outweighed by a first one that is.
  const grams: string[] = [];
  const termOf: number[] = [];
  parsed.text
    .split(/\s+/)
    .map((piece) => charGrams(piece))
    .filter((g) => g.length > 0)
    .forEach((g, i) => {
      for (const x of g) {
        if (grams.length >= MAX_GRAMS) return;
        grams.push(x);
        termOf.push(i);
      }
    });
  if (grams.length === 0) return ft;
  return titleFallback(db, p, parsed, grams, termOf, offset);
}

/**
 * Time keys: every row's `time_keys` (search_time_keys() in the migration 20261124094500_search_speed)
 * holds, for its hour h (hours since 2000-01-01 UTC, clamped to 0..2^20-1), the block h >> l of every
 * level l in TIME_LEVELS, as l * 2^20 + (h >> l). A run of hours is then a handful of keys, and
 * `time_keys && keys` sits in the same GIN index as the words and the filters, so PostgreSQL
 * intersects them inside one index scan and reads from the table only the matches of those hours.
 */
const TIME_LEVELS = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];
const LEVEL_SPAN = 1 << 20;
const MAX_HOUR = LEVEL_SPAN - 1;
const EPOCH_MS = Date.UTC(2000, 0, 1);
const HOUR_MS = 3_600_000;
/** The first window: the hours since this long before "now" (and anything later). */
const FIRST_WINDOW_HOURS = 6;
/** A window aims at this much more than the matches still needed (match density varies over time). */
const WINDOW_MARGIN = 1.3;
/** A window is at most this many times the hours already searched, so a wrong guess costs little. */
const WINDOW_GROWTH = 32;
/** After this many windows the next one reaches back to the start: a guard on round trips. */
const MAX_WINDOWS = 8;

export function hourNumber(ms: number): number {
  return Math.min(MAX_HOUR, Math.max(0, Math.floor((ms - EPOCH_MS) / HOUR_MS)));
}

/** The time keys of the hours [lo, hi): aligned blocks, the largest that fit, from the top down. */
export function hourKeys(lo: number, hi: number): number[] {
  const keys: number[] = [];
  let cur = hi;
  while (cur > lo) {
    let level = 0;
    for (const l of TIME_LEVELS) if (cur % (1 << l) === 0 && cur - (1 << l) >= lo) level = l;
    keys.push(level * LEVEL_SPAN + ((cur >> level) - 1));
    cur -= 1 << level;
  }
  return keys;
}

/** The instant a Beijing calendar day (YYYY-MM-DD) starts, at UTC+8 (PostgreSQL applies the exact bounds). */
function beijingDayStart(date: string, plusDays = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + plusDays) - 8 * HOUR_MS;
}

interface Candidate {
  id: string;
  published_at: Date;
}

/**
 * The newest CANDIDATE_CAP rows of search_document d that `where` selects, newest first (ties by id),
 * with what `select` computes from d (and `join`) for them. Runs of hours are searched from the newest
 * back, each sized from the matches per hour found so far, until the cap is reached or nothing older
 * is left: for a common word the first hours are enough, for a rare one a few wider runs reach back to
 * the start. Exact: a run is searched only when every newer one has been, and a run gives at most the
 * matches still missing, its newest. `select` is computed for those only.
 */
async function newestMatches<R extends Candidate>(
  db: Queryable,
  p: SearchParams,
  select: string,
  join: string,
  where: string,
  values: unknown[],
): Promise<R[]> {
  const top = p.to ? Math.max(1, hourNumber(beijingDayStart(p.to, 1))) : MAX_HOUR + 1;
  // One hour's margin below `from`: Beijing kept summer time (UTC+9) from 1986 to 1991.
  const floor = p.from ? Math.max(0, hourNumber(beijingDayStart(p.from)) - 1) : 0;
  const anchor = Math.min(top, hourNumber(p.now.getTime()) + 1);
  const k = values.length + 1;
  // tsv and title_grams pass the sort as (toasted) pointers; only the rows kept are detoasted for `select`.
  const sql = `SELECT d.id, d.published_at, ${select}
     FROM (SELECT d.id, d.published_at, d.tsv, d.title_grams FROM search_document d
           WHERE ${where} AND d.time_keys && $${k}::int[]
           ORDER BY d.published_at DESC, d.id LIMIT $${k + 1}) d${join}
     ORDER BY d.published_at DESC, d.id`;
  const found: R[] = [];
  let hi = top;
  let lo = Math.max(floor, Math.min(anchor, top - 1) - FIRST_WINDOW_HOURS);
  for (let n = 1; ; n++) {
    const r = await db.query<R>(sql, [...values, hourKeys(lo, hi), CANDIDATE_CAP - found.length]);
    found.push(...r.rows);
    if (found.length >= CANDIDATE_CAP || lo <= floor) break;
    const searched = Math.max(1, anchor - lo);
    const need = CANDIDATE_CAP - found.length;
    let span = found.length > 0 ? Math.ceil(((need * searched) / found.length) * WINDOW_MARGIN) : Infinity;
    span = Math.min(Math.max(span, searched), searched * WINDOW_GROWTH);
    hi = lo;
    lo = n + 1 >= MAX_WINDOWS ? floor : Math.max(floor, hi - span);
  }
  return found;
}

/** The page's rows (title, body for the snippet …) in the order of `ids`. */
async function pageRows(db: Queryable, ids: string[]): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<HitRow & { id: string }>(
    `SELECT d.id, d.title, left(d.body, 20000) AS body, d.url, d.site_id, d.published_at, d.source_type, d.extra
     FROM search_document d WHERE d.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Score order: higher first, then newer, then id (so pages never overlap). */
function byScore<T extends Candidate>(score: (c: T) => number) {
  return (a: T, b: T) =>
    score(b) - score(a) ||
    b.published_at.getTime() - a.published_at.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

async function fulltext(
  db: Queryable,
  p: SearchParams,
  parsed: ParsedQuery,
  offset: number,
): Promise<SearchResult> {
  const values: unknown[] = [tsqueryText(parsed.terms)];
  const filters = filterSql(p, values);
  values.push(p.now, RECENCY_WEIGHT, HALF_LIFE_DAYS);
  const n = values.length;
  // Candidates: the newest CANDIDATE_CAP matches, scored as they are found (the row is at hand for
  // the phrase check anyway). Only the page's rows fetch their body for the snippet.
  const cands = await newestMatches<Candidate & { score: number }>(
    db,
    p,
    `ts_rank_cd(d.tsv, $1::tsquery, 32)
       + $${n - 1}::float8 * power(0.5, greatest(0, extract(epoch FROM ($${n - 2}::timestamptz - d.published_at)) / 86400.0) / $${n}::float8) AS score`,
    '',
    `d.tsv @@ $1::tsquery${filters}`,
    values,
  );
  cands.sort(byScore((c) => c.score));
  const page = await pageRows(
    db,
    cands.slice(offset, offset + p.pageSize).map((c) => c.id),
  );
  // Counting every match of a common word costs more than the search (each phrase match is
  // rechecked against its row), so counting stops where ranking does.
  const total = cands.length;
  return {
    total,
    totalCapped: total >= CANDIDATE_CAP,
    matchedBy: total > 0 ? 'fulltext' : 'none',
    items: page.map((row) => hit(row, parsed.marks)),
  };
}

async function titleFallback(
  db: Queryable,
  p: SearchParams,
  parsed: ParsedQuery,
  grams: string[],
  termOf: number[],
  offset: number,
): Promise<SearchResult> {
  const values: unknown[] = [grams.map(quoteLexeme).join(' | '), grams.map(quoteLexeme), termOf];
  const filters = filterSql(p, values);
  // Candidates: the newest CANDIDATE_CAP titles with any of the bigrams. Similarity of a term = share
  // of its bigrams present in the title (a substring scores 1); a title qualifies when every term is
  // similar enough, and ranks by the mean.
  const cands = await newestMatches<Candidate & { min_sim: number; sim: number }>(
    db,
    p,
    's.min_sim, s.sim',
    `
     CROSS JOIN LATERAL (
       SELECT min(t.share)::float8 AS min_sim, avg(t.share)::float8 AS sim
       FROM (
         SELECT avg((d.title_grams @@ u.g::tsquery)::int) AS share
         FROM unnest($2::text[], $3::int[]) AS u(g, term)
         GROUP BY u.term
       ) t
     ) s`,
    `d.title_grams @@ $1::tsquery${filters}`,
    values,
  );
  const qualified = cands.filter((c) => c.min_sim >= MIN_TITLE_SIMILARITY).sort(byScore((c) => c.sim));
  const page = await pageRows(
    db,
    qualified.slice(offset, offset + p.pageSize).map((c) => c.id),
  );
  const total = qualified.length;
  const marks = [...parsed.marks, ...grams].sort((a, b) => b.length - a.length);
  return {
    total,
    totalCapped: false,
    matchedBy: total > 0 ? 'title' : 'none',
    items: page.map((row) => hit(row, marks)),
  };
}

function hit(row: HitRow, marks: string[]): SearchHit {
  const h: SearchHit = {
    title: row.title,
    url: row.url,
    snippet: snippet(row.body, marks),
    siteId: row.site_id,
    publishedAt: row.published_at.toISOString(),
    type: row.source_type,
  };
  if (row.extra && Object.keys(row.extra).length > 0) h.extra = row.extra;
  return h;
}

const SNIPPET_CHARS = 120;
const SNIPPET_LEAD = 30;

export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A window of the body around the first matched word, HTML-escaped, with <em> around every match.
 * Done here rather than with ts_headline: the stored body is unsegmented Chinese, which PostgreSQL's
 * parser would treat as one long word.
 */
export function snippet(body: string, marks: string[]): string {
  const usable = marks.filter((m) => m.length > 0);
  const re = usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join('|'), 'giu') : null;
  const chars = Array.from(body);
  let start = 0;
  if (re) {
    const m = re.exec(body);
    re.lastIndex = 0;
    if (m) start = Math.max(0, Array.from(body.slice(0, m.index)).length - SNIPPET_LEAD);
  }
  const window = chars.slice(start, start + SNIPPET_CHARS).join('');
  const prefix = start > 0 ? '…' : '';
  const suffix = start + SNIPPET_CHARS < chars.length ? '…' : '';
  if (!re) return prefix + escapeHtml(window) + suffix;
  let out = '';
  let last = 0;
  for (const m of window.matchAll(re)) {
    out += escapeHtml(window.slice(last, m.index)) + '<em>' + escapeHtml(m[0]) + '</em>';
    last = m.index + m[0].length;
  }
  out += escapeHtml(window.slice(last));
  return prefix + out + suffix;
}
