// Demo applications for the demo service items, so inboxes, "my cases" and the supervision dashboard
// are alive on first start. Every case goes through the real use cases and engine actions, at a
// simulated past time: the seed runs each step with a copy of the context whose clock is set to the
// day (and hour) the step "happened", so receipt dates, clock starts, deadlines, timelines and
// documents all agree. Some cases are received long enough ago to be yellow or red now.
import { randomBytes } from 'node:crypto';
import { type Actor, systemActor } from '../../platform/audit/audit.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { many, maybeOne, withTx } from '../../platform/db/pool.ts';
import { renderOfficialPdf } from '../../platform/documents/pdf.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { LISHUI_REGIONS } from '../../platform/ids/gb2260.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import {
  type FormDefinition,
  type FormField,
  fieldVisible,
  getPublishedItem,
  listPublishedItems,
  prefillFor,
  type ServiceItem,
  validateFormData,
} from '../services/index.ts';
import { actOnTaskAsSystem, type CaseRecord, getCase, openTasksOf } from '../workflow/index.ts';
import { settleNotice } from './licensing.fees.ts';
import { itemFacts } from './licensing.item.ts';
import {
  findApplicationByCase,
  findApplicationForUpdate,
  findFeeNoticeForUpdate,
} from './licensing.repository.ts';
import { prepareSubmission, storeSubmission } from './use-cases/submit-application.ts';
import { releaseSettledFee } from './use-cases/release-settled-fee.ts';
import { withdrawApplication } from './use-cases/withdraw-application.ts';

type Story =
  | 'approved'
  | 'denied'
  | 'not_accepted'
  | 'correction'
  | 'pending'
  | 'pending_old'
  | 'yellow'
  | 'red'
  | 'parallel_half'
  | 'fee_due'
  | 'withdrawn';

/** Stories handed round the items after each item's first (approved) case. */
const ROTATION: readonly Story[] = [
  'red',
  'yellow',
  'correction',
  'pending',
  'denied',
  'red',
  'not_accepted',
  'yellow',
  'pending_old',
  'withdrawn',
];

const DEMO_ACTOR: Actor = { ...systemActor, name: '演示数据初始化' };

interface DemoApplicant {
  principal: Principal & { kind: 'citizen' | 'enterprise' };
}

/** Simulated time: `date` at `hour` o'clock in Asia/Shanghai. */
function instant(date: string, hour: number, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
}

function atTime(ctx: AppContext, when: Date): AppContext {
  return { ...ctx, clock: fixedClock(when) };
}

// ---------------------------------------------------------------- form values

const REGION_NAMES = new Map(LISHUI_REGIONS.map((r) => [r.code, r.name]));

function textFor(f: FormField, applicant: DemoApplicant, n: number): string {
  const label = f.label;
  const name = applicant.principal.displayName;
  const pick = (...xs: string[]) => xs[n % xs.length] as string;
  if (/名称|字号/.test(label)) return pick('瓯江小厨', '处州味道餐饮店', '好溪便利店', '青田石门茶社');
  if (/姓名|联系人|负责人|代表人|经营者/.test(label))
    return name.length <= 4 ? name : pick('周伟民', '叶建新', '季长青');
  if (/地址|场所|住所/.test(label))
    return pick('莲都区紫金街道人民街18号', '青田县鹤城街道龙津路66号', '龙泉市龙渊街道贤良路9号');
  if (/车牌|号牌/.test(label)) return pick('浙K3A127', '浙K8B956');
  if (/职务/.test(label)) return '负责人';
  if (/面积/.test(label)) return '120平方米';
  if (/范围|项目|内容/.test(label)) return pick('热食类食品制售', '预包装食品销售', '住宿、餐饮服务');
  if (/说明|备注|情况|理由/.test(label)) return pick('材料齐全，申请办理。', '按要求提交申请。');
  return pick('详见申请材料', '已按要求填写');
}

