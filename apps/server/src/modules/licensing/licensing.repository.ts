// SQL over the licensing tables. Only this module's code writes them; other modules use index.ts.
import type { Queryable, Tx } from '../../platform/db/pool.ts';
import { many, maybeOne, one } from '../../platform/db/pool.ts';
import type { ApplicationStatus } from './licensing.status.ts';

export interface ApplicationRow {
  id: string;
  applicant_user_id: string;
  applicant_kind: 'citizen' | 'enterprise';
  applicant_name: string;
  item_id: string;
  item_code: string;
  item_name: string;
  item_version: number | null;
  item_snapshot: Record<string, unknown>;
  org_id: string;
  process_code: string;
  form_enc: string;
  form_summary: { key: string; label: string; value: string }[];
  contact_phone_enc: string | null;
  holder_code_enc: string | null;
  status: ApplicationStatus;
  case_id: string | null;
  case_number: string | null;
  query_code_enc: string | null;
  received_on: string;
  submitted_at: Date;
  acceptance_step: string | null;
  acceptance_pending: boolean;
  acceptance_window_from: string | null;
  acceptance_due_on: string | null;
  accepted_on: string | null;
  auto_accepted: boolean;
  correction_rounds: number;
  decision_reason: string | null;
  decided_at: Date | null;
  licence_id: string | null;
  licence_number: string | null;
  licence_verify_url: string | null;
  withdrawn_at: Date | null;
  idempotency_key: string;
  request_hash: string;
  created_at: Date;
  updated_at: Date;
}

export interface NewApplication {
  id: string;
  applicantUserId: string;
  applicantKind: 'citizen' | 'enterprise';
  applicantName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  itemVersion: number | null;
  itemSnapshot: Record<string, unknown>;
  orgId: string;
  processCode: string;
  formEnc: string;
  formSummary: { key: string; label: string; value: string }[];
  contactPhoneEnc: string | null;
  holderCodeEnc: string | null;
  receivedOn: string;
  submittedAt: Date;
  acceptanceDueOn: string | null;
  idempotencyKey: string;
  requestHash: string;
}

export async function insertApplication(tx: Tx, a: NewApplication): Promise<ApplicationRow> {
  return one<ApplicationRow>(
    tx,
    `INSERT INTO lic_application (id, applicant_user_id, applicant_kind, applicant_name, item_id, item_code,
       item_name, item_version, item_snapshot, org_id, process_code, form_enc, form_summary, contact_phone_enc,
       holder_code_enc, status, received_on, submitted_at, acceptance_pending, acceptance_window_from,
       acceptance_due_on, idempotency_key, request_hash, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'submitted',$16,$17,true,$16,$18,$19,$20,$17,$17)
     RETURNING *`,
    [
      a.id,
      a.applicantUserId,
      a.applicantKind,
      a.applicantName,
      a.itemId,
      a.itemCode,
      a.itemName,
      a.itemVersion,
      JSON.stringify(a.itemSnapshot),
      a.orgId,
      a.processCode,
      a.formEnc,
      JSON.stringify(a.formSummary),
      a.contactPhoneEnc,
      a.holderCodeEnc,
      a.receivedOn,
      a.submittedAt,
      a.acceptanceDueOn,
      a.idempotencyKey,
      a.requestHash,
    ],
  );
}

export async function findApplication(db: Queryable, id: string): Promise<ApplicationRow | null> {
  return maybeOne<ApplicationRow>(db, 'SELECT * FROM lic_application WHERE id = $1', [id]);
}

export async function findApplicationForUpdate(tx: Tx, id: string): Promise<ApplicationRow | null> {
  return maybeOne<ApplicationRow>(tx, 'SELECT * FROM lic_application WHERE id = $1 FOR UPDATE', [id]);
}

export async function findApplicationByCase(db: Queryable, caseId: string): Promise<ApplicationRow | null> {
  return maybeOne<ApplicationRow>(db, 'SELECT * FROM lic_application WHERE case_id = $1', [caseId]);
}

export async function findApplicationByCaseForUpdate(tx: Tx, caseId: string): Promise<ApplicationRow | null> {
  return maybeOne<ApplicationRow>(tx, 'SELECT * FROM lic_application WHERE case_id = $1 FOR UPDATE', [
    caseId,
  ]);
}

export async function findByIdempotencyKey(
  db: Queryable,
  userId: string,
  key: string,
): Promise<ApplicationRow | null> {
  return maybeOne<ApplicationRow>(
    db,
    'SELECT * FROM lic_application WHERE applicant_user_id = $1 AND idempotency_key = $2',
    [userId, key],
  );
}

