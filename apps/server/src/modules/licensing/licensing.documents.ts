// The written instruments of a licensing case (DOMAIN §2.2 standard instruments): each is an official
// PDF with the unit's name, the case number, its date and a QR code to the public lookup, stored as a
// file the applicant owns (so they can download it) in the owning unit, and listed on the application.
import type { AppContext, StoredFile } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import { type Tx, withTx } from '../../platform/db/pool.ts';
import { chineseDate, type OfficialPdfTable, renderOfficialPdf } from '../../platform/documents/pdf.ts';
import { publicLink } from '../../platform/documents/qr.ts';
import { nextSequence } from '../../platform/events/events.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import type { ApplicationRow, DocumentKind, DocumentRow } from './licensing.repository.ts';
import {
  findApplication,
  findDocumentById,
  insertDocument,
  setDocumentFile,
} from './licensing.repository.ts';
import { itemFacts } from './licensing.item.ts';

/** Titles for 行政许可 items; other item types (公共服务, 行政确认 …) get the neutral wording. */
const LICENCE_TITLES: Record<DocumentKind, string> = {
  receipt: '接收回执',
  acceptance: '受理通知书',
  rejection: '不予受理决定书',
  correction: '一次性告知书',
  fee_notice: '缴费通知书',
  approval: '准予行政许可决定书',
  denial: '不予行政许可决定书',
};
const SERVICE_TITLES: Record<DocumentKind, string> = {
  ...LICENCE_TITLES,
  approval: '准予办理决定书',
  denial: '不予办理决定书',
};

/** The short word of each kind in the 文号 (e.g. 许受〔2026〕12号). */
const NUMBER_WORDS: Record<DocumentKind, string> = {
  receipt: '收',
  acceptance: '受',
  rejection: '不受',
  correction: '补',
  fee_notice: '费',
  approval: '准',
  denial: '不准',
};

export function documentTitle(app: Pick<ApplicationRow, 'item_snapshot'>, kind: DocumentKind): string {
  return (itemFacts(app.item_snapshot).isLicence ? LICENCE_TITLES : SERVICE_TITLES)[kind];
}

export const FOOTER =
  '本文书由政务服务平台生成。扫描二维码或在网上办事大厅输入办件编号和查询码，可查询办理进度。';

/** The public lookup address printed as a QR code (no personal data in it: the number only). */
export function lookupUrl(ctx: AppContext, caseNumber: string): string {
  return publicLink(ctx.config, `/hall/lookup?number=${encodeURIComponent(caseNumber)}`);
}

export interface IssueDocumentInput {
  kind: DocumentKind;
  /** 成文日期 'YYYY-MM-DD'. */
  date: string;
  paragraphs: string[];
  table?: OfficialPdfTable | null;
  /** Overrides the title (rarely: the title follows the item type). */
  title?: string;
}

export const RENDER_DOCUMENT_QUEUE = 'licensing.render-document';
/** Stands for the query code in a receipt's stored text; filled in when the PDF is rendered. */
export const QUERY_CODE_MARK = '{{queryCode}}';

/**
 * Issues one document in the caller's transaction: its 文号 (per-unit, per-year, per-kind sequence;
 * the receipt carries the case number itself) and its text are fixed now. A job renders the PDF right
 * after commit, except the 《接收回执》: the applicant sees the receipt as a page the moment they
 * submit, and its PDF is rendered on the first download (ensureDocumentFile), so a rush of
 * submissions does not queue a rush of PDF rendering.
 */
export async function issueDocument(
  tx: Tx,
  ctx: AppContext,
  app: ApplicationRow,
  input: IssueDocumentInput,
): Promise<DocumentRow> {
  const caseNumber = app.case_number ?? '';
  const facts = itemFacts(app.item_snapshot);
  const title = input.title ?? documentTitle(app, input.kind);
  const year = Number(input.date.slice(0, 4));
  let number = caseNumber;
  if (input.kind !== 'receipt') {
    const seq = await nextSequence(tx, `lic.doc.${input.kind}`, app.org_id, year);
    number = `${facts.isLicence ? '许' : '办'}${NUMBER_WORDS[input.kind]}〔${year}〕${seq}号`;
  }
  const doc = await insertDocument(tx, {
    id: newId(),
    applicationId: app.id,
    caseId: app.case_id,
    kind: input.kind,
    content: {
      title,
      unitName: facts.orgName,
      number,
      date: input.date,
      recipient: app.applicant_name,
      paragraphs: input.paragraphs,
      table: input.table ?? null,
    },
    issuedOn: input.date,
    now: ctx.clock.now(),
  });
  if (input.kind !== 'receipt') await enqueueJob(tx, RENDER_DOCUMENT_QUEUE, { documentId: doc.id });
  return doc;
}

/** The PDF of a document: rendered and stored on first need, the same file ever after. */
export async function ensureDocumentFile(ctx: AppContext, documentId: string): Promise<StoredFile | null> {
  const doc = await findDocumentById(ctx.pool, documentId);
  if (!doc) return null;
  if (doc.file_id) return ctx.files.get(ctx.pool, doc.file_id);
  const app = await findApplication(ctx.pool, doc.application_id);
  if (!app) return null;
  const c = doc.content;
  const queryCode = app.query_code_enc ? ctx.pii.decrypt(app.query_code_enc) : '';
  const caseNumber = app.case_number ?? '';
  const pdf = await renderOfficialPdf({
    title: c.title,
    unitName: c.unitName,
    number: c.number,
    date: c.date,
    recipient: c.recipient,
    paragraphs: c.paragraphs.map((p) => p.replaceAll(QUERY_CODE_MARK, queryCode)),
    table: c.table,
    qr: caseNumber ? { url: lookupUrl(ctx, caseNumber), caption: '扫码查询办理进度' } : null,
    footer: FOOTER,
  });
  const fileId = await withTx(ctx.pool, async (tx) => {
    const file = await ctx.files.put(tx, {
      data: pdf,
      name: `${c.title}-${caseNumber || app.id}.pdf`,
      purpose: 'case-document',
      ownerUserId: app.applicant_user_id,
      orgId: app.org_id,
      allowedTypes: ['application/pdf'],
    });
    return setDocumentFile(tx, doc.id, file.id);
  });
  return ctx.files.get(ctx.pool, fileId);
}

/** '2026-11-24' → '2026年11月24日'; null → '—'. */
export function cnDate(date: string | null | undefined): string {
  return date ? chineseDate(date) : '—';
}

/** 12 working days → '12个工作日'. */
export function limitText(limit: { days: number; unit: 'working' | 'natural' } | null): string {
  if (!limit) return '无';
  if (limit.days === 0) return '即办';
  return `${limit.days}${limit.unit === 'working' ? '个工作日' : '日'}`;
}

export { rmbUpper, yuan } from '../../../../shared/money.ts';

/**
 * The remedies sentence of a refusal (行政许可法 Art. 38: 告知申请人享有依法申请行政复议或者提起行政
 * 诉讼的权利), naming the reconsideration body and the court from the item's guide when it names them.
 */
export function remediesSentence(snapshot: Record<string, unknown>): string {
  const { reconsiderationBody, litigationCourt } = itemFacts(snapshot);
  const where = reconsiderationBody ? `向${reconsiderationBody}` : '依法';
  const court = litigationCourt ? `向${litigationCourt}` : '依法向人民法院';
  return `你（单位）享有依法申请行政复议或者提起行政诉讼的权利。如不服本决定，可以自收到本决定书之日起六十日内${where}申请行政复议，也可以自收到本决定书之日起六个月内${court}提起行政诉讼。`;
}