function fill(
  fields: readonly FormField[],
  prefill: Record<string, string>,
  applicant: DemoApplicant,
  n: number,
  today: string,
  top?: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!fieldVisible(f, fields, out, top ?? out)) continue;
    if (prefill[f.key] !== undefined && f.type !== 'group') {
      out[f.key] = prefill[f.key];
      continue;
    }
    const options = f.options ?? [];
    // For the applicant's kind, choose the option that matches it when there is one.
    const kindOption = options.find((o) =>
      applicant.principal.kind === 'citizen'
        ? /个人|个体|person|individual/.test(`${o.value}${o.label}`)
        : /企业|单位|enterprise|组织/.test(`${o.value}${o.label}`),
    );
    switch (f.type) {
      case 'radio':
      case 'select':
        if (options.length) out[f.key] = (kindOption ?? options[n % options.length])?.value;
        break;
      case 'checkbox':
        if (options.length) out[f.key] = [options[n % options.length]?.value];
        break;
      case 'number': {
        const min = f.min ?? 1;
        const max = f.max ?? 1000;
        const v = Math.min(
          max,
          Math.max(min, /面积/.test(f.label) ? 60 + 15 * n : /人数|数量/.test(f.label) ? 3 + n : min),
        );
        out[f.key] = f.integer ? Math.round(v) : v;
        break;
      }
      case 'date':
        out[f.key] = addCalendarDays(today, /出生/.test(f.label) ? -12000 : 20 + n);
        break;
      case 'region':
        out[f.key] = ['331102', '331121', '331181', '331122'][n % 4];
        break;
      case 'address': {
        const region = ['331102', '331121', '331181', '331122'][n % 4] as string;
        out[f.key] = { region, detail: `${REGION_NAMES.get(region) ?? ''}人民路${18 + n}号` };
        break;
      }
      case 'id_number':
        out[f.key] = makeIdNumber(
          '331102',
          `19${80 + (n % 15)}0${1 + (n % 9)}1${n % 9}`,
          String(100 + n).slice(-3),
        );
        break;
      case 'credit_code':
        out[f.key] = makeCreditCode('91', '331102', `MA2D${String(1000 + n).slice(-4)}`);
        break;
      case 'phone':
        out[f.key] = `1385781${String(2000 + n).slice(-4)}`;
        break;
      case 'email':
        if (f.required) out[f.key] = `demo${n}@example.com`;
        break;
      case 'group': {
        const rows = Math.max(1, f.minItems ?? 1);
        out[f.key] = Array.from({ length: rows }, (_, i) =>
          fill(f.fields ?? [], {}, applicant, n + i + 1, today),
        );
        break;
      }
      default:
        if (f.required) out[f.key] = textFor(f, applicant, n).slice(0, f.maxLength ?? 200);
    }
  }
  return out;
}

async function formValues(
  ctx: AppContext,
  item: ServiceItem,
  applicant: DemoApplicant,
  n: number,
  today: string,
): Promise<Record<string, unknown>> {
  const def: FormDefinition = item.form;
  const prefill = await prefillFor(ctx, applicant.principal, def);
  const values = fill(
    def.sections.flatMap((s) => s.fields),
    prefill,
    applicant,
    n,
    today,
  );
  const check = validateFormData(def, values, { today });
  if (!check.ok) {
    throw new Error(`申请表无法自动填写：${check.problems.map((p) => `${p.field} ${p.message}`).join('；')}`);
  }
  return values;
}

// ---------------------------------------------------------------- driving cases

/** Tries the first of `keys` the task allows (the seed does not read the definition). */
async function act(
  ctx: AppContext,
  taskId: string,
  keys: readonly string[],
  extra: { comment?: string; data?: Record<string, unknown> } = {},
): Promise<string | null> {
  for (const action of keys) {
    try {
      await withTx(ctx.pool, (tx) => actOnTaskAsSystem(tx, ctx, taskId, { action, ...extra }));
      return action;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ACTION_NOT_ALLOWED') throw e;
    }
  }
  return null;
}

async function payFee(ctx: AppContext, c: CaseRecord): Promise<boolean> {
  return withTx(ctx.pool, async (tx) => {
    const app = await findApplicationByCase(tx, c.id);
    if (!app) return false;
    const locked = await findApplicationForUpdate(tx, app.id);
    const notice = await findFeeNoticeForUpdate(tx, app.id);
    if (!locked || !notice || notice.status !== 'due') return false;
    await settleNotice(tx, ctx, locked, notice, {
      amountFen: notice.total_fen,
      method: 'pos',
      reference: `POS${shanghaiDate(ctx.clock.now()).replaceAll('-', '')}${randomBytes(3).toString('hex').toUpperCase()}`,
      recordedBy: null,
      adapter: null,
    });
    return true;
  });
}

