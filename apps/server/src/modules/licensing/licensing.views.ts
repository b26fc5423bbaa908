// How applications, fees and drafts are shown: to the applicant (public timeline entries, their query
// code) and to staff (the full timeline; the read of the form is audited by the caller).
import type { Static } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { licencesOfCaseView } from '../licences/index.ts';
import { type CaseRecord, caseTimeline, projectedDeadline } from '../workflow/index.ts';
import { acceptanceDueOn } from './licensing.deadlines.ts';
import { rmbUpper } from './licensing.documents.ts';
import { openForm } from './licensing.form.ts';
import { itemFacts } from './licensing.item.ts';
import {
  type ApplicationRow,
  type DraftRow,
  type FeeNoticeRow,
  findFeeNotice,
  latestCorrection,
  listDocuments,
  listMaterials,
  listPayments,
} from './licensing.repository.ts';
import type { ApplicationDetailSchema, DraftSummarySchema, FeeViewSchema } from './licensing.schemas.ts';
import { FINAL_STATUSES, STATUS_NAMES } from './licensing.status.ts';

export type ApplicationDetail = Static<typeof ApplicationDetailSchema>;
export type FeeView = Static<typeof FeeViewSchema>;

export const FEE_STATUS_NAMES: Record<FeeNoticeRow['status'], string> = {
  due: '待缴费',
  paid: '已缴费',
  waived: '免缴',
};

export const PAYMENT_METHOD_NAMES: Record<string, string> = {
  cash: '现金',
  pos: '银行卡（POS）',
  transfer: '银行转账',
  online: '网上支付',
};

export function documentUrl(applicationId: string, documentId: string): string {
  return `/api/v1/applications/${applicationId}/documents/${documentId}`;
}

export function materialFileUrl(applicationId: string, fileId: string): string {
  return `/api/v1/applications/${applicationId}/materials/${fileId}`;
}

export async function feeView(db: Queryable, notice: FeeNoticeRow): Promise<FeeView> {
  const payments = await listPayments(db, notice.id);
  return {
    status: notice.status,
    statusName: FEE_STATUS_NAMES[notice.status],
    totalFen: notice.total_fen,
    standardFen: notice.standard_fen,
    totalText: rmbUpper(notice.total_fen),
    lines: notice.lines.map((l) => ({
      name: l.name,
      standard: l.standard,
      basis: l.basis,
      amountFen: l.amountFen,
    })),
    issuedOn: notice.issued_on,
    paidAt: notice.paid_at?.toISOString() ?? null,
    documentId: notice.document_id,
    payments: payments.map((p) => ({
      amountFen: p.amount_fen,
      standardFen: p.standard_fen,
      method: p.method,
      methodName: PAYMENT_METHOD_NAMES[p.method] ?? p.method,
      reference: p.reference,
      recordedAt: p.recorded_at.toISOString(),
      recordedByName: p.recorded_by_name ?? (p.adapter ? `在线支付（${p.adapter}）` : null),
    })),
  };
}

/** Current materials: for each material, the files of the latest round that handed it in. */
async function materialsView(db: Queryable, app: ApplicationRow) {
  const facts = itemFacts(app.item_snapshot);
  const rows = await listMaterials(db, app.id);
  const latestRound = new Map<string, number>();
  for (const r of rows)
    latestRound.set(r.material_id, Math.max(latestRound.get(r.material_id) ?? 0, r.round));
  const listed = new Map(facts.materials.map((m) => [m.id, m]));
  const ids = [
    ...facts.materials.map((m) => m.id),
    ...[...latestRound.keys()].filter((id) => !listed.has(id)),
  ];
  return ids.map((id) => {
    const m = listed.get(id);
    const files = rows.filter((r) => r.material_id === id && r.round === latestRound.get(id));
    return {
      materialId: id,
      name: m?.name ?? files[0]?.material_name ?? id,
      required: m?.required ?? false,
      files: files.map((f) => ({
        fileId: f.file_id,
        name: f.file_name,
        size: f.file_size,
        contentType: f.file_mime,
        round: f.round,
        url: materialFileUrl(app.id, f.file_id),
      })),
    };
  });
}

export interface ViewOptions {
  owner: boolean;
  /** Staff who may record payments on this case. */
  canRecordPayment: boolean;
  /** The applicant may rate the finished case (ratings module: completed, not yet rated). */
  canRate: boolean;
}

