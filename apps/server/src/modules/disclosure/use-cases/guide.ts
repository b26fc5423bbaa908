// 公开指南 (Art. 12): per unit, the office that handles disclosure, how to reach it, and how information
// is classified and obtained. A unit appears on the public disclosure pages once it has one.
import type { GuideInput, GuideView } from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, withTx } from '../../../platform/db/pool.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { cleanText, Problems, type Unchecked, unitInReach } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { EDIT_PERMISSION } from './manage-catalogue.ts';

export type { GuideInput, GuideView };

interface GuideRow {
  org_id: string;
  org_path: string;
  org_name: string;
  office_name: string;
  address: string;
  office_hours: string;
  phone: string;
  fax: string;
  email: string;
  postcode: string;
  intro: string;
  letter_prefix: string;
  reconsideration_body: string;
  litigation_court: string;
  default_for_requests: boolean;
  entry_count: number;
  updated_at: Date;
}

const SELECT = `SELECT g.*, o.name AS org_name,
    (SELECT count(*)::int FROM dsc_catalogue_entry e WHERE e.org_id = g.org_id AND e.status = 'published') AS entry_count
  FROM dsc_guide g JOIN idn_org o ON o.id = g.org_id`;

function view(r: GuideRow): GuideView {
  return {
    orgId: r.org_id,
    orgName: r.org_name,
    officeName: r.office_name,
    address: r.address,
    officeHours: r.office_hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    postcode: r.postcode,
    intro: r.intro,
    letterPrefix: r.letter_prefix,
    reconsiderationBody: r.reconsideration_body,
    litigationCourt: r.litigation_court,
    defaultForRequests: r.default_for_requests,
    entryCount: r.entry_count,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findGuide(
  ctx: AppContext,
  orgId: string,
): Promise<(GuideView & { orgPath: string }) | null> {
  if (!UUID_RE.test(orgId)) return null;
  const r = await maybeOne<GuideRow>(ctx.pool, `${SELECT} WHERE g.org_id = $1`, [orgId]);
  return r ? { ...view(r), orgPath: r.org_path } : null;
}

export async function getGuide(ctx: AppContext, orgId: string): Promise<GuideView> {
  const g = await findGuide(ctx, orgId);
  if (!g) throw disclosureErrors.UNIT_NOT_FOUND('orgId');
  const { orgPath: _omit, ...rest } = g;
  return rest;
}

/** Units with a guide, in the order of the organisation tree. */
export async function listDisclosureUnits(ctx: AppContext): Promise<GuideView[]> {
  const rows = await many<GuideRow>(ctx.pool, `${SELECT} ORDER BY o.depth, o.sort_order, o.name`);
  return rows.map(view);
}

/** The unit a request goes to when the applicant names none. */
export async function defaultRequestUnit(ctx: AppContext): Promise<string | null> {
  const r = await maybeOne<{ org_id: string }>(
    ctx.pool,
    'SELECT org_id FROM dsc_guide WHERE default_for_requests LIMIT 1',
  );
  return r?.org_id ?? null;
}

export async function saveGuide(
  ctx: AppContext,
  principal: Principal | null | undefined,
  orgId: string,
  input: Unchecked<GuideInput>,
  actor: Actor,
): Promise<GuideView> {
  const org = await unitInReach(ctx, principal, EDIT_PERMISSION, orgId);
  const p = new Problems();
  const v = {
    officeName: cleanText(p, 'officeName', '工作机构名称', input.officeName, { max: 100, required: true }),
    address: cleanText(p, 'address', '办公地址', input.address, { max: 200 }),
    officeHours: cleanText(p, 'officeHours', '办公时间', input.officeHours, { max: 200 }),
    phone: cleanText(p, 'phone', '联系电话', input.phone, { max: 50 }),
    fax: cleanText(p, 'fax', '传真号码', input.fax, { max: 50 }),
    email: cleanText(p, 'email', '电子邮箱', input.email, { max: 100 }),
    postcode: cleanText(p, 'postcode', '邮政编码', input.postcode, { max: 10 }),
    intro: cleanText(p, 'intro', '指南正文', input.intro, { max: 5000, multiline: true }),
    letterPrefix: cleanText(p, 'letterPrefix', '答复书文号前缀', input.letterPrefix, { max: 20 }),
    reconsiderationBody: cleanText(p, 'reconsiderationBody', '行政复议机关', input.reconsiderationBody, {
      max: 100,
    }),
    litigationCourt: cleanText(p, 'litigationCourt', '管辖法院', input.litigationCourt, { max: 100 }),
  };
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) p.add('email', '电子邮箱格式不正确');
  if (v.postcode && !/^\d{6}$/.test(v.postcode)) p.add('postcode', '邮政编码应为 6 位数字');
  p.throwIf((d) => disclosureErrors.GUIDE_INVALID(d));
  await withTx(ctx.pool, async (tx) => {
    await tx.query(
      `INSERT INTO dsc_guide (org_id, org_path, office_name, address, office_hours, phone, fax, email, postcode, intro,
         letter_prefix, reconsideration_body, litigation_court, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
       ON CONFLICT (org_id) DO UPDATE SET office_name=$3, address=$4, office_hours=$5, phone=$6, fax=$7, email=$8,
         postcode=$9, intro=$10, letter_prefix=$11, reconsideration_body=$12, litigation_court=$13, updated_at=$14`,
      [
        org.id,
        org.path,
        v.officeName,
        v.address,
        v.officeHours,
        v.phone,
        v.fax,
        v.email,
        v.postcode,
        v.intro,
        v.letterPrefix,
        v.reconsiderationBody,
        v.litigationCourt,
        ctx.clock.now(),
      ],
    );
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.guide.save',
      objectType: 'org',
      objectId: org.id,
      summary: `更新${org.name}政府信息公开指南`,
    });
  });
  return getGuide(ctx, org.id);
}