interface Drive {
  hadFork: boolean;
  hadFee: boolean;
}

/**
 * Moves a case on, one step per working day from `from`, until `stop` says so or nothing moves.
 * `deny`: refuse at the first decision outside a parallel branch instead of approving.
 */
async function drive(
  base: AppContext,
  caseId: string,
  from: string,
  opts: { stop: (c: CaseRecord, d: Drive) => boolean; deny?: boolean; payFees?: boolean },
): Promise<Drive> {
  const d: Drive = { hadFork: false, hadFee: false };
  const today = shanghaiDate(base.clock.now());
  let day = from;
  for (let guard = 0; guard < 12; guard++) {
    const c = (await getCase(base.pool, caseId)) as CaseRecord;
    if (c.status === 'completed' || c.status === 'cancelled' || opts.stop(c, d)) return d;
    const nextDay = await base.calendar.addWorkingDays(day, 1);
    // Never act in the future: late steps of a long flow all happen today.
    day = nextDay;
    if (day > today) day = today;
    const ctx = atTime(base, instant(day, 10, guard * 5));
    const tasks = await openTasksOf(base.pool, caseId);
    if (tasks.some((t) => t.forkId)) d.hadFork = true;
    if (tasks.length === 0) {
      const app = await findApplicationByCase(base.pool, caseId);
      if (!app) return d;
      if (app.status === 'fee_due') {
        d.hadFee = true;
        if (opts.stop(c, d) || opts.payFees === false) return d;
        if (!(await payFee(ctx, c))) return d;
        continue;
      }
      // A fee step of an item that charges nothing is released by a job; run it here.
      await releaseSettledFee(ctx, app.id);
      if ((await openTasksOf(base.pool, caseId)).length === 0) return d;
      continue;
    }
    for (const t of tasks) {
      if (opts.deny && !t.forkId) {
        const refused = await act(ctx, t.id, ['deny'], {
          comment: '经现场核查，经营场所布局和设施设备不符合法定条件、标准',
        });
        if (refused) continue;
      }
      await act(ctx, t.id, ['accept', 'approve', 'issue'], {
        comment: t.forkId ? '经审查，符合要求，同意。' : undefined,
      });
    }
  }
  return d;
}

// ---------------------------------------------------------------- the seed

async function demoApplicants(
  ctx: AppContext,
): Promise<{ citizens: DemoApplicant[]; enterprises: DemoApplicant[] }> {
  // The identity seed's demo accounts (read by username; seeds only).
  const rows = await many<{
    id: string;
    username: string;
    kind: 'citizen' | 'enterprise';
    display_name: string;
  }>(
    ctx.pool,
    `SELECT id, username, kind, display_name FROM idn_user
     WHERE kind IN ('citizen', 'enterprise') AND username ~ '^(citizen|enterprise)[0-9]+$' ORDER BY username`,
  );
  const toApplicant = (r: (typeof rows)[number]): DemoApplicant => ({
    principal: {
      userId: r.id,
      username: r.username,
      kind: r.kind,
      displayName: r.display_name,
      orgId: null,
      orgPath: null,
      grants: [],
      sessionId: 'demo-seed',
      csrfToken: '',
      totpSetupRequired: false,
      mustChangePassword: false,
    },
  });
  return {
    citizens: rows.filter((r) => r.kind === 'citizen').map(toApplicant),
    enterprises: rows.filter((r) => r.kind === 'enterprise').map(toApplicant),
  };
}

