// Request and response schemas of the electronic supervision API (docs/supervision.md).
import { Type } from 'typebox';
import { PageQuerySchema } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });
const LevelSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]);
const CaseStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('paused'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
]);
const OrderStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('replied'), Type.Literal('closed')]);
const AnomalyKindSchema = Type.Union([
  Type.Literal('refused_without_reason'),
  Type.Literal('missing_acceptance'),
  Type.Literal('fee_mismatch'),
  Type.Literal('step_overdue'),
  Type.Literal('legal_overdue'),
]);
const PeriodCode = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
  description: '2026-11 或 2026-Q4',
});

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

// ---------------------------------------------------------------- dashboard

export const OverviewQuery = Type.Object(
  {
    orgId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

const LevelCounts = {
  green: Type.Integer(),
  yellow: Type.Integer(),
  red: Type.Integer(),
};

export const BreakdownRowSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  ...LevelCounts,
  open: Type.Integer({ description: '在办（含暂停计时）' }),
  completed: Type.Integer({ description: '统计区间内办结' }),
  onTime: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  avgHandlingDays: Nullable(Type.Number()),
  avgLimitDays: Nullable(Type.Number()),
});

export const OverviewSchema = Type.Object({
  asOf: Type.String(),
  from: Type.String(),
  to: Type.String(),
  levels: Type.Object(LevelCounts),
  open: Type.Integer(),
  paused: Type.Integer(),
  completed: Type.Integer(),
  onTime: Type.Integer(),
  onTimeRate: Nullable(Type.Number({ description: '按期办结率（承诺期限内办结 ÷ 有期限的办结件）' })),
  legalOnTimeRate: Nullable(Type.Number()),
  avgHandlingDays: Nullable(Type.Number({ description: '平均办理工作日（不含暂停计时）' })),
  avgLimitDays: Nullable(Type.Number({ description: '平均承诺时限（工作日）' })),
  openAnomalies: Type.Integer(),
  openOrders: Type.Integer(),
  byUnit: Type.Array(BreakdownRowSchema),
  byItem: Type.Array(BreakdownRowSchema),
  byCaseType: Type.Array(BreakdownRowSchema),
});

export const CaseListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    level: Type.Optional(LevelSchema),
    orgId: Type.Optional(Uuid),
    caseType: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(CaseStatusSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const SupervisedCaseSchema = Type.Object({
  caseId: Type.String(),
  caseNumber: Type.String(),
  caseType: Type.String(),
  caseTypeName: Type.String(),
  subject: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  level: LevelSchema,
  dueDate: Nullable(Type.String({ description: '承诺办结期限（无承诺时为法定期限）' })),
  legalDeadline: Nullable(Type.String()),
  promisedDeadline: Nullable(Type.String()),
  warnOn: Nullable(Type.String()),
  status: CaseStatusSchema,
  statusName: Type.String(),
  currentStep: Nullable(Type.String()),
  currentSteps: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  daysOverdue: Type.Integer({ description: '超过办结期限的工作日数，未超期为 0' }),
  receivedOn: Type.String(),
  openOrders: Type.Integer(),
});

export const CaseListSchema = Type.Object({
  items: Type.Array(SupervisedCaseSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const AnomalyListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    kind: Type.Optional(AnomalyKindSchema),
    resolved: Type.Optional(Type.Boolean()),
    orgId: Type.Optional(Uuid),
    caseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const AnomalySchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  caseType: Type.String(),
  subject: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  taskId: Nullable(Type.String()),
  stepName: Nullable(Type.String()),
  kind: AnomalyKindSchema,
  kindName: Type.String(),
  detail: Type.String(),
  detectedAt: Type.String(),
  resolved: Type.Boolean(),
  resolvedAt: Nullable(Type.String()),
  resolvedByName: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
});

export const AnomalyListSchema = Type.Object({
  items: Type.Array(AnomalySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const ResolveBody = Type.Object(
  { resolution: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- scorecards and ranking

export const ScorecardQuery = Type.Object(
  { period: Type.Optional(PeriodCode), orgId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const PeriodSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  from: Type.String(),
  to: Type.String(),
});

export const ScorecardSchema = Type.Object({
  rank: Type.Integer(),
  orgId: Type.String(),
  orgName: Type.String(),
  completed: Type.Integer(),
  timed: Type.Integer({ description: '有办理期限的办结件' }),
  onTime: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  anomalies: Type.Integer(),
  ratings: Type.Integer(),
  ratingAverage: Nullable(Type.Number()),
  badRatings: Type.Integer(),
  satisfaction: Nullable(Type.Number({ description: '好评率：3–5 星评价 ÷ 评价总数' })),
  score: Type.Number(),
  grade: Type.String({ description: '优秀 / 良好 / 合格 / 不合格' }),
});

export const ScorecardListSchema = Type.Object({
  period: PeriodSchema,
  formula: Type.String(),
  items: Type.Array(ScorecardSchema),
});

export const PublicRankingQuery = Type.Object(
  { period: Type.Optional(PeriodCode) },
  { additionalProperties: false },
);

export const PublicRankingSchema = Type.Object({
  period: PeriodSchema,
  formula: Type.String(),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      orgName: Type.String(),
      completed: Type.Integer(),
      onTimeRate: Nullable(Type.Number()),
      satisfaction: Nullable(Type.Number()),
      anomalies: Type.Integer(),
      score: Type.Number(),
      grade: Type.String(),
    }),
  ),
});

// ---------------------------------------------------------------- orders

export const OrderBody = Type.Object(
  {
    caseId: Uuid,
    deadline: IsoDate,
    content: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const OrderActionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('reply'), Type.Literal('close'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const OrderListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    status: Type.Optional(OrderStatusSchema),
    caseId: Type.Optional(Uuid),
    orgId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const OrderProps = {
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  subject: Type.String(),
  orderCaseId: Type.String(),
  orderCaseNumber: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  deadline: Type.String(),
  content: Type.String(),
  status: OrderStatusSchema,
  statusName: Type.String(),
  level: LevelSchema,
  currentStep: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  repliedByName: Nullable(Type.String()),
  issuedAt: Type.String(),
  issuedByName: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closedByName: Nullable(Type.String()),
};
export const OrderSchema = Type.Object(OrderProps);

export const OrderListSchema = Type.Object({
  items: Type.Array(OrderSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const OrderDetailSchema = Type.Object({
  ...OrderProps,
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      title: Type.String(),
      stepName: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      actorName: Nullable(Type.String()),
      actorOrgName: Nullable(Type.String()),
    }),
  ),
  actions: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), commentRequired: Type.Boolean() }),
  ),
});
