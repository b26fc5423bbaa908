// Site administrators (cms.site.manage over the owning unit) open sites, change their identity,
// footer, domains and theme, and shape the column tree. A new site gets the nationally required
// columns. Exactly one site is the default (the city portal, served at /).
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { type Tx, withTx } from '../../../platform/db/pool.ts';
import type { ErrorDetail } from '../../../platform/http/errors.ts';
import { orgInReach } from '../../../platform/http/principal.ts';
import { parseRegionCode } from '../../../platform/ids/gb2260.ts';
import { getOrg } from '../../identity/index.ts';
import { cmsErrors } from '../cms.errors.ts';
import {
  COLUMN_KINDS,
  type ColumnKind,
  type ColumnRow,
  REQUIRED_AS,
  REQUIRED_COLUMNS,
  type RequiredAs,
  SITE_ORG_ID,
  type SiteFooter,
  type SiteRow,
} from '../cms.model.ts';
import { CMS_SITE_MANAGE } from '../cms.permissions.ts';
import {
  columnHasContent,
  findColumn,
  findColumnByCode,
  findSite,
  findSiteClash,
  insertColumn,
  insertSite,
  listColumnRows,
  patchColumn,
  patchSite,
} from '../cms.repository.ts';
import { type Caller, reachFor, requireInSite } from '../cms.scope.ts';
import { type ColumnView, type SiteView, toColumnView, toSiteView } from '../cms.views.ts';

export interface SiteInput {
  code?: string;
  name?: string;
  siteCode?: string;
  domains?: string[];
  orgId?: string;
  theme?: string;
  footer?: SiteFooter;
  isDefault?: boolean;
  status?: 'open' | 'closed';
}

const FOOTER_KEYS = ['sponsor', 'organiser', 'icp', 'psb', 'phone', 'address', 'email'] as const;
const DOMAIN_RE = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** 网站标识码: 10 digits whose first 6 are a region code, or 'bm' + 8 digits (central departments). */
export function siteCodeProblem(code: string): string | null {
  if (/^bm\d{8}$/.test(code)) return null;
  if (!/^\d{10}$/.test(code))
    return '网站标识码应为 10 位：6 位行政区划代码加 4 位顺序号（部委网站为 bm 加 8 位数字）';
  const region = parseRegionCode(code.slice(0, 6));
  if (!region.ok) return `网站标识码前 6 位不是有效的行政区划代码：${region.reason}`;
  if (code.slice(6) === '0000') return '网站标识码后 4 位顺序号不能为 0000';
  return null;
}

function checkSite(input: SiteInput, creating: boolean): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (creating || input.code !== undefined) {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(input.code ?? ''))
      add('code', '网站代码应为 2–40 位小写字母、数字或连字符，以字母开头');
  }
  if (creating || input.name !== undefined) {
    const n = (input.name ?? '').trim();
    if (!n || [...n].length > 100) add('name', '网站名称应为 1–100 字');
  }
  if (creating || input.siteCode !== undefined) {
    const p = siteCodeProblem(input.siteCode ?? '');
    if (p) add('siteCode', p);
  }
  for (const [i, d] of (input.domains ?? []).entries())
    if (!DOMAIN_RE.test(d)) add(`domains[${i}]`, '域名格式不正确（小写，如 www.lishui.gov.cn）');
  if ((input.domains ?? []).length > 5) add('domains', '域名不能超过 5 个（政府网站应避免使用多个域名）');
  if (input.theme !== undefined && !/^[a-z][a-z0-9-]{0,39}$/.test(input.theme))
    add('theme', '主题代码格式不正确');
  for (const [k, v] of Object.entries(input.footer ?? {})) {
    if (!(FOOTER_KEYS as readonly string[]).includes(k)) add(`footer.${k}`, '未知的页脚项');
    else if (typeof v !== 'string' || [...v].length > 200)
      add(`footer.${k}`, '页脚项应为不超过 200 字的文字');
  }
  return out;
}

async function makeDefault(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE cms_site SET is_default = false WHERE is_default AND id <> $1', [id]);
  await tx.query('UPDATE cms_site SET is_default = true WHERE id = $1', [id]);
}

