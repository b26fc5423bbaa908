// The licensing case type on the engine ('licence', 行政许可). The item's process decides the steps;
// these hooks give the standard actions their legal meaning (行政许可法 Art. 32, 38): 受理 issues the
// 受理通知书, 不予受理 and 不予许可 need reasons and carry the remedies, 补正 lists every missing or
// defective material at once and is only possible within 5 working days of receipt, a fee wait step
// issues the one payment notice, and approval issues the decision and the electronic licence.
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { getUserSummary } from '../identity/index.ts';
import { issueLicence } from '../licences/index.ts';
import { computeFees, type ServiceItem } from '../services/index.ts';
import {
  type ActionEvent,
  addTimeline,
  type CaseRecord,
  registerCaseType,
  SIGNAL_FEE_PAID,
  SIGNAL_RESUBMITTED,
  type StepDef,
  startClock,
} from '../workflow/index.ts';
import { acceptanceDueOn } from './licensing.deadlines.ts';
import {
  cnDate,
  documentTitle,
  issueDocument,
  limitText,
  remediesSentence,
  rmbUpper,
  yuan,
} from './licensing.documents.ts';
import { licensingErrors } from './licensing.errors.ts';
import { itemFacts } from './licensing.item.ts';
import { notifyApplicant } from './licensing.notify.ts';
import {
  type ApplicationRow,
  type CorrectionItem,
  findApplicationByCaseForUpdate,
  findApplicationForUpdate,
  findFeeNotice,
  insertCorrection,
  insertFeeNotice,
  setCorrectionDocument,
  setFeeNoticeDocument,
  updateApplication,
} from './licensing.repository.ts';
import { FINAL_STATUSES, STATUS_NAMES, statusOfOutcome } from './licensing.status.ts';

export const LICENCE_CASE_TYPE = 'licence';
export const APPLICATION_REF_TYPE = 'licence_application';
// The wait signals of the standard licensing processes (workflow/standard-definitions.ts).
export { SIGNAL_FEE_PAID, SIGNAL_RESUBMITTED };
/** Job that releases a fee wait when nothing is due (free items) or the fee was settled before the wait. */
export const FEE_SETTLED_QUEUE = 'licensing.fee-settled';

export const ART32_TEXT =
  '依照《中华人民共和国行政许可法》第三十二条，申请材料不齐全或者不符合法定形式的，行政机关应当当场或者在五日内一次性告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理。';

const CORRECTION_MAX_ITEMS = 50;

/** The application behind a licence case, locked for the rest of the transaction. */
async function applicationOf(tx: Tx, c: CaseRecord): Promise<ApplicationRow | null> {
  if (c.caseType !== LICENCE_CASE_TYPE) return null;
  if (c.refType === APPLICATION_REF_TYPE && c.refId) return findApplicationForUpdate(tx, c.refId);
  return findApplicationByCaseForUpdate(tx, c.id);
}

/** The audit actor of a decision taken by `userId` inside an engine transition (no request at hand). */
async function actorFor(tx: Tx, userId: string | null): Promise<Actor> {
  if (!userId) return systemActor;
  const u = await getUserSummary(tx, userId);
  return {
    ...systemActor,
    userId,
    name: u ? `${u.displayName}（${u.username}）` : '系统',
    orgId: u?.orgId ?? null,
  };
}

function isAcceptanceStep(step: StepDef): boolean {
  return step.type === 'task' && (step.actions ?? []).some((a) => a.key === 'accept');
}

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? v.trim().slice(0, max + 1) : '';
}