const COLUMNS: Record<string, string> = {
  status: 'status',
  caseId: 'case_id',
  caseNumber: 'case_number',
  queryCodeEnc: 'query_code_enc',
  formEnc: 'form_enc',
  formSummary: 'form_summary',
  contactPhoneEnc: 'contact_phone_enc',
  holderCodeEnc: 'holder_code_enc',
  acceptanceStep: 'acceptance_step',
  acceptancePending: 'acceptance_pending',
  acceptanceWindowFrom: 'acceptance_window_from',
  acceptanceDueOn: 'acceptance_due_on',
  acceptedOn: 'accepted_on',
  autoAccepted: 'auto_accepted',
  correctionRounds: 'correction_rounds',
  decisionReason: 'decision_reason',
  decidedAt: 'decided_at',
  licenceId: 'licence_id',
  licenceNumber: 'licence_number',
  licenceVerifyUrl: 'licence_verify_url',
  withdrawnAt: 'withdrawn_at',
};

export type ApplicationChanges = Partial<{
  status: ApplicationStatus;
  caseId: string;
  caseNumber: string;
  queryCodeEnc: string | null;
  formEnc: string;
  formSummary: { key: string; label: string; value: string }[];
  contactPhoneEnc: string | null;
  holderCodeEnc: string | null;
  acceptanceStep: string | null;
  acceptancePending: boolean;
  acceptanceWindowFrom: string | null;
  acceptanceDueOn: string | null;
  acceptedOn: string | null;
  autoAccepted: boolean;
  correctionRounds: number;
  decisionReason: string | null;
  decidedAt: Date | null;
  licenceId: string | null;
  licenceNumber: string | null;
  licenceVerifyUrl: string | null;
  withdrawnAt: Date | null;
}>;

export async function updateApplication(
  tx: Tx,
  id: string,
  changes: ApplicationChanges,
  now: Date,
): Promise<ApplicationRow> {
  const sets: string[] = [];
  const values: unknown[] = [id, now];
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    const col = COLUMNS[k];
    if (!col) throw new Error(`unknown application field ${k}`);
    values.push(k === 'formSummary' ? JSON.stringify(v) : v);
    sets.push(`${col} = $${values.length}`);
  }
  return one<ApplicationRow>(
    tx,
    `UPDATE lic_application SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING *`,
    values,
  );
}

export interface ApplicationListRow {
  id: string;
  item_id: string;
  item_name: string;
  org_id: string;
  status: ApplicationStatus;
  case_id: string | null;
  case_number: string | null;
  received_on: string;
  submitted_at: Date;
  updated_at: Date;
  legal_deadline: string | null;
  promised_deadline: string | null;
}

/** An applicant's applications, newest first, with the case's deadlines read live from the engine's row. */
export async function listApplicationsOf(
  db: Queryable,
  userId: string,
  limit: number,
  offset: number,
): Promise<{ rows: ApplicationListRow[]; total: number }> {
  const total = await one<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM lic_application WHERE applicant_user_id = $1',
    [userId],
  );
  const rows = await many<ApplicationListRow>(
    db,
    `SELECT a.id, a.item_id, a.item_name, a.org_id, a.status, a.case_id, a.case_number, a.received_on,
            a.submitted_at, a.updated_at, c.legal_deadline, c.promised_deadline
     FROM lic_application a LEFT JOIN wf_case c ON c.id = a.case_id
     WHERE a.applicant_user_id = $1
     ORDER BY a.submitted_at DESC, a.id DESC LIMIT $2 OFFSET $3`,
    [userId, limit, offset],
  );
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- materials

export interface MaterialRow {
  id: string;
  application_id: string;
  material_id: string;
  material_name: string;
  file_id: string;
  round: number;
  created_at: Date;
  file_name: string;
  file_size: number;
  file_mime: string;
}

