// Extensions of the handling period (行政许可法 第四十二条: 经本行政机关负责人批准，可以延长，并告知申请人).
// A handler asks, someone holding case.extend.approve over the unit decides; approved days are added
// to both periods and the applicant is told in their inbox.
import type { Actor } from '../../../platform/audit/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { many, maybeOne, type Queryable, type Tx } from '../../../platform/db/pool.ts';
import { platformErrors } from '../../../platform/http/errors.ts';
import { workflowErrors } from '../workflow.errors.ts';
import type { CaseRecord } from '../workflow.types.ts';
import { actorForUser, addTimeline } from './cases.ts';
import { _writeDeadlines, emitCaseEvent, isClosed, mustGetLocked, reload } from './engine.ts';

export interface ExtensionRecord {
  id: string;
  caseId: string;
  days: number;
  reason: string;
  status: 'requested' | 'approved' | 'rejected';
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

interface ExtensionRow {
  id: string;
  case_id: string;
  days: number;
  reason: string;
  status: ExtensionRecord['status'];
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
}

const SELECT = `SELECT e.*, ru.display_name AS requested_by_name, du.display_name AS decided_by_name
  FROM wf_extension e LEFT JOIN idn_user ru ON ru.id = e.requested_by LEFT JOIN idn_user du ON du.id = e.decided_by`;

function toRecord(r: ExtensionRow): ExtensionRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    days: r.days,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at.toISOString(),
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decisionComment: r.decision_comment,
  };
}

export async function extensionsOf(db: Queryable, caseId: string): Promise<ExtensionRecord[]> {
  return (
    await many<ExtensionRow>(db, `${SELECT} WHERE e.case_id = $1 ORDER BY e.requested_at`, [caseId])
  ).map(toRecord);
}

function unitWord(c: CaseRecord): string {
  return (c.legal ?? c.promised)?.unit === 'natural' ? '日' : '个工作日';
}

export async function requestExtension(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  p: { days: number; reason: string; actorUserId: string | null; auditActor?: Actor },
): Promise<{ extension: ExtensionRecord; case: CaseRecord }> {
  const c = await mustGetLocked(tx, caseId);
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  if (!c.legal && !c.promised) throw workflowErrors.NO_DEADLINE();
  if (!Number.isInteger(p.days) || p.days < 1 || p.days > 365)
    throw platformErrors.UNPROCESSABLE('days', '延长天数应为 1–365 的整数');
  const reason = p.reason.trim();
  if (!reason) throw platformErrors.UNPROCESSABLE('reason', '请填写延长理由');
  const pending = await maybeOne(
    tx,
    `SELECT 1 FROM wf_extension WHERE case_id = $1 AND status = 'requested'`,
    [caseId],
  );
  if (pending) throw workflowErrors.EXTENSION_PENDING();
  const id = newId();
  await tx.query(
    `INSERT INTO wf_extension (id, case_id, days, reason, requested_by, requested_at) VALUES ($1,$2,$3,$4,$5,$6)`,
    [id, caseId, p.days, reason, p.actorUserId, ctx.clock.now()],
  );
  await addTimeline(tx, caseId, {
    kind: 'extension_requested',
    title: `申请延长办理期限 ${p.days} ${unitWord(c)}`,
    comment: reason,
    actorUserId: p.actorUserId,
    data: { extensionId: id, days: p.days },
    public: false,
    at: ctx.clock.now(),
  });
  await ctx.audit.record(tx, p.auditActor ?? (await actorForUser(tx, p.actorUserId)), {
    action: 'case.extension.request',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} 申请延长办理期限 ${p.days} 天：${reason}`,
  });
  const row = await maybeOne<ExtensionRow>(tx, `${SELECT} WHERE e.id = $1`, [id]);
  return { extension: toRecord(row as ExtensionRow), case: c };
}

export async function decideExtension(
  tx: Tx,
  ctx: AppContext,
  caseId: string,
  extensionId: string,
  p: { approve: boolean; comment?: string | null; actorUserId: string | null; auditActor?: Actor },
): Promise<{ extension: ExtensionRecord; case: CaseRecord }> {
  if (!UUID_RE.test(extensionId)) throw workflowErrors.EXTENSION_NOT_FOUND();
  const c = await mustGetLocked(tx, caseId);
  const ext = await maybeOne<ExtensionRow>(tx, `${SELECT} WHERE e.id = $1 AND e.case_id = $2`, [
    extensionId,
    caseId,
  ]);
  if (!ext) throw workflowErrors.EXTENSION_NOT_FOUND();
  if (ext.status !== 'requested') throw workflowErrors.EXTENSION_DECIDED();
  if (isClosed(c)) throw workflowErrors.CASE_CLOSED();
  const comment = p.comment?.trim() || null;
  await tx.query(
    `UPDATE wf_extension SET status = $2, decided_by = $3, decided_at = $4, decision_comment = $5 WHERE id = $1`,
    [extensionId, p.approve ? 'approved' : 'rejected', p.actorUserId, ctx.clock.now(), comment],
  );
  let after = c;
  if (p.approve) {
    await _writeDeadlines(tx, ctx, caseId, { ...c, extendedDays: c.extendedDays + ext.days });
    after = await reload(tx, caseId);
    const deadline = after.legalDeadline ?? after.promisedDeadline;
    await addTimeline(tx, caseId, {
      kind: 'extended',
      title: `经负责人批准，办理期限延长 ${ext.days} ${unitWord(c)}${deadline ? `，延长至 ${deadline}` : ''}`,
      comment: ext.reason,
      actorUserId: p.actorUserId,
      data: {
        extensionId,
        days: ext.days,
        legalDeadline: after.legalDeadline,
        promisedDeadline: after.promisedDeadline,
      },
      at: ctx.clock.now(),
    });
    await emitCaseEvent(tx, ctx, after, 'case.extended', { days: ext.days, extensionId }, p.actorUserId);
    if (c.applicantUserId) {
      await ctx.notify.inbox(tx, {
        userId: c.applicantUserId,
        title: `您的办件 ${c.number} 办理期限已延长`,
        body: `您申请的“${c.subject}”因${ext.reason}，经本机关负责人批准，办理期限延长 ${ext.days} ${unitWord(c)}${
          deadline ? `，将于 ${deadline} 前办结` : ''
        }。`,
      });
    }
  } else {
    await addTimeline(tx, caseId, {
      kind: 'extension_rejected',
      title: `延长办理期限的申请未获批准`,
      comment,
      actorUserId: p.actorUserId,
      data: { extensionId, days: ext.days },
      public: false,
      at: ctx.clock.now(),
    });
  }
  await ctx.audit.record(tx, p.auditActor ?? (await actorForUser(tx, p.actorUserId)), {
    action: 'case.extension.decide',
    objectType: 'case',
    objectId: caseId,
    summary: `办件 ${c.number} 延期申请（${ext.days} 天）${p.approve ? '批准' : '不予批准'}`,
    changes: p.approve
      ? {
          legalDeadline: { before: c.legalDeadline, after: after.legalDeadline },
          extendedDays: { before: c.extendedDays, after: after.extendedDays },
        }
      : null,
  });
  const row = await maybeOne<ExtensionRow>(tx, `${SELECT} WHERE e.id = $1`, [extensionId]);
  return { extension: toRecord(row as ExtensionRow), case: after };
}