async function materialFile(
  ctx: AppContext,
  applicant: DemoApplicant,
  name: string,
  date: string,
): Promise<string> {
  const pdf = await renderOfficialPdf({
    title: name,
    unitName: applicant.principal.displayName,
    date,
    paragraphs: [
      `${applicant.principal.displayName}为办理行政审批事项提交的“${name}”（演示数据，由系统生成）。`,
    ],
  });
  return withTx(ctx.pool, async (tx) => {
    const f = await ctx.files.put(tx, {
      data: pdf,
      name: `${name}.pdf`,
      purpose: 'attachment',
      ownerUserId: applicant.principal.userId,
      allowedTypes: ['application/pdf'],
    });
    return f.id;
  });
}

/** Submits an application received on `receivedOn` (09:30 that day). */
async function submitOn(
  base: AppContext,
  item: ServiceItem,
  applicant: DemoApplicant,
  receivedOn: string,
  n: number,
): Promise<{ applicationId: string; caseId: string }> {
  const ctx = atTime(base, instant(receivedOn, 9, 30));
  const form = await formValues(ctx, item, applicant, n, receivedOn);
  const facts = itemFacts(item);
  const materials: { materialId: string; fileId: string }[] = [];
  for (const m of facts.materials.filter((x) => x.required || n % 2 === 0)) {
    materials.push({ materialId: m.id, fileId: await materialFile(base, applicant, m.name, receivedOn) });
  }
  const prepared = await prepareSubmission(ctx, applicant.principal, { itemId: item.id, form, materials });
  const stored = await withTx(ctx.pool, async (tx) => {
    const s = await storeSubmission(
      tx,
      ctx,
      {
        userId: applicant.principal.userId,
        kind: applicant.principal.kind,
        name: applicant.principal.displayName,
      },
      prepared,
      {
        idempotencyKey: `demo-seed-${item.id}-${n}`,
        requestHash: 'demo-seed',
        receivedOn,
        choices: materials,
      },
    );
    await ctx.audit.record(tx, DEMO_ACTOR, {
      action: 'application.submit',
      objectType: 'application',
      objectId: s.app.id,
      summary: `演示数据：${applicant.principal.displayName}申请“${item.name}”，办件编号 ${s.app.case_number}`,
    });
    return s;
  });
  return { applicationId: stored.app.id, caseId: stored.app.case_id as string };
}

async function acceptOn(base: AppContext, caseId: string, day: string): Promise<void> {
  const ctx = atTime(base, instant(day, 10, 15));
  const task = (await openTasksOf(base.pool, caseId))[0];
  if (task) await act(ctx, task.id, ['accept']);
}