export async function insertMaterials(
  tx: Tx,
  applicationId: string,
  round: number,
  items: { id: string; materialId: string; materialName: string; fileId: string }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO lic_material (id, application_id, material_id, material_name, file_id, round, created_at)
     SELECT i, $1, m, n, f, $2, $3 FROM unnest($4::uuid[], $5::text[], $6::text[], $7::uuid[]) AS t(i, m, n, f)`,
    [
      applicationId,
      round,
      now,
      items.map((i) => i.id),
      items.map((i) => i.materialId),
      items.map((i) => i.materialName),
      items.map((i) => i.fileId),
    ],
  );
}

export async function listMaterials(db: Queryable, applicationId: string): Promise<MaterialRow[]> {
  return many<MaterialRow>(
    db,
    `SELECT m.*, f.name AS file_name, f.size AS file_size, f.mime AS file_mime
     FROM lic_material m JOIN platform_file f ON f.id = m.file_id
     WHERE m.application_id = $1 ORDER BY m.round, m.created_at, m.id`,
    [applicationId],
  );
}

/**
 * Claims files for an application. Returns the ids already used by another application (nothing is
 * claimed then: the caller rolls back). One statement in the usual case: a file not inserted was
 * claimed before, by this application (a resubmission) or another.
 */
export async function claimFiles(tx: Tx, applicationId: string, fileIds: string[]): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return [];
  const inserted = await tx.query<{ file_id: string }>(
    `INSERT INTO lic_file_use (file_id, application_id) SELECT unnest($1::uuid[]), $2
     ON CONFLICT (file_id) DO NOTHING RETURNING file_id`,
    [unique, applicationId],
  );
  if (inserted.rows.length === unique.length) return [];
  const claimed = new Set(inserted.rows.map((r) => r.file_id));
  const taken = await many<{ file_id: string }>(
    tx,
    'SELECT file_id FROM lic_file_use WHERE file_id = ANY($1::uuid[]) AND application_id <> $2',
    [unique.filter((f) => !claimed.has(f)), applicationId],
  );
  return taken.map((r) => r.file_id);
}

export async function filesUsedElsewhere(
  db: Queryable,
  fileIds: string[],
  applicationId: string | null,
): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const r = await many<{ file_id: string }>(
    db,
    `SELECT file_id FROM lic_file_use WHERE file_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR application_id <> $2)`,
    [fileIds, applicationId],
  );
  return r.map((x) => x.file_id);
}

// ---------------------------------------------------------------- documents

export type DocumentKind =
  | 'receipt'
  | 'acceptance'
  | 'rejection'
  | 'correction'
  | 'fee_notice'
  | 'approval'
  | 'denial';

/** What a document says; the PDF is rendered from it. `{{queryCode}}` is filled in at rendering. */
export interface DocumentContent {
  title: string;
  unitName: string;
  number: string;
  date: string;
  recipient: string;
  paragraphs: string[];
  table: { head: string[]; rows: string[][]; widths?: number[] } | null;
}

export interface DocumentRow {
  id: string;
  application_id: string;
  case_id: string | null;
  kind: DocumentKind;
  title: string;
  number: string;
  content: DocumentContent;
  file_id: string | null;
  issued_on: string;
  created_at: Date;
}

export async function insertDocument(
  tx: Tx,
  d: {
    id: string;
    applicationId: string;
    caseId: string | null;
    kind: DocumentKind;
    content: DocumentContent;
    issuedOn: string;
    now: Date;
  },
): Promise<DocumentRow> {
  return one<DocumentRow>(
    tx,
    `INSERT INTO lic_document (id, application_id, case_id, kind, title, number, content, issued_on, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
    [
      d.id,
      d.applicationId,
      d.caseId,
      d.kind,
      d.content.title,
      d.content.number,
      JSON.stringify(d.content),
      d.issuedOn,
      d.now,
    ],
  );
}

/** Records the rendered file unless another process was first; returns the file id that stands. */
export async function setDocumentFile(tx: Tx, id: string, fileId: string): Promise<string> {
  const r = await one<{ file_id: string }>(
    tx,
    `UPDATE lic_document SET file_id = coalesce(file_id, $2) WHERE id = $1 RETURNING file_id`,
    [id, fileId],
  );
  return r.file_id;
}

export async function findDocumentById(db: Queryable, id: string): Promise<DocumentRow | null> {
  return maybeOne<DocumentRow>(db, 'SELECT * FROM lic_document WHERE id = $1', [id]);
}

export async function listDocuments(db: Queryable, applicationId: string): Promise<DocumentRow[]> {
  return many<DocumentRow>(
    db,
    'SELECT * FROM lic_document WHERE application_id = $1 ORDER BY created_at, id',
    [applicationId],
  );
}

export async function findDocument(
  db: Queryable,
  applicationId: string,
  documentId: string,
): Promise<DocumentRow | null> {
  return maybeOne<DocumentRow>(db, 'SELECT * FROM lic_document WHERE id = $1 AND application_id = $2', [
    documentId,
    applicationId,
  ]);
}

// ---------------------------------------------------------------- fees

export interface FeeLine {
  name: string;
  standard: string;
  basis: string;
  amountFen: number;
}

