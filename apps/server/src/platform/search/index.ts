// The search index every module writes to: one row per searchable published thing (article, policy
// document, disclosure catalogue entry, service item), upserted in the same transaction as the change
// that published it, so it is searchable the moment that transaction commits. Querying is in query.ts.
import sanitizeHtml from 'sanitize-html';
import { newId, UUID_RE } from '../db/ids.ts';
import type { Tx } from '../db/pool.ts';
import { charGrams, lexemeSetLiteral, segmentWords, tsvectorLiteral } from './segment.ts';

export type SearchSourceType = 'article' | 'policy' | 'catalogue' | 'service-item';
export const SEARCH_SOURCE_TYPES: readonly SearchSourceType[] = [
  'article',
  'policy',
  'catalogue',
  'service-item',
];

export interface SearchDocumentInput {
  sourceType: SearchSourceType;
  /** uuid of the source row */
  sourceId: string;
  /** cms site id (null: cluster-wide, e.g. service items) */
  siteId: string | null;
  columnId: string | null;
  orgId: string | null;
  title: string;
  /** plain text; callers strip HTML (searchText() helps) */
  body: string;
  /** public path of the page, e.g. /sites/qingtian/articles/{id} */
  url: string;
  publishedAt: Date;
  /** shown with the hit: e.g. { docNumber: '丽政发〔2026〕3号', indexNumber: '…' } */
  extra?: Record<string, string>;
}

/** Only the start of a long body is indexed: enough for matching and snippets, bounded row size. */
export const MAX_BODY_CHARS = 20_000;
const MAX_TITLE_CHARS = 500;

function checkInput(doc: SearchDocumentInput): void {
  // Programmer errors, not user input: callers pass their own rows.
  if (!SEARCH_SOURCE_TYPES.includes(doc.sourceType))
    throw new Error(`search: unknown sourceType ${doc.sourceType}`);
  for (const [k, v] of [
    ['sourceId', doc.sourceId],
    ['siteId', doc.siteId],
    ['columnId', doc.columnId],
    ['orgId', doc.orgId],
  ] as const) {
    if (v !== null && !UUID_RE.test(v)) throw new Error(`search: ${k} is not a uuid: ${v}`);
  }
  if (!(doc.publishedAt instanceof Date) || Number.isNaN(doc.publishedAt.getTime())) {
    throw new Error('search: publishedAt is not a valid date');
  }
}

/** The row values indexDocument writes; exported so the benchmark can bulk-load the same shape. */
export function documentRow(doc: SearchDocumentInput): {
  title: string;
  body: string;
  tsv: string;
  titleGrams: string;
} {
  const title = doc.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS);
  const body = doc.body.replace(/\s+/g, ' ').trim().slice(0, MAX_BODY_CHARS);
  return {
    title,
    body,
    tsv: tsvectorLiteral([
      { words: segmentWords(title), weight: 'A' },
      { words: segmentWords(body), weight: 'B' },
    ]),
    titleGrams: lexemeSetLiteral(charGrams(title)),
  };
}

/** Upserts the document in the caller's transaction: searchable as soon as it commits. */
export async function indexDocument(tx: Tx, doc: SearchDocumentInput): Promise<void> {
  checkInput(doc);
  const row = documentRow(doc);
  await tx.query(
    `INSERT INTO search_document
       (id, source_type, source_id, site_id, column_id, org_id, title, body, url, published_at, extra, tsv, title_grams)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::tsvector, $13::tsvector)
     ON CONFLICT (source_type, source_id) DO UPDATE SET
       site_id = EXCLUDED.site_id, column_id = EXCLUDED.column_id, org_id = EXCLUDED.org_id,
       title = EXCLUDED.title, body = EXCLUDED.body, url = EXCLUDED.url,
       published_at = EXCLUDED.published_at, extra = EXCLUDED.extra,
       tsv = EXCLUDED.tsv, title_grams = EXCLUDED.title_grams, indexed_at = clock_timestamp()`,
    [
      newId(),
      doc.sourceType,
      doc.sourceId,
      doc.siteId,
      doc.columnId,
      doc.orgId,
      row.title,
      row.body,
      doc.url,
      doc.publishedAt,
      JSON.stringify(doc.extra ?? {}),
      row.tsv,
      row.titleGrams,
    ],
  );
}

/** Removes it (withdrawn, unpublished, deleted). */
export async function removeDocument(tx: Tx, sourceType: SearchSourceType, sourceId: string): Promise<void> {
  if (!UUID_RE.test(sourceId)) return;
  await tx.query('DELETE FROM search_document WHERE source_type = $1 AND source_id = $2', [
    sourceType,
    sourceId,
  ]);
}

// Block-level tags end a run of text: without a break, <p>甲</p><p>乙</p> would index as one word 甲乙.
const BLOCK_TAG_RE =
  /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|thead|tbody|section|article|header|footer|blockquote|pre|figure|figcaption|dd|dt|dl)\b[^>]*>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** HTML → plain text for indexing (tags removed, entities decoded, whitespace collapsed). */
export function searchText(html: string): string {
  const text = sanitizeHtml(html.replace(BLOCK_TAG_RE, ' $&'), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object'],
  });
  // sanitize-html re-escapes & < > " in text; undo that (and any entity it left) for plain text.
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}