export async function applicationView(
  ctx: AppContext,
  app: ApplicationRow,
  c: CaseRecord | null,
  opts: ViewOptions,
): Promise<ApplicationDetail> {
  const db = ctx.pool;
  const facts = itemFacts(app.item_snapshot);
  const [timeline, documents, notice, correction, materials, licences] = await Promise.all([
    c ? caseTimeline(db, c.id, { publicOnly: opts.owner }) : Promise.resolve([]),
    listDocuments(db, app.id),
    findFeeNotice(db, app.id),
    latestCorrection(db, app.id),
    materialsView(db, app),
    c ? licencesOfCaseView(ctx, c.id) : Promise.resolve([]),
  ]);
  const projected = !c?.clockStartedOn && !FINAL_STATUSES.has(app.status);
  const from = app.received_on;
  const legalDeadline =
    c?.legalDeadline ?? (projected ? await projectedDeadline(ctx, from, facts.legal) : null);
  const promisedDeadline =
    c?.promisedDeadline ?? (projected ? await projectedDeadline(ctx, from, facts.promised) : null);
  const licence = licences.find((l) => l.id === app.licence_id) ?? licences[0] ?? null;
  const open = !FINAL_STATUSES.has(app.status);
  return {
    id: app.id,
    number: app.case_number,
    caseId: app.case_id,
    queryCode: opts.owner && app.query_code_enc ? ctx.pii.decrypt(app.query_code_enc) : null,
    itemId: app.item_id,
    itemCode: app.item_code,
    itemName: app.item_name,
    orgId: app.org_id,
    orgName: facts.orgName,
    applicantName: app.applicant_name,
    applicantKind: app.applicant_kind,
    status: app.status,
    statusName: STATUS_NAMES[app.status],
    caseStatus: c?.status ?? null,
    currentSteps: c?.currentSteps ?? [],
    level: c?.level ?? 'green',
    form: openForm(ctx, app.form_enc),
    formSummary: app.form_summary,
    materials,
    receivedOn: app.received_on,
    submittedAt: app.submitted_at.toISOString(),
    acceptedOn: app.accepted_on,
    autoAccepted: app.auto_accepted,
    acceptanceDeadline:
      app.acceptance_pending && app.status === 'submitted'
        ? (app.acceptance_due_on ??
          (app.acceptance_window_from ? await acceptanceDueOn(ctx, app.acceptance_window_from) : null))
        : null,
    legalDeadline,
    promisedDeadline,
    deadlinesProjected: projected,
    legalLimit: facts.legal,
    promisedLimit: facts.promised,
    completedAt: c?.completedAt ?? null,
    timeline: timeline.map((t) => ({
      seq: t.seq,
      at: t.at,
      kind: t.kind,
      title: t.title,
      stepName: t.stepName,
      action: t.action,
      comment: t.comment,
      // Applicants see which unit acted, not which civil servant.
      actorName: opts.owner ? null : t.actorName,
      actorOrgName: t.actorOrgName,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      number: d.number,
      issuedOn: d.issued_on,
      createdAt: d.created_at.toISOString(),
      url: documentUrl(app.id, d.id),
    })),
    fees: notice ? await feeView(db, notice) : null,
    licence: licence
      ? {
          id: licence.id,
          number: licence.number,
          name: licence.licenceName,
          status: licence.status,
          statusName: licence.statusName,
          validFrom: licence.validFrom,
          validUntil: licence.validUntil,
          verifyUrl: licence.verifyUrl,
        }
      : null,
    correction: correction
      ? {
          round: correction.round,
          items: correction.items,
          comment: correction.comment,
          requestedOn: correction.requested_on,
          requestedAt: correction.requested_at.toISOString(),
          resolvedAt: correction.resolved_at?.toISOString() ?? null,
        }
      : null,
    decisionReason: app.status === 'denied' || app.status === 'not_accepted' ? app.decision_reason : null,
    canRate: opts.owner && opts.canRate,
    canWithdraw: opts.owner && open && c !== null && c.status !== 'completed' && c.status !== 'cancelled',
    canResubmit: opts.owner && app.status === 'correction',
    canRecordPayment: opts.canRecordPayment && notice?.status === 'due',
  };
}

export function draftSummary(d: DraftRow): Static<typeof DraftSummarySchema> {
  return {
    id: d.id,
    itemId: d.item_id,
    itemName: d.item_name,
    statusName: STATUS_NAMES.draft,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}