export interface FeeNoticeRow {
  id: string;
  application_id: string;
  case_id: string;
  lines: FeeLine[];
  standard_fen: number;
  total_fen: number;
  status: 'due' | 'paid' | 'waived';
  document_id: string | null;
  issued_on: string;
  created_at: Date;
  paid_at: Date | null;
}

export interface PaymentRow {
  id: string;
  notice_id: string;
  application_id: string;
  amount_fen: number;
  standard_fen: number;
  method: 'cash' | 'pos' | 'transfer' | 'online';
  reference: string;
  recorded_by: string | null;
  recorded_by_name: string | null;
  adapter: string | null;
  recorded_at: Date;
}

export async function findFeeNotice(db: Queryable, applicationId: string): Promise<FeeNoticeRow | null> {
  return maybeOne<FeeNoticeRow>(db, 'SELECT * FROM lic_fee_notice WHERE application_id = $1', [
    applicationId,
  ]);
}

export async function findFeeNoticeForUpdate(tx: Tx, applicationId: string): Promise<FeeNoticeRow | null> {
  return maybeOne<FeeNoticeRow>(tx, 'SELECT * FROM lic_fee_notice WHERE application_id = $1 FOR UPDATE', [
    applicationId,
  ]);
}

export async function insertFeeNotice(
  tx: Tx,
  n: {
    id: string;
    applicationId: string;
    caseId: string;
    lines: FeeLine[];
    standardFen: number;
    totalFen: number;
    status: 'due' | 'waived';
    issuedOn: string;
    now: Date;
  },
): Promise<FeeNoticeRow | null> {
  // One notice per case: a second entry into the fee step (after a return) keeps the first notice.
  return maybeOne<FeeNoticeRow>(
    tx,
    `INSERT INTO lic_fee_notice (id, application_id, case_id, lines, standard_fen, total_fen, status, issued_on, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING *`,
    [
      n.id,
      n.applicationId,
      n.caseId,
      JSON.stringify(n.lines),
      n.standardFen,
      n.totalFen,
      n.status,
      n.issuedOn,
      n.now,
    ],
  );
}

export async function setFeeNoticeDocument(tx: Tx, noticeId: string, documentId: string): Promise<void> {
  await tx.query('UPDATE lic_fee_notice SET document_id = $2 WHERE id = $1', [noticeId, documentId]);
}

export async function markFeeNoticePaid(tx: Tx, noticeId: string, now: Date): Promise<void> {
  await tx.query(`UPDATE lic_fee_notice SET status = 'paid', paid_at = $2 WHERE id = $1`, [noticeId, now]);
}

