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

async function fulltext(
  db: Queryable,
  p: SearchParams,
  parsed: ParsedQuery,
  offset: number,
): Promise<SearchResult> {
  const values: unknown[] = [tsqueryText(parsed.terms)];
  const filters = filterSql(p, values);
  values.push(CANDIDATE_CAP, p.now, RECENCY_WEIGHT, HALF_LIFE_DAYS, p.pageSize, offset);
  const n = values.length;
  // Candidates: the newest CANDIDATE_CAP matches (for a common word the planner walks the published_at
  // index and stops early; for a rare one it reads the GIN index). Only they are ranked, and only the
  // page's rows fetch their body for the snippet.
  const r = await db.query<HitRow & { n: number }>(
    `WITH cand AS MATERIALIZED (
       SELECT d.id FROM search_document d
       WHERE d.tsv @@ $1::tsquery${filters}
       ORDER BY d.published_at DESC LIMIT $${n - 5}
     ), ranked AS (
       SELECT d.id, d.published_at,
              ts_rank_cd(d.tsv, $1::tsquery, 32)
                + $${n - 3}::float8 * power(0.5, greatest(0, extract(epoch FROM ($${n - 4}::timestamptz - d.published_at)) / 86400.0) / $${n - 2}::float8) AS score,
              count(*) OVER () AS n
       FROM search_document d JOIN cand USING (id)
       ORDER BY score DESC, d.published_at DESC, d.id
       LIMIT $${n - 1} OFFSET $${n}
     )
     SELECT d.title, left(d.body, 20000) AS body, d.url, d.site_id, d.published_at, d.source_type, d.extra, ranked.n
     FROM ranked JOIN search_document d USING (id)
     ORDER BY ranked.score DESC, ranked.published_at DESC, ranked.id`,
    values,
  );
  let total = r.rows[0]?.n ?? 0;
  if (total === 0 && offset > 0) {
    // Past the last page: still say how many there are.
    total = await countMatches(db, 'd.tsv @@ $1::tsquery', values.slice(0, n - 6), filters, CANDIDATE_CAP);
  }
  // Counting every match of a common word costs more than the search (each phrase match is
  // rechecked against its row), so counting stops where ranking does.
  return {
    total,
    totalCapped: total >= CANDIDATE_CAP,
    matchedBy: total > 0 ? 'fulltext' : 'none',
    items: r.rows.map((row) => hit(row, parsed.marks)),
  };
}

async function countMatches(db: Queryable, where: string, values: unknown[], filters: string, cap: number) {
  const r = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM search_document d WHERE ${where}${filters} LIMIT ${cap}) s`,
    values,
  );
  return r.rows[0]?.n ?? 0;
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
  values.push(CANDIDATE_CAP, MIN_TITLE_SIMILARITY, p.pageSize, offset);
  const n = values.length;
  // Similarity of a term = share of its bigrams present in the title (a substring scores 1); a title
  // qualifies when every term is similar enough, and ranks by the mean.
  const r = await db.query<HitRow & { n: number }>(
    `WITH cand AS MATERIALIZED (
       SELECT d.id, d.published_at, d.title_grams FROM search_document d
       WHERE d.title_grams @@ $1::tsquery${filters}
       ORDER BY d.published_at DESC LIMIT $${n - 3}
     ), scored AS (
       SELECT c.id, c.published_at, s.min_sim, s.sim
       FROM cand c
       CROSS JOIN LATERAL (
         SELECT min(t.share) AS min_sim, avg(t.share) AS sim
         FROM (
           SELECT avg((c.title_grams @@ u.g::tsquery)::int) AS share
           FROM unnest($2::text[], $3::int[]) AS u(g, term)
           GROUP BY u.term
         ) t
       ) s
     ), ranked AS (
       SELECT id, published_at, sim, count(*) OVER () AS n FROM scored
       WHERE min_sim >= $${n - 2}
       ORDER BY sim DESC, published_at DESC, id
       LIMIT $${n - 1} OFFSET $${n}
     )
     SELECT d.title, left(d.body, 20000) AS body, d.url, d.site_id, d.published_at, d.source_type, d.extra, ranked.n
     FROM ranked JOIN search_document d USING (id)
     ORDER BY ranked.sim DESC, ranked.published_at DESC, ranked.id`,
    values,
  );
  const total = r.rows[0]?.n ?? 0;
  return {
    total,
    totalCapped: false,
    matchedBy: total > 0 ? 'title' : 'none',
    items: r.rows.map((row) =>
      hit(
        row,
        [...parsed.marks, ...grams].sort((a, b) => b.length - a.length),
      ),
    ),
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