export async function seedLicensingDemo(ctx: AppContext, progress: (msg: string) => void): Promise<void> {
  if (await maybeOne(ctx.pool, 'SELECT 1 FROM lic_application LIMIT 1')) {
    progress('演示数据：行政许可办件已存在，跳过');
    return;
  }
  const page = await listPublishedItems(ctx, { pageSize: 100 });
  const items: ServiceItem[] = [];
  for (const s of page.items) {
    const item = await getPublishedItem(ctx.pool, s.id);
    if (item?.processCode) items.push(item);
  }
  const { citizens, enterprises } = await demoApplicants(ctx);
  if (items.length === 0 || (citizens.length === 0 && enterprises.length === 0)) {
    progress('演示数据：没有已发布的事项或演示申请人，跳过行政许可办件');
    return;
  }
  const today = shanghaiDate(ctx.clock.now());
  const back = (n: number) => ctx.calendar.addWorkingDays(today, -n);
  let n = 0;
  let made = 0;
  let rotation = 0;
  const applicantFor = (item: ServiceItem): DemoApplicant => {
    const facts = itemFacts(item);
    const pool =
      facts.audience.has('citizen') && facts.audience.has('enterprise')
        ? n % 2 === 0
          ? citizens
          : enterprises
        : facts.audience.has('enterprise')
          ? enterprises
          : citizens;
    const list = pool.length ? pool : citizens.length ? citizens : enterprises;
    return list[n % list.length] as DemoApplicant;
  };

  const run = async (item: ServiceItem, story: Story): Promise<Drive | null> => {
    n += 1;
    const promised = itemFacts(item).promised?.days ?? 10;
    const applicant = applicantFor(item);
    const ago: Record<Story, number> = {
      approved: 9,
      denied: 7,
      not_accepted: 4,
      correction: 2,
      pending: 0,
      pending_old: 7,
      yellow: Math.max(2, promised),
      red: promised + 6,
      parallel_half: 3,
      fee_due: 6,
      withdrawn: 3,
    };
    const receivedOn = await back(ago[story]);
    const sub = await submitOn(ctx, item, applicant, receivedOn, n);
    made += 1;
    const next = (d: string) => ctx.calendar.addWorkingDays(d, 1);
    switch (story) {
      case 'pending':
      case 'pending_old':
        // pending_old is left for the Art. 32 job: it counts as accepted on its receipt date.
        return null;
      case 'correction': {
        const task = (await openTasksOf(ctx.pool, sub.caseId))[0];
        const m = itemFacts(item).materials[0];
        if (task && m) {
          await act(atTime(ctx, instant(await next(receivedOn), 11)), task.id, ['request-correction'], {
            comment: '申请材料不符合法定形式，请按告知内容一次性补正',
            data: {
              items: [
                {
                  materialId: m.id,
                  name: m.name,
                  problem: '扫描件不清晰且缺少申请人签字，请签字后重新上传清晰的彩色扫描件',
                },
                { name: '经营场所平面布局图', problem: '未提交，请补充标明功能分区的平面布局图' },
              ],
            },
          });
        }
        return null;
      }
      case 'not_accepted': {
        const task = (await openTasksOf(ctx.pool, sub.caseId))[0];
        if (task) {
          await act(atTime(ctx, instant(await next(receivedOn), 15)), task.id, ['reject'], {
            comment: '申请事项依法不属于本行政机关职权范围，请向经营场所所在地县级主管部门申请',
          });
        }
        return null;
      }
      case 'withdrawn': {
        await acceptOn(ctx, sub.caseId, receivedOn);
        await withdrawApplication(
          atTime(ctx, instant(await next(receivedOn), 16)),
          applicant.principal,
          sub.applicationId,
          { reason: '经营场所租赁合同未能续签，暂不申请' },
          DEMO_ACTOR,
        );
        return null;
      }
      case 'yellow':
      case 'red':
        // Accepted on the day of receipt and left in the next step: the clock has run since then.
        await acceptOn(ctx, sub.caseId, receivedOn);
        return null;
      case 'parallel_half':
        await acceptOn(ctx, sub.caseId, receivedOn);
        {
          const branch = (await openTasksOf(ctx.pool, sub.caseId)).find((t) => t.forkId);
          if (branch) {
            await act(atTime(ctx, instant(await next(receivedOn), 14)), branch.id, ['approve'], {
              comment: '经审查，符合要求，同意。',
            });
          }
        }
        return null;
      case 'fee_due':
        await acceptOn(ctx, sub.caseId, receivedOn);
        return drive(ctx, sub.caseId, receivedOn, { stop: (_c, d) => d.hadFee, payFees: false });
      case 'denied':
        await acceptOn(ctx, sub.caseId, receivedOn);
        return drive(ctx, sub.caseId, receivedOn, { stop: () => false, deny: true });
      case 'approved':
        await acceptOn(ctx, sub.caseId, receivedOn);
        return drive(ctx, sub.caseId, receivedOn, { stop: () => false });
    }
  };

  const demoItems = items.slice(0, 12);
  // Every story at least once, however few items there are.
  const perItem = Math.max(2, Math.ceil(ROTATION.length / demoItems.length));
  // One case that cannot be driven (e.g. a deadline in a year whose holidays are not published yet)
  // must not stop the others.
  const attempt = async (item: ServiceItem, story: Story): Promise<Drive | null> => {
    try {
      return await run(item, story);
    } catch (e) {
      progress(`演示数据：“${item.name}”的一件办件未能生成（${(e as Error).message}）`);
      return null;
    }
  };
  for (const item of demoItems) {
    const first = await attempt(item, 'approved');
    for (let k = 0; k < perItem; k++) {
      await attempt(item, ROTATION[rotation % ROTATION.length] as Story);
      rotation += 1;
    }
    if (first?.hadFork) await attempt(item, 'parallel_half');
    if (first?.hadFee) await attempt(item, 'fee_due');
    progress(`演示数据：“${item.name}”办件已生成（累计 ${made} 件）`);
  }
}
