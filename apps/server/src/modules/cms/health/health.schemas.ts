// Request and response schemas of the site health API (they also generate the OpenAPI document).
import { Type } from 'typebox';
import { FINDING_KINDS, SEVERITIES, VERDICTS } from './health.model.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const lit = <T extends readonly string[]>(xs: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...xs] });

export const HealthParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const VerdictSchema = lit([...VERDICTS, 'unchecked'] as const);

export const FindingSchema = Type.Object({
  kind: lit(FINDING_KINDS),
  indicator: Type.String({ description: '所违反的检查指标名称' }),
  severity: lit(SEVERITIES),
  severityName: Type.String(),
  url: Type.Optional(Type.String({ description: '出现问题的公开页面路径' })),
  columnId: Type.Optional(Type.String()),
  column: Type.Optional(Type.String({ description: '栏目名称' })),
  detail: Type.String(),
  fixPath: Type.Optional(Type.String({ description: '工作人员平台中整改的位置' })),
});

const RunStateSchema = Type.Object({
  id: Type.String(),
  status: lit(['queued', 'running', 'done', 'failed'] as const),
  trigger: lit(['schedule', 'manual'] as const),
  createdAt: Type.String({ format: 'date-time' }),
});

export const SiteHealthSchema = Type.Object({
  siteId: Type.String(),
  siteName: Type.String(),
  verdict: VerdictSchema,
  verdictName: Type.String(),
  checkedAt: Nullable(Type.String({ format: 'date-time' })),
  counts: Type.Object({ veto: Type.Integer(), deduction: Type.Integer(), warning: Type.Integer() }),
  pagesCrawled: Type.Integer(),
  linksChecked: Type.Integer(),
  linksSkipped: Type.Integer(),
  note: Nullable(Type.String()),
  findings: Type.Array(FindingSchema),
  /** A check queued or running now. */
  pending: Nullable(RunStateSchema),
});

export const RunQueuedSchema = Type.Object({
  runId: Type.String(),
  status: lit(['queued', 'running'] as const),
  queued: Type.Boolean({ description: 'false：该网站已有排队或进行中的检查' }),
});

export const HealthOverviewSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      siteId: Type.String(),
      siteName: Type.String(),
      siteCode: Type.String(),
      url: Type.String(),
      verdict: VerdictSchema,
      verdictName: Type.String(),
      checkedAt: Nullable(Type.String({ format: 'date-time' })),
      counts: Type.Object({ veto: Type.Integer(), deduction: Type.Integer(), warning: Type.Integer() }),
      pending: Type.Boolean(),
    }),
  ),
  totals: Type.Object({
    sites: Type.Integer(),
    pass: Type.Integer(),
    fail: Type.Integer(),
    rectify: Type.Integer(),
    unchecked: Type.Integer(),
  }),
});