/** Validates data.items of a correction request: every entry names the material and its problem. */
export function parseCorrectionItems(
  data: Record<string, unknown>,
  snapshot: Record<string, unknown>,
): CorrectionItem[] {
  const raw = data.items;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw licensingErrors.CORRECTION_ITEMS_INVALID(
      'data.items',
      '请逐项列出需要补正的材料及存在的问题（至少一项）',
    );
  }
  if (raw.length > CORRECTION_MAX_ITEMS) {
    throw licensingErrors.CORRECTION_ITEMS_INVALID(
      'data.items',
      `一次告知最多列出 ${CORRECTION_MAX_ITEMS} 项`,
    );
  }
  const materials = new Map(itemFacts(snapshot).materials.map((m) => [m.id, m]));
  const problems: { field: string; message: string }[] = [];
  const items: CorrectionItem[] = [];
  raw.forEach((entry, i) => {
    const path = `data.items[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ field: path, message: '应为包含材料名称和问题说明的对象' });
      return;
    }
    const e = entry as Record<string, unknown>;
    let materialId: string | null = null;
    if (e.materialId !== undefined && e.materialId !== null) {
      if (typeof e.materialId !== 'string' || !materials.has(e.materialId)) {
        problems.push({ field: `${path}.materialId`, message: '该材料不属于本事项的申请材料目录' });
      } else materialId = e.materialId;
    }
    let name = text(e.name, 100);
    if (!name && materialId) name = materials.get(materialId)?.name ?? '';
    if (!name) problems.push({ field: `${path}.name`, message: '请填写需要补正的材料名称' });
    else if (name.length > 100)
      problems.push({ field: `${path}.name`, message: '材料名称不能超过 100 个字' });
    const problem = text(e.problem, 500);
    if (!problem) problems.push({ field: `${path}.problem`, message: '请说明存在的问题及补正要求' });
    else if (problem.length > 500)
      problems.push({ field: `${path}.problem`, message: '问题说明不能超过 500 个字' });
    const unknown = Object.keys(e).filter((k) => k !== 'materialId' && k !== 'name' && k !== 'problem');
    for (const k of unknown) problems.push({ field: `${path}.${k}`, message: '不允许的字段' });
    items.push({ materialId, name, problem });
  });
  if (problems.length) throw licensingErrors.CORRECTION_ITEMS_INVALID(problems);
  return items;
}

function requireReason(comment: string | null, what: string): void {
  if (!comment) throw licensingErrors.COMMENT_REQUIRED('comment', `${what}须写明理由`);
}

// ---------------------------------------------------------------- before

async function beforeAction(tx: Tx, ctx: AppContext, a: ActionEvent): Promise<void> {
  const app = await applicationOf(tx, a.case);
  if (!app) return;
  const now = ctx.clock.now();
  const today = shanghaiDate(ctx.clock.now());
  switch (a.action.key) {
    case 'request-correction': {
      parseCorrectionItems(a.data, app.item_snapshot);
      // Art. 32 (四): the notice is due within 5 working days of receipt; later, the case already counts
      // as accepted (the Art. 32 job, or the next 受理, starts the clock on the receipt date).
      if (app.acceptance_due_on && today > app.acceptance_due_on) {
        throw licensingErrors.CORRECTION_TOO_LATE(
          'action',
          `补正告知期限已于 ${app.acceptance_due_on} 届满。${ART32_TEXT}本件应予受理，不能再要求补正。`,
        );
      }
      return;
    }
    case 'accept': {
      // Acceptance after the window dates back to the day the materials arrived (Art. 32).
      const late = !!app.acceptance_due_on && today > app.acceptance_due_on;
      await updateApplication(
        tx,
        app.id,
        {
          acceptancePending: false,
          acceptedOn: late ? (app.acceptance_window_from ?? app.received_on) : today,
          autoAccepted: late && a.actorUserId === null,
        },
        now,
      );
      return;
    }
    case 'reject':
      requireReason(a.comment, '不予受理');
      await updateApplication(tx, app.id, { decisionReason: a.comment, acceptancePending: false }, now);
      return;
    case 'deny':
      requireReason(a.comment, '不予许可');
      await updateApplication(tx, app.id, { decisionReason: a.comment }, now);
      return;
  }
}

// ---------------------------------------------------------------- after

async function afterAction(
  tx: Tx,
  ctx: AppContext,
  a: ActionEvent & { enteredSteps: string[] },
): Promise<void> {
  const app = await applicationOf(tx, a.case);
  if (!app) return;
  if (a.action.key === 'accept') await accepted(tx, ctx, app, a);
  else if (a.action.key === 'request-correction') await correctionRequested(tx, ctx, app, a);
}

async function accepted(tx: Tx, ctx: AppContext, app: ApplicationRow, a: ActionEvent): Promise<void> {
  const today = shanghaiDate(ctx.clock.now());
  const acceptedOn = app.accepted_on ?? today;
  const late = acceptedOn < today;
  let c: CaseRecord = a.case;
  // The clock runs from the acceptance date, whatever effects the item's process gives the action.
  if (c.clockStartedOn !== acceptedOn && c.status !== 'completed' && c.status !== 'cancelled') {
    c = await startClock(tx, ctx, c.id, acceptedOn);
  }
  if (late) {
    await addTimeline(tx, c.id, {
      kind: 'art32',
      title: `依法视为自 ${acceptedOn} 起受理`,
      comment: `${ART32_TEXT}本件于 ${acceptedOn} 收到申请材料，至 ${app.acceptance_due_on ?? '—'} 未作出受理决定或一次性告知补正，视为自该日起受理，办理期限自该日次日起计算。`,
      actorUserId: a.actorUserId,
      data: { receivedOn: acceptedOn, acceptanceDueOn: app.acceptance_due_on },
      public: true,
      at: ctx.clock.now(),
    });
  }
  const facts = itemFacts(app.item_snapshot);
  const receivedOn = app.acceptance_window_from ?? app.received_on;
  const paragraphs = late
    ? [
        `你（单位）于${cnDate(receivedOn)}提交的“${facts.name}”申请（办件编号：${app.case_number}），本机关未在收到申请材料之日起5个工作日内作出受理决定或者一次性告知补正。依照《中华人民共和国行政许可法》第三十二条的规定，自收到申请材料之日即${cnDate(acceptedOn)}起即为受理。`,
      ]
    : [
        `你（单位）于${cnDate(receivedOn)}提交的“${facts.name}”申请（办件编号：${app.case_number}），申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定予以受理。`,
      ];
  paragraphs.push(
    `受理日期：${cnDate(acceptedOn)}。本事项法定办结时限为${limitText(facts.legal)}，承诺办结时限为${limitText(facts.promised)}，自受理之日的次日起计算（不含法定节假日；依法需要听证、检验、检测、专家评审等的时间不计算在内）。`,
    `本机关承诺于${cnDate(c.promisedDeadline)}前办结，法定办结期限截止于${cnDate(c.legalDeadline)}。`,
    '你（单位）可凭办件编号和查询码在网上办事大厅查询办理进度。',
  );
  await issueDocument(tx, ctx, app, { kind: 'acceptance', date: today, paragraphs });
  await notifyApplicant(tx, ctx, app, {
    title: `申请已受理：${facts.name}`,
    body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）已受理（受理日期 ${acceptedOn}），承诺办结期限 ${c.promisedDeadline ?? '—'}，请登录网上办事大厅查看《${documentTitle(app, 'acceptance')}》。`,
  });
}

