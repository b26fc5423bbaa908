// Reading the 公开目录 (public), the Art. 26 alerts (officers), and the units that publish a guide.
import type { AlertView, EntryView, StaffUnit } from '../../../../../shared/disclosure.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { containsPattern } from '../../../platform/db/like.ts';
import { many, maybeOne } from '../../../platform/db/pool.ts';
import { pageWindow } from '../../../platform/http/pagination.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import {
  hasPermission,
  orgInReach,
  type Principal,
  type Reach,
  reachOf,
  reachSql,
  requireReach,
} from '../../../platform/http/principal.ts';
import { isoDate, unitInReach } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { ENTRY_SELECT, type EntryRow, entryView, findEntry } from '../disclosure.views.ts';
import { EDIT_PERMISSION } from './manage-catalogue.ts';

export interface CatalogueQuery {
  orgId?: string;
  /** 'withdrawn' (or 'all'): officers of `orgId` only. */
  status?: string;
  q?: string;
  topic?: string;
  genre?: string;
  year?: number;
  page?: number;
  pageSize?: number;
}

export interface EntryPage {
  items: EntryView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Published entries, newest first; filters by unit, words in name/文号/索引号, topic, genre, year. The
 * unit's officers may also ask for its withdrawn entries (`status` withdrawn or all, with `orgId`):
 * without the permission 403, a unit outside their reach 404.
 */
export async function listCatalogue(
  ctx: AppContext,
  query: CatalogueQuery,
  principal?: Principal | null,
): Promise<EntryPage> {
  const { page, pageSize, offset } = pageWindow(query);
  const status = query.status ?? 'published';
  const where: string[] = [];
  const params: unknown[] = [];
  if (status === 'published') where.push(`e.status = 'published'`);
  else {
    if (status !== 'withdrawn' && status !== 'all')
      throw disclosureErrors.ENTRY_INVALID('status', '状态应为 published、withdrawn 或 all');
    await unitInReach(ctx, principal, EDIT_PERMISSION, query.orgId);
    if (status === 'withdrawn') where.push(`e.status = 'withdrawn'`);
  }
  if (query.orgId) {
    if (!UUID_RE.test(query.orgId)) return { items: [], total: 0, page, pageSize };
    params.push(query.orgId);
    where.push(`e.org_id = $${params.length}`);
  }
  if (query.q?.trim()) {
    params.push(containsPattern(query.q.trim().slice(0, 100)));
    const n = params.length;
    where.push(`(e.title ILIKE $${n} OR e.doc_number ILIKE $${n} OR e.index_number ILIKE $${n})`);
  }
  if (query.topic) {
    params.push(query.topic);
    where.push(`e.topic = $${params.length}`);
  }
  if (query.genre) {
    params.push(query.genre);
    where.push(`e.genre = $${params.length}`);
  }
  if (query.year) {
    params.push(`${query.year}-01-01`, `${query.year}-12-31`);
    where.push(`e.published_on BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  const w = where.length ? where.join(' AND ') : 'TRUE';
  const total = Number(
    (
      await maybeOne<{ n: number }>(
        ctx.pool,
        `SELECT count(*)::int AS n FROM dsc_catalogue_entry e WHERE ${w}`,
        params,
      )
    )?.n ?? 0,
  );
  const rows = await many<EntryRow>(
    ctx.pool,
    `${ENTRY_SELECT} WHERE ${w} ORDER BY e.published_on DESC, e.index_number DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return { items: rows.map(entryView), total, page, pageSize };
}

/** One entry: published ones for everyone; withdrawn ones only for officers of the unit. */
export async function getCatalogueEntry(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<EntryView> {
  const row = UUID_RE.test(id) ? await findEntry(ctx.pool, id) : null;
  if (!row) throw disclosureErrors.ENTRY_NOT_FOUND('id');
  if (row.status !== 'published') {
    const reach = principal ? reachOf(principal, EDIT_PERMISSION) : null;
    if (!reach || !orgInReach(reach, row.org_path)) throw disclosureErrors.ENTRY_NOT_FOUND('id');
  }
  return entryView(row);
}

export type { AlertView, StaffUnit };

/** Art. 26 alerts of the units in the caller's reach, newest first. */
export async function listAlerts(
  ctx: AppContext,
  principal: Principal | null | undefined,
  query: { orgId?: string; page?: number; pageSize?: number },
): Promise<{ items: AlertView[]; total: number; page: number; pageSize: number }> {
  const reach = requireReach(principal, EDIT_PERMISSION);
  const { page, pageSize, offset } = pageWindow(query);
  const [scope, scopeParams] = reachSql(reach, 'a.org_path', 1);
  const params: unknown[] = [...scopeParams];
  let extra = '';
  if (query.orgId) {
    if (!UUID_RE.test(query.orgId)) return { items: [], total: 0, page, pageSize };
    params.push(query.orgId);
    extra = ` AND a.org_id = $${params.length}`;
  }
  const total = Number(
    (
      await maybeOne<{ n: number }>(
        ctx.pool,
        `SELECT count(*)::int AS n FROM dsc_alert a WHERE ${scope}${extra}`,
        params,
      )
    )?.n ?? 0,
  );
  const rows = await many<{
    id: string;
    entry_id: string;
    org_id: string;
    org_name: string;
    index_number: string;
    title: string;
    written_on: string;
    published_on: string;
    working_days: number;
    created_at: Date;
  }>(
    ctx.pool,
    `SELECT a.id, a.entry_id, a.org_id, o.name AS org_name, e.index_number, e.title, e.written_on, e.published_on,
            a.working_days, a.created_at
     FROM dsc_alert a JOIN dsc_catalogue_entry e ON e.id = a.entry_id JOIN idn_org o ON o.id = a.org_id
     WHERE ${scope}${extra} ORDER BY a.created_at DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      orgId: r.org_id,
      orgName: r.org_name,
      indexNumber: r.index_number,
      title: r.title,
      writtenOn: isoDate(r.written_on) as string,
      publishedOn: isoDate(r.published_on) as string,
      workingDays: r.working_days,
      createdAt: r.created_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/** Whether the caller keeps this unit's catalogue (for showing edit links). */
export function mayEditUnit(principal: Principal | null | undefined, orgPath: string): boolean {
  if (!principal || !hasPermission(principal, EDIT_PERMISSION)) return false;
  const reach = reachOf(principal, EDIT_PERMISSION);
  return !!reach && orgInReach(reach, orgPath);
}

const STAFF_PERMISSIONS = {
  catalogue: EDIT_PERMISSION,
  requests: 'disclosure.request.handle',
  report: 'disclosure.report.edit',
} as const;

/** The units a member of staff keeps (catalogue, guide), handles requests for or reports on. */
export async function listStaffUnits(
  ctx: AppContext,
  principal: Principal | null | undefined,
): Promise<{ items: StaffUnit[] }> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const reaches = Object.entries(STAFF_PERMISSIONS).map(
    ([k, perm]) => [k, reachOf(principal, perm)] as const,
  );
  const held = reaches.filter(([, r]) => r !== null) as [keyof typeof STAFF_PERMISSIONS, Reach][];
  if (held.length === 0 || principal.kind !== 'staff') throw platformErrors.FORBIDDEN();
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [, reach] of held) {
    const [sql, p] = reachSql(reach, 'o.path', params.length + 1);
    params.push(...p);
    parts.push(`(${sql})`);
  }
  const rows = await many<{ id: string; name: string; path: string; has_guide: boolean }>(
    ctx.pool,
    `SELECT o.id, o.name, o.path, EXISTS (SELECT 1 FROM dsc_guide g WHERE g.org_id = o.id) AS has_guide
     FROM idn_org o WHERE (${parts.join(' OR ')})
     ORDER BY EXISTS (SELECT 1 FROM dsc_guide g WHERE g.org_id = o.id) DESC, o.path LIMIT 500`,
    params,
  );
  return {
    items: rows.map((o) => {
      const has = (k: keyof typeof STAFF_PERMISSIONS) =>
        held.some(([key, reach]) => key === k && orgInReach(reach, o.path));
      return {
        orgId: o.id,
        orgName: o.name,
        catalogue: has('catalogue'),
        requests: has('requests'),
        report: has('report'),
        hasGuide: o.has_guide,
      };
    }),
  };
}
