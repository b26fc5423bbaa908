// Electronic supervision (电子监察, DOMAIN §2.6) of every case the engine runs: green/yellow/red levels
// per case and per step (a sweep every five minutes and right after midnight, plus an immediate
// re-evaluation on every engine event), anomalies, alerts to handlers, unit heads and supervisors,
// supervise orders (督办) on the engine, the dashboard, scorecards and the published ranking.
// Other modules use only what this file exports.
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { withTx } from '../../platform/db/pool.ts';
import type { DomainEvent } from '../../platform/events/events.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import type { ModuleManifest } from '../registry.ts';
import { ALERT_QUEUE, deliverPendingAlerts, scheduleAlerts } from './alerts.ts';
import { evaluateCaseIn, recordAnomaly } from './evaluate.ts';
import { ensureOrderProcess, registerOrderCaseType } from './orders.ts';
import { registerDashboardRoutes } from './routes/dashboard.routes.ts';
import { registerOrderRoutes } from './routes/orders.routes.ts';
import { registerPublicSupervisionRoutes } from './routes/public.routes.ts';
import './supervision.permissions.ts';
import { type SweepResult, sweepLevels } from './sweep.ts';
import { yuan } from '../../../../shared/money.ts';

export const SWEEP_QUEUE = 'supervision.sweep';
const SWEEP_EVERY_SECONDS = 300;
const MIDNIGHT_KEY = 'supervision.sweep.midnight';

/** Engine events after which a case is re-evaluated at once. */
export const EVALUATED_EVENTS = [
  'case.opened',
  'task.opened',
  'task.closed',
  'case.transitioned',
  'case.clock_started',
  'case.paused',
  'case.resumed',
  'case.extended',
  'case.completed',
  // A calendar change moved the case's or its steps' deadlines (workflow/engine/recompute.ts): the
  // sweep only raises levels, so a deadline moved later would otherwise stay red.
  'case.deadlines_recomputed',
] as const;

/** The fee event of licensing (licensing.fees.ts): payload {caseId, amountFen, standardFen}. */
export const FEE_EVENTS = ['licensing.fee_paid'] as const;

registerOrderCaseType();

/** One sweep as of the clock's today; rising changes are handed to the alert job. */
export async function runSupervisionSweep(ctx: AppContext): Promise<SweepResult> {
  const now = ctx.clock.now();
  const result = await sweepLevels(ctx.pool, shanghaiDate(now), now);
  if (result.alerts > 0) await scheduleAlerts(ctx.pool);
  if (result.cases + result.tasks + result.anomalies > 0)
    ctx.log.info({ sweep: result }, 'supervision sweep');
  return result;
}

/** Re-evaluates one case now (what the event subscribers do); returns what changed. */
export async function evaluateCase(ctx: AppContext, caseId: string) {
  return withTx(ctx.pool, async (tx) => {
    const r = await evaluateCaseIn(tx, ctx, caseId);
    if (r.alerts > 0) await scheduleAlerts(tx);
    return r;
  });
}

/** Sends every pending alert (the alert job; tests call it through ctx.jobs.drain()). */
export async function deliverAlerts(ctx: AppContext): Promise<number> {
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const n = await deliverPendingAlerts(ctx);
    total += n;
    if (n === 0) return total;
  }
  // More than 50 batches at once (a first sweep over a large backlog): continue in a new job.
  await scheduleAlerts(ctx.pool);
  return total;
}

function caseIdOf(e: DomainEvent): string | null {
  const id = e.payload.caseId ?? (e.aggregateType === 'case' ? e.aggregateId : null);
  return typeof id === 'string' ? id : null;
}

async function checkFee(ctx: AppContext, e: DomainEvent): Promise<void> {
  const caseId = caseIdOf(e);
  const amount = Number(e.payload.amountFen);
  const standard = Number(e.payload.standardFen);
  if (!caseId || !Number.isFinite(amount) || !Number.isFinite(standard) || amount === standard) return;
  await recordAnomaly(ctx.pool, {
    caseId,
    kind: 'fee_mismatch',
    detail: `实收 ${yuan(amount)} 元，与收费标准 ${yuan(standard)} 元不一致`,
    at: ctx.clock.now(),
  });
}

export const supervisionModule: ModuleManifest = {
  name: 'supervision',
  async init(ctx) {
    await ensureOrderProcess(ctx.pool);
  },
  register(app, ctx) {
    registerDashboardRoutes(app, ctx);
    registerOrderRoutes(app, ctx);
    registerPublicSupervisionRoutes(app, ctx);
  },
  registerJobs(ctx) {
    ctx.jobs.register(SWEEP_QUEUE, async () => {
      await runSupervisionSweep(ctx);
      // Also right after midnight (Asia/Shanghai), when most levels change, whatever the 5-minute
      // rhythm; the singleton key keeps one such run queued.
      const tomorrow = addCalendarDays(shanghaiDate(ctx.clock.now()), 1);
      await enqueueJob(
        ctx.pool,
        SWEEP_QUEUE,
        { midnight: tomorrow },
        {
          runAt: new Date(`${tomorrow}T00:00:30+08:00`),
          singletonKey: MIDNIGHT_KEY,
        },
      );
    });
    ctx.jobs.schedule(SWEEP_QUEUE, SWEEP_QUEUE, SWEEP_EVERY_SECONDS);
    ctx.jobs.register(ALERT_QUEUE, async () => {
      await deliverAlerts(ctx);
    });
    const evaluate = async (e: DomainEvent) => {
      const caseId = caseIdOf(e);
      if (caseId) await evaluateCase(ctx, caseId);
    };
    // It reads the case as committed: one evaluation per transaction and case, whatever moved in it.
    ctx.events.subscribe(EVALUATED_EVENTS, 'supervision.evaluate', evaluate, { oncePerTransaction: true });
    // Jobs queued under the earlier per-type names before an upgrade.
    for (const type of EVALUATED_EVENTS) ctx.events.handle(`event:supervision.evaluate.${type}`, evaluate);
    for (const type of FEE_EVENTS) {
      ctx.events.subscribe(type, `supervision.fee.${type}`, (e) => checkFee(ctx, e));
    }
  },
  async seedDemo(ctx, progress) {
    // Demo cases were opened in the past: give them their levels before the first page is served.
    const r = await runSupervisionSweep(ctx);
    progress(`电子监察：${r.cases} 件办件、${r.tasks} 个环节更新红黄绿灯，发现 ${r.anomalies} 项异常`);
  },
};

export { ORDER_CASE_TYPE, ORDER_PROCESS_CODE } from './orders.ts';
export { ANOMALY_NAMES, type AnomalyKind, LEVEL_NAMES, levelOn } from './supervision.rules.ts';
export { type SweepResult, sweepLevels } from './sweep.ts';
export { computeScorecards, publicRanking } from './use-cases/scorecards.ts';