async function correctionRequested(
  tx: Tx,
  ctx: AppContext,
  app: ApplicationRow,
  a: ActionEvent,
): Promise<void> {
  const items = parseCorrectionItems(a.data, app.item_snapshot);
  const now = ctx.clock.now();
  const today = shanghaiDate(ctx.clock.now());
  const round = app.correction_rounds + 1;
  const correction = await insertCorrection(tx, {
    id: newId(),
    applicationId: app.id,
    round,
    items,
    comment: a.comment,
    requestedBy: a.actorUserId,
    requestedOn: today,
    now,
  });
  const updated = await updateApplication(
    tx,
    app.id,
    { status: 'correction', correctionRounds: round, acceptancePending: false },
    now,
  );
  const facts = itemFacts(app.item_snapshot);
  const paragraphs = [
    `你（单位）于${cnDate(app.acceptance_window_from ?? app.received_on)}提交的“${facts.name}”申请（办件编号：${app.case_number}），申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现将需要补正的全部内容一次性告知如下（共${items.length}项，见下表）。`,
    ...(a.comment ? [`其他说明：${a.comment}`] : []),
    '请按要求一次性补正后，通过网上办事大厅“我的办件”重新提交。本机关自收到补正材料之日起5个工作日内作出是否受理的决定。补正期间不计入办理时限。',
  ];
  const doc = await issueDocument(tx, ctx, updated, {
    kind: 'correction',
    date: today,
    paragraphs,
    table: {
      head: ['序号', '材料名称', '存在的问题及补正要求'],
      rows: items.map((it, i) => [String(i + 1), it.name, it.problem]),
      widths: [1, 4, 8],
    },
  });
  await setCorrectionDocument(tx, correction.id, doc.id);
  await notifyApplicant(tx, ctx, updated, {
    title: `请补正申请材料：${facts.name}`,
    body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）需要补正 ${items.length} 项材料，请登录网上办事大厅查看《${doc.title}》并重新提交。`,
  });
}

// ---------------------------------------------------------------- steps

async function onStepEntered(tx: Tx, ctx: AppContext, c: CaseRecord, step: StepDef): Promise<void> {
  const app = await applicationOf(tx, c);
  if (!app || FINAL_STATUSES.has(app.status)) return;
  const now = ctx.clock.now();
  if (step.type === 'wait' && step.signal === SIGNAL_RESUBMITTED) {
    if (app.status !== 'correction') await updateApplication(tx, app.id, { status: 'correction' }, now);
    return;
  }
  if (step.type === 'wait' && step.signal === SIGNAL_FEE_PAID) {
    await feeStepEntered(tx, ctx, app, c);
    return;
  }
  if (isAcceptanceStep(step) && !app.accepted_on) {
    // A new acceptance window: from receipt at first, from the resubmission after a correction.
    const from = app.correction_rounds === 0 ? c.receivedOn : shanghaiDate(ctx.clock.now());
    const due =
      app.acceptance_window_from === from && app.acceptance_due_on
        ? app.acceptance_due_on
        : await acceptanceDueOn(ctx, from);
    await updateApplication(
      tx,
      app.id,
      {
        status: 'submitted',
        acceptanceStep: step.key,
        acceptancePending: true,
        acceptanceWindowFrom: from,
        acceptanceDueOn: due,
      },
      now,
    );
    return;
  }
  if (step.type === 'task' && app.status !== 'processing') {
    await updateApplication(tx, app.id, { status: 'processing' }, now);
  }
}

async function feeStepEntered(tx: Tx, ctx: AppContext, app: ApplicationRow, c: CaseRecord): Promise<void> {
  const now = ctx.clock.now();
  const existing = await findFeeNotice(tx, app.id);
  if (existing) {
    // One notice per case. Re-entering the wait after the fee was settled releases it at once.
    if (existing.status === 'due') await updateApplication(tx, app.id, { status: 'fee_due' }, now);
    else await enqueueJob(tx, FEE_SETTLED_QUEUE, { applicationId: app.id });
    return;
  }
  const form = JSON.parse(ctx.pii.decrypt(app.form_enc)) as Record<string, unknown>;
  const fees = computeFees(app.item_snapshot as unknown as ServiceItem, form);
  const lines = fees.lines.map((l) => ({
    name: l.name,
    standard: l.standard,
    basis: l.basis,
    amountFen: l.amountFen,
  }));
  const total = fees.totalFen;
  const today = shanghaiDate(ctx.clock.now());
  const notice = await insertFeeNotice(tx, {
    id: newId(),
    applicationId: app.id,
    caseId: c.id,
    lines,
    standardFen: total,
    totalFen: total,
    status: total === 0 ? 'waived' : 'due',
    issuedOn: today,
    now,
  });
  if (!notice) return;
  if (total === 0) {
    await addTimeline(tx, c.id, {
      kind: 'fee',
      title: '本事项不收费，无需缴费',
      data: { totalFen: 0 },
      public: true,
      at: ctx.clock.now(),
    });
    await enqueueJob(tx, FEE_SETTLED_QUEUE, { applicationId: app.id });
    return;
  }
  const updated = await updateApplication(tx, app.id, { status: 'fee_due' }, now);
  const facts = itemFacts(app.item_snapshot);
  const doc = await issueDocument(tx, ctx, updated, {
    kind: 'fee_notice',
    date: today,
    paragraphs: [
      `你（单位）申请的“${facts.name}”（办件编号：${app.case_number}）依法应缴纳下列费用，合计人民币${yuan(total)}元（大写：${rmbUpper(total)}）。`,
      '收费项目、标准和依据见下表。请持本通知书到办理窗口缴纳（现金、银行卡或转账），缴费后本机关继续办理。本通知书所列以外的任何收费，你（单位）有权拒绝并向监督投诉部门反映。',
    ],
    table: {
      head: ['收费项目', '收费标准', '收费依据', '金额（元）'],
      rows: lines.map((l) => [l.name, l.standard, l.basis, yuan(l.amountFen)]),
      widths: [3, 3, 4, 2],
    },
  });
  await setFeeNoticeDocument(tx, notice.id, doc.id);
  await addTimeline(tx, c.id, {
    kind: 'fee',
    title: `开具缴费通知书（应缴 ${yuan(total)} 元）`,
    data: { totalFen: total, documentId: doc.id },
    public: true,
    at: ctx.clock.now(),
  });
  await notifyApplicant(tx, ctx, updated, {
    title: `请缴纳费用：${facts.name}`,
    body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）应缴费用 ${yuan(total)} 元，请查看《缴费通知书》并到办理窗口缴纳。`,
  });
}