export async function insertPayment(
  tx: Tx,
  p: {
    id: string;
    noticeId: string;
    applicationId: string;
    amountFen: number;
    standardFen: number;
    method: PaymentRow['method'];
    reference: string;
    recordedBy: string | null;
    adapter: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO lic_payment (id, notice_id, application_id, amount_fen, standard_fen, method, reference, recorded_by, adapter, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [
      p.id,
      p.noticeId,
      p.applicationId,
      p.amountFen,
      p.standardFen,
      p.method,
      p.reference,
      p.recordedBy,
      p.adapter,
      p.now,
    ],
  );
}

export async function listPayments(db: Queryable, noticeId: string): Promise<PaymentRow[]> {
  return many<PaymentRow>(
    db,
    `SELECT p.*, u.display_name AS recorded_by_name FROM lic_payment p LEFT JOIN idn_user u ON u.id = p.recorded_by
     WHERE p.notice_id = $1 ORDER BY p.recorded_at, p.id`,
    [noticeId],
  );
}

// ---------------------------------------------------------------- corrections

export interface CorrectionItem {
  materialId: string | null;
  name: string;
  problem: string;
}

export interface CorrectionRow {
  id: string;
  application_id: string;
  round: number;
  items: CorrectionItem[];
  comment: string | null;
  requested_by: string | null;
  requested_at: Date;
  requested_on: string;
  resolved_at: Date | null;
  document_id: string | null;
}

export async function insertCorrection(
  tx: Tx,
  c: {
    id: string;
    applicationId: string;
    round: number;
    items: CorrectionItem[];
    comment: string | null;
    requestedBy: string | null;
    requestedOn: string;
    now: Date;
  },
): Promise<CorrectionRow> {
  return one<CorrectionRow>(
    tx,
    `INSERT INTO lic_correction (id, application_id, round, items, comment, requested_by, requested_at, requested_on)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
    [c.id, c.applicationId, c.round, JSON.stringify(c.items), c.comment, c.requestedBy, c.now, c.requestedOn],
  );
}

export async function setCorrectionDocument(tx: Tx, id: string, documentId: string): Promise<void> {
  await tx.query('UPDATE lic_correction SET document_id = $2 WHERE id = $1', [id, documentId]);
}

export async function latestCorrection(db: Queryable, applicationId: string): Promise<CorrectionRow | null> {
  return maybeOne<CorrectionRow>(
    db,
    'SELECT * FROM lic_correction WHERE application_id = $1 ORDER BY round DESC LIMIT 1',
    [applicationId],
  );
}

export async function resolveCorrection(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query('UPDATE lic_correction SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL', [
    id,
    now,
  ]);
}

// ---------------------------------------------------------------- drafts

export interface DraftRow {
  id: string;
  applicant_user_id: string;
  item_id: string;
  item_name: string;
  form_enc: string;
  materials: { materialId: string; fileId: string }[];
  created_at: Date;
  updated_at: Date;
}

export async function insertDraft(
  tx: Tx,
  d: {
    id: string;
    userId: string;
    itemId: string;
    itemName: string;
    formEnc: string;
    materials: { materialId: string; fileId: string }[];
    now: Date;
  },
): Promise<DraftRow> {
  return one<DraftRow>(
    tx,
    `INSERT INTO lic_draft (id, applicant_user_id, item_id, item_name, form_enc, materials, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING *`,
    [d.id, d.userId, d.itemId, d.itemName, d.formEnc, JSON.stringify(d.materials), d.now],
  );
}

export async function updateDraft(
  tx: Tx,
  id: string,
  d: { formEnc: string; materials: { materialId: string; fileId: string }[]; now: Date },
): Promise<DraftRow> {
  return one<DraftRow>(
    tx,
    `UPDATE lic_draft SET form_enc = $2, materials = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [id, d.formEnc, JSON.stringify(d.materials), d.now],
  );
}

export async function findDraft(db: Queryable, id: string): Promise<DraftRow | null> {
  return maybeOne<DraftRow>(db, 'SELECT * FROM lic_draft WHERE id = $1', [id]);
}

export async function deleteDraft(tx: Tx, id: string): Promise<boolean> {
  const r = await tx.query('DELETE FROM lic_draft WHERE id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

export async function countDrafts(db: Queryable, userId: string): Promise<number> {
  return (
    await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM lic_draft WHERE applicant_user_id = $1', [
      userId,
    ])
  ).n;
}

export async function listDraftsOf(db: Queryable, userId: string): Promise<DraftRow[]> {
  return many<DraftRow>(db, 'SELECT * FROM lic_draft WHERE applicant_user_id = $1 ORDER BY updated_at DESC', [
    userId,
  ]);
}

// ---------------------------------------------------------------- Art. 32

/** Applications still waiting for an acceptance decision whose 5-working-day window ended before `today`. */
export async function listOverdueAcceptances(db: Queryable, today: string, limit: number): Promise<string[]> {
  const r = await many<{ id: string }>(
    db,
    `SELECT id FROM lic_application
     WHERE acceptance_pending AND status = 'submitted' AND acceptance_due_on < $1
     ORDER BY acceptance_due_on, id LIMIT $2`,
    [today, limit],
  );
  return r.map((x) => x.id);
}

/** Pending acceptances whose window could not be computed (calendar year missing at the time). */
export async function listAcceptancesWithoutDueDate(db: Queryable, limit: number): Promise<ApplicationRow[]> {
  return many<ApplicationRow>(
    db,
    `SELECT * FROM lic_application WHERE acceptance_pending AND status = 'submitted' AND acceptance_due_on IS NULL
       AND acceptance_window_from IS NOT NULL LIMIT $1`,
    [limit],
  );
}

/** The fee of a case as supervision compares it: the standard amount, the amount due and what was paid. */
export async function feeOfCase(
  db: Queryable,
  caseId: string,
): Promise<{ standardFen: number; dueFen: number; paidFen: number; status: FeeNoticeRow['status'] } | null> {
  const r = await maybeOne<{
    standard_fen: number;
    total_fen: number;
    paid_fen: number;
    status: FeeNoticeRow['status'];
  }>(
    db,
    `SELECT n.standard_fen, n.total_fen, n.status, coalesce(sum(p.amount_fen), 0)::bigint AS paid_fen
     FROM lic_fee_notice n LEFT JOIN lic_payment p ON p.notice_id = n.id
     WHERE n.case_id = $1 GROUP BY n.id`,
    [caseId],
  );
  return r
    ? { standardFen: r.standard_fen, dueFen: r.total_fen, paidFen: r.paid_fen, status: r.status }
    : null;
}
