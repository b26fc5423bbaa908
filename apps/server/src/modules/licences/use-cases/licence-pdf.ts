// The licence certificate as a PDF (staff in scope, or the holder), with a QR code to the public
// verification page. Printed details are those on the certificate: an ID number only masked.
import type { Actor } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { withTx } from '../../../platform/db/pool.ts';
import { renderOfficialPdf } from '../../../platform/documents/pdf.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { licenceErrors } from '../licences.errors.ts';
import { chineseDay, HOLDER_KIND_NAMES, verifyUrl } from '../licences.model.ts';
import { findLicence, type LicenceRow } from '../licences.repository.ts';
import { licenceForStaff } from './read-licence.ts';

export async function renderLicencePdf(ctx: AppContext, l: LicenceRow): Promise<Buffer> {
  const url = verifyUrl(ctx.config, l);
  const codeLabel = l.holder_kind === 'person' ? '公民身份号码' : '统一社会信用代码';
  // Title, number, issuing unit and date are printed in the notice's own places; the table holds the rest.
  const rows: string[][] = [
    ['持证主体', l.holder_name],
    ['主体类型', HOLDER_KIND_NAMES[l.holder_kind]],
    [codeLabel, l.holder_code_masked],
  ];
  if (l.scope) rows.push(['许可范围', l.scope]);
  for (const [label, value] of Object.entries(l.data)) rows.push([label, value]);
  rows.push(
    ['有效期限', `${chineseDay(l.valid_from)} 至 ${chineseDay(l.valid_until)}`],
    ['办件编号', l.case_number],
  );
  const paragraphs = [
    `经审查，${l.holder_name}的申请符合法定条件、标准，依据《中华人民共和国行政许可法》第三十八条、第三十九条的规定，准予行政许可，颁发本电子证照。`,
    '本证照经平台SM2电子签名，与纸质证照具有同等法律效力，可扫描下方二维码核验真伪和有效状态。',
  ];
  if (l.status === 'revoked' && l.revoked_at) {
    paragraphs.push(
      `本证照已于${chineseDay(shanghaiDate(l.revoked_at))}注销，注销原因：${l.revoked_reason ?? ''}。注销后的证照不再具有法律效力。`,
    );
  }
  return renderOfficialPdf({
    title: l.licence_name,
    unitName: l.org_name,
    number: `证照编号：${l.number}`,
    date: l.issued_on,
    paragraphs,
    table: { head: ['项目', '内容'], rows, widths: [1, 3] },
    qr: { url, caption: '扫码核验证照真伪' },
    footer: `核验地址：${url}`,
    createdAt: l.issued_at,
  });
}

async function auditDownload(ctx: AppContext, actor: Actor, l: LicenceRow): Promise<void> {
  await withTx(ctx.pool, (tx) =>
    ctx.audit.record(tx, actor, {
      action: 'licence.download',
      objectType: 'licence',
      objectId: l.id,
      summary: `下载电子证照《${l.licence_name}》${l.number}`,
    }),
  );
}

export async function licencePdfForStaff(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  actor: Actor,
): Promise<{ pdf: Buffer; number: string }> {
  const l = await licenceForStaff(ctx, principal, id);
  await auditDownload(ctx, actor, l);
  return { pdf: await renderLicencePdf(ctx, l), number: l.number };
}

/** The holder's own licence; anybody else's → 404. */
export async function licenceOfHolder(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<LicenceRow> {
  if (!principal) throw platformErrors.UNAUTHENTICATED();
  const l = await findLicence(ctx.pool, id);
  if (!l || l.holder_user_id !== principal.userId) throw licenceErrors.LICENCE_NOT_FOUND();
  return l;
}

export async function licencePdfForHolder(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  actor: Actor,
): Promise<{ pdf: Buffer; number: string }> {
  const l = await licenceOfHolder(ctx, principal, id);
  await auditDownload(ctx, actor, l);
  return { pdf: await renderLicencePdf(ctx, l), number: l.number };
}