export async function createSite(
  ctx: AppContext,
  caller: Caller,
  input: SiteInput & { code: string; name: string; siteCode: string; orgId: string },
  actor: Actor,
): Promise<SiteView> {
  const reach = reachFor(caller, CMS_SITE_MANAGE);
  const problems = checkSite(input, true);
  const org = UUID_RE.test(input.orgId) ? await getOrg(ctx.pool, input.orgId) : null;
  if (!org) problems.push({ field: 'orgId', message: '主办单位不存在' });
  if (problems.length) throw cmsErrors.SITE_INVALID(problems);
  if (!orgInReach(reach, org!.path)) requireInSite(caller, CMS_SITE_MANAGE, { org_path: org!.path });
  const domains = [...new Set(input.domains ?? [])];
  const now = ctx.clock.now();
  const id = newId();
  return withTx(ctx.pool, async (tx) => {
    // Serialises site creation so two requests cannot take the same domain between check and insert.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cms_site'))`);
    if (await findSiteClash(tx, { code: input.code, siteCode: input.siteCode, domains }, null))
      throw cmsErrors.SITE_CODE_TAKEN();
    const first = !(await tx.query('SELECT 1 FROM cms_site LIMIT 1')).rowCount;
    const site: SiteRow = {
      id,
      code: input.code,
      name: input.name.trim(),
      site_code: input.siteCode,
      domains,
      org_id: org!.id,
      org_path: org!.path,
      theme: input.theme ?? 'default',
      footer: { sponsor: org!.name, ...input.footer },
      is_default: false,
      status: input.status ?? 'open',
      created_at: now,
      updated_at: now,
    };
    await insertSite(tx, site, now);
    if (input.isDefault || first) {
      await makeDefault(tx, id);
      site.is_default = true;
    }
    for (const [i, c] of REQUIRED_COLUMNS.entries()) {
      await insertColumn(
        tx,
        {
          id: newId(),
          site_id: id,
          parent_id: null,
          code: c.code,
          name: c.name,
          kind: c.kind,
          sort: (i + 1) * 10,
          update_days: c.updateDays,
          review_levels: c.reviewLevels,
          link_url: c.linkUrl?.replaceAll(SITE_ORG_ID, site.org_id) ?? null,
          required_as: c.requiredAs,
        },
        now,
      );
    }
    await ctx.audit.record(tx, actor, {
      action: 'cms.site.create',
      objectType: 'cms-site',
      objectId: id,
      summary: `新建网站“${site.name}”（${site.code}，标识码 ${site.site_code}），含 ${REQUIRED_COLUMNS.length} 个必备栏目`,
    });
    return toSiteView(site);
  });
}

export async function updateSite(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: SiteInput,
  actor: Actor,
): Promise<SiteView> {
  const site = UUID_RE.test(id) ? await findSite(ctx.pool, id) : null;
  if (!site) throw cmsErrors.SITE_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  const problems = checkSite(input, false);
  if (input.orgId !== undefined) problems.push({ field: 'orgId', message: '网站的主办单位不能修改' });
  if (problems.length) throw cmsErrors.SITE_INVALID(problems);
  return withTx(ctx.pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cms_site'))`);
    const cur = (await findSite(tx, id, true)) as SiteRow;
    const domains = input.domains ? [...new Set(input.domains)] : undefined;
    if (await findSiteClash(tx, { code: input.code, siteCode: input.siteCode, domains }, id))
      throw cmsErrors.SITE_CODE_TAKEN();
    if (input.isDefault === false && cur.is_default)
      throw cmsErrors.SITE_INVALID('isDefault', '请将另一个网站设为默认网站，而不是取消当前默认网站');
    const patch: Partial<SiteRow> = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.siteCode !== undefined ? { site_code: input.siteCode } : {}),
      ...(domains ? { domains } : {}),
      ...(input.theme !== undefined ? { theme: input.theme } : {}),
      ...(input.footer !== undefined ? { footer: input.footer } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: ctx.clock.now(),
    };
    await patchSite(tx, id, patch);
    if (input.isDefault) await makeDefault(tx, id);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(patch))
      if (k !== 'updated_at' && JSON.stringify(v) !== JSON.stringify(cur[k as keyof SiteRow]))
        changes[k] = { before: cur[k as keyof SiteRow], after: v };
    await ctx.audit.record(tx, actor, {
      action: 'cms.site.update',
      objectType: 'cms-site',
      objectId: id,
      summary: `修改网站“${cur.name}”`,
      changes,
    });
    return toSiteView((await findSite(tx, id)) as SiteRow);
  });
}

