// Rows of the disclosure tables and the shapes the API and pages show.
import type { EntryView } from '../../../../shared/disclosure.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { maybeOne } from '../../platform/db/pool.ts';
import { isoDate } from './disclosure.common.ts';

export interface EntryRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  index_number: string;
  title: string;
  summary: string;
  publisher: string;
  written_on: string;
  published_on: string;
  doc_number: string;
  topic: string;
  genre: string;
  keywords: string[];
  validity: string;
  repealed_on: string | null;
  disclosure_mode: string;
  article_id: string | null;
  status: 'published' | 'withdrawn';
  withdrawn_reason: string | null;
  created_at: Date;
  updated_at: Date;
  late_days: number | null;
}

export const ENTRY_SELECT = `SELECT e.*, o.name AS org_name, a.working_days AS late_days
  FROM dsc_catalogue_entry e JOIN idn_org o ON o.id = e.org_id LEFT JOIN dsc_alert a ON a.entry_id = e.id`;

export function entryUrl(orgId: string, id: string): string {
  return `/disclosure/${orgId}/catalogue/${id}`;
}

// The API's shape is the one the console reads (apps/shared/disclosure.ts).
export type { EntryView };

export function entryView(r: EntryRow): EntryView {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    indexNumber: r.index_number,
    title: r.title,
    summary: r.summary,
    publisher: r.publisher,
    writtenOn: isoDate(r.written_on) as string,
    publishedOn: isoDate(r.published_on) as string,
    docNumber: r.doc_number,
    topic: r.topic,
    genre: r.genre,
    keywords: r.keywords,
    validity: r.validity,
    repealedOn: isoDate(r.repealed_on),
    disclosureMode: r.disclosure_mode,
    articleId: r.article_id,
    status: r.status,
    withdrawnReason: r.withdrawn_reason,
    url: entryUrl(r.org_id, r.id),
    lateWorkingDays: r.late_days,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findEntry(db: Queryable, id: string): Promise<EntryRow | null> {
  return maybeOne<EntryRow>(db, `${ENTRY_SELECT} WHERE e.id = $1`, [id]);
}

export async function toEntryView(db: Queryable, id: string): Promise<EntryView | null> {
  const r = await findEntry(db, id);
  return r ? entryView(r) : null;
}