// ---------------------------------------------------------------- completion

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  // 2028-02-29 + 1 year has no 29 February: the anniversary falls on 1 March (the period then ends on 28 February).
  const candidate = `${y}-${md}`;
  const day = new Date(`${candidate}T00:00:00Z`);
  return day.toISOString().slice(0, 10) === candidate ? candidate : `${y}-03-01`;
}

/** Last day of a validity of `years` years starting on `from` (2026-11-24, 5 → 2031-11-23). */
export function validityEnd(from: string, years: number): string {
  return addCalendarDays(addYears(from, years), -1);
}

async function onCompleted(
  tx: Tx,
  ctx: AppContext,
  c: CaseRecord,
  outcome: string,
  actorUserId: string | null,
): Promise<void> {
  const app = await applicationOf(tx, c);
  if (!app || app.status === 'withdrawn') return;
  const now = ctx.clock.now();
  const today = shanghaiDate(ctx.clock.now());
  const status = statusOfOutcome(outcome);
  let updated = await updateApplication(
    tx,
    app.id,
    { status, decidedAt: now, acceptancePending: false },
    now,
  );
  const facts = itemFacts(app.item_snapshot);
  const received = cnDate(app.received_on);
  const head = `你（单位）于${received}提交的“${facts.name}”申请（办件编号：${app.case_number}）`;
  const accepted = app.accepted_on ? `，本机关已于${cnDate(app.accepted_on)}受理` : '';
  if (status === 'approved') {
    const paragraphs = [
      `${head}${accepted}。经审查，你（单位）的申请符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予${facts.isLicence ? '行政许可' : '办理'}。`,
    ];
    if (facts.issuesLicence) {
      const holderCode = app.holder_code_enc ? ctx.pii.decrypt(app.holder_code_enc) : '';
      const validUntil = facts.validityYears ? validityEnd(today, facts.validityYears) : null;
      const licence = await issueLicence(tx, ctx, {
        caseId: c.id,
        caseNumber: c.number,
        licenceName: facts.resultName,
        holderName: app.applicant_name,
        holderCode,
        holderKind: app.applicant_kind === 'citizen' ? 'person' : 'enterprise',
        orgId: app.org_id,
        validFrom: today,
        validUntil,
        holderUserId: app.applicant_user_id,
        actorUserId,
        data: { 事项名称: facts.name },
      });
      updated = await updateApplication(
        tx,
        app.id,
        { licenceId: licence.id, licenceNumber: licence.number, licenceVerifyUrl: licence.verifyUrl },
        now,
      );
      paragraphs.push(
        `本机关向你（单位）颁发电子证照《${facts.resultName}》，证照编号${licence.number}，有效期自${cnDate(today)}至${validUntil ? cnDate(validUntil) : '长期'}。电子证照与纸质证照具有同等效力，可在网上办事大厅“我的证照”中下载，扫描证照上的二维码可核验真伪。`,
      );
    }
    await issueDocument(tx, ctx, updated, { kind: 'approval', date: today, paragraphs });
    await notifyApplicant(tx, ctx, updated, {
      title: `${STATUS_NAMES.approved}：${facts.name}`,
      body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）已准予${facts.isLicence ? '许可' : '办理'}${updated.licence_number ? `，电子证照编号 ${updated.licence_number}` : ''}。欢迎对本次服务作出评价。`,
    });
  } else if (status === 'denied') {
    const reason = app.decision_reason ?? '申请不符合法定条件、标准';
    await issueDocument(tx, ctx, updated, {
      kind: 'denial',
      date: today,
      paragraphs: [
        `${head}${accepted}。经审查，你（单位）的申请不符合法定条件、标准，理由如下：${reason}`,
        `根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予${facts.isLicence ? '行政许可' : '办理'}。`,
        remediesSentence(app.item_snapshot),
      ],
    });
    await notifyApplicant(tx, ctx, updated, {
      title: `${STATUS_NAMES.denied}：${facts.name}`,
      body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）经审查不予${facts.isLicence ? '许可' : '办理'}，理由及救济途径见《${documentTitle(app, 'denial')}》。`,
    });
  } else if (status === 'not_accepted') {
    const reason = app.decision_reason ?? '申请事项依法不属于本机关受理范围';
    await issueDocument(tx, ctx, updated, {
      kind: 'rejection',
      date: today,
      paragraphs: [
        `${head}，经审查，因下列理由，根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定不予受理：${reason}`,
        remediesSentence(app.item_snapshot),
      ],
    });
    await notifyApplicant(tx, ctx, updated, {
      title: `${STATUS_NAMES.not_accepted}：${facts.name}`,
      body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）不予受理，理由及救济途径见《不予受理决定书》。`,
    });
  } else {
    await notifyApplicant(tx, ctx, updated, {
      title: `已办结：${facts.name}`,
      body: `您申请的“${facts.name}”（办件编号 ${app.case_number}）已办结，请登录网上办事大厅查看结果。`,
    });
  }
  await ctx.audit.record(tx, await actorFor(tx, actorUserId), {
    action: 'application.decide',
    objectType: 'application',
    objectId: app.id,
    summary: `申请 ${app.case_number}“${facts.name}”${STATUS_NAMES[status]}`,
    changes: { status: { before: app.status, after: status } },
  });
}

// ---------------------------------------------------------------- registration

registerCaseType({
  type: LICENCE_CASE_TYPE,
  name: '行政许可',
  beforeAction,
  afterAction,
  onStepEntered,
  onCompleted,
});