export interface ColumnInput {
  parentId?: string | null;
  code?: string;
  name?: string;
  type?: ColumnKind;
  sort?: number;
  updateDays?: number | null;
  reviewLevels?: number;
  linkUrl?: string | null;
  requiredAs?: RequiredAs | null;
}

async function checkColumn(
  tx: Tx,
  siteId: string,
  selfId: string | null,
  merged: ColumnInput,
): Promise<ErrorDetail[]> {
  const out: ErrorDetail[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(merged.code ?? ''))
    add('code', '栏目代码应为小写字母、数字或连字符，以字母开头');
  const name = (merged.name ?? '').trim();
  if (!name || [...name].length > 50) add('name', '栏目名称应为 1–50 字');
  if (!COLUMN_KINDS.includes(merged.type as ColumnKind)) add('type', '栏目类型不正确');
  if (
    merged.updateDays !== null &&
    merged.updateDays !== undefined &&
    !(Number.isInteger(merged.updateDays) && merged.updateDays >= 1 && merged.updateDays <= 3650)
  )
    add('updateDays', '更新周期应为 1–3650 天');
  if (![0, 1, 2].includes(merged.reviewLevels ?? 1)) add('reviewLevels', '审核级数应为 0、1 或 2');
  if (merged.type === 'link') {
    const url = merged.linkUrl ?? '';
    if (!/^(\/(?!\/)[^\s<>"']*|https?:\/\/[^\s<>"']+)$/.test(url) || url.length > 500)
      add('linkUrl', '链接栏目须填写以 / 或 http(s):// 开头的地址');
  }
  if (merged.requiredAs && !REQUIRED_AS.includes(merged.requiredAs)) add('requiredAs', '必备栏目类别不正确');
  if (merged.parentId) {
    const parent = UUID_RE.test(merged.parentId) ? await findColumn(tx, merged.parentId) : null;
    if (!parent || parent.site_id !== siteId) add('parentId', '上级栏目不存在或不属于该网站');
    else if (selfId) {
      // No cycles: walk up from the new parent.
      let cur: ColumnRow | null = parent;
      for (let depth = 0; cur && depth < 20; depth++) {
        if (cur.id === selfId) {
          add('parentId', '不能把栏目移到它自己的下级栏目中');
          break;
        }
        cur = cur.parent_id ? await findColumn(tx, cur.parent_id) : null;
      }
    }
  }
  return out;
}

export async function createColumn(
  ctx: AppContext,
  caller: Caller,
  siteId: string,
  input: ColumnInput,
  actor: Actor,
): Promise<ColumnView> {
  const site = UUID_RE.test(siteId) ? await findSite(ctx.pool, siteId) : null;
  if (!site) throw cmsErrors.SITE_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  return withTx(ctx.pool, async (tx) => {
    const problems = await checkColumn(tx, site.id, null, input);
    if (problems.length) throw cmsErrors.COLUMN_INVALID(problems);
    if (await findColumnByCode(tx, site.id, input.code as string)) throw cmsErrors.COLUMN_CODE_TAKEN('code');
    const now = ctx.clock.now();
    const row = {
      id: newId(),
      site_id: site.id,
      parent_id: input.parentId ?? null,
      code: input.code as string,
      name: (input.name as string).trim(),
      kind: input.type as ColumnKind,
      sort: input.sort ?? 0,
      update_days: input.updateDays ?? null,
      review_levels: input.reviewLevels ?? 1,
      link_url: input.type === 'link' ? (input.linkUrl ?? null) : null,
      required_as: input.requiredAs ?? null,
    };
    await insertColumn(tx, row, now);
    await ctx.audit.record(tx, actor, {
      action: 'cms.column.create',
      objectType: 'cms-column',
      objectId: row.id,
      summary: `在“${site.name}”新建栏目“${row.name}”`,
    });
    return toColumnView(site, (await findColumn(tx, row.id)) as ColumnRow);
  });
}

export async function updateColumn(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: ColumnInput,
  actor: Actor,
): Promise<ColumnView> {
  const col = UUID_RE.test(id) ? await findColumn(ctx.pool, id) : null;
  const site = col ? await findSite(ctx.pool, col.site_id) : null;
  if (!col || !site) throw cmsErrors.COLUMN_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  return withTx(ctx.pool, async (tx) => {
    const merged: ColumnInput = {
      parentId: input.parentId !== undefined ? input.parentId : col.parent_id,
      code: input.code ?? col.code,
      name: input.name ?? col.name,
      type: input.type ?? col.kind,
      sort: input.sort ?? col.sort,
      updateDays: input.updateDays !== undefined ? input.updateDays : col.update_days,
      reviewLevels: input.reviewLevels ?? col.review_levels,
      linkUrl: input.linkUrl !== undefined ? input.linkUrl : col.link_url,
      requiredAs: input.requiredAs !== undefined ? input.requiredAs : col.required_as,
    };
    const problems = await checkColumn(tx, site.id, id, merged);
    if (problems.length) throw cmsErrors.COLUMN_INVALID(problems);
    if (merged.code !== col.code && (await findColumnByCode(tx, site.id, merged.code as string)))
      throw cmsErrors.COLUMN_CODE_TAKEN('code');
    const patch: Partial<ColumnRow> = {
      parent_id: merged.parentId ?? null,
      code: merged.code as string,
      name: (merged.name as string).trim(),
      kind: merged.type as ColumnKind,
      sort: merged.sort ?? 0,
      update_days: merged.updateDays ?? null,
      review_levels: merged.reviewLevels ?? 1,
      link_url: merged.type === 'link' ? (merged.linkUrl ?? null) : null,
      required_as: merged.requiredAs ?? null,
      updated_at: ctx.clock.now(),
    };
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(patch))
      if (k !== 'updated_at' && v !== col[k as keyof ColumnRow])
        changes[k] = { before: col[k as keyof ColumnRow], after: v };
    await patchColumn(tx, id, patch);
    await ctx.audit.record(tx, actor, {
      action: 'cms.column.update',
      objectType: 'cms-column',
      objectId: id,
      summary: `修改“${site.name}”栏目“${col.name}”`,
      changes,
    });
    return toColumnView(site, (await findColumn(tx, id)) as ColumnRow);
  });
}

export async function deleteColumn(ctx: AppContext, caller: Caller, id: string, actor: Actor): Promise<void> {
  const col = UUID_RE.test(id) ? await findColumn(ctx.pool, id) : null;
  const site = col ? await findSite(ctx.pool, col.site_id) : null;
  if (!col || !site) throw cmsErrors.COLUMN_NOT_FOUND();
  requireInSite(caller, CMS_SITE_MANAGE, site);
  if (col.required_as)
    throw cmsErrors.COLUMN_NOT_EMPTY(undefined, `“${col.name}”是政府网站必备栏目，不能删除`);
  await withTx(ctx.pool, async (tx) => {
    await tx.query('SELECT 1 FROM cms_column WHERE id = $1 FOR UPDATE', [id]);
    if (await columnHasContent(tx, id)) throw cmsErrors.COLUMN_NOT_EMPTY();
    await tx.query('DELETE FROM cms_column WHERE id = $1', [id]);
    await ctx.audit.record(tx, actor, {
      action: 'cms.column.delete',
      objectType: 'cms-column',
      objectId: id,
      summary: `删除“${site.name}”栏目“${col.name}”`,
    });
  });
}

export async function listColumnViews(ctx: AppContext, siteId: string): Promise<ColumnView[] | null> {
  const site = UUID_RE.test(siteId) ? await findSite(ctx.pool, siteId) : null;
  if (!site) return null;
  return (await listColumnRows(ctx.pool, site.id)).map((c) => toColumnView(site, c));
}
