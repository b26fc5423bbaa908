// Request and response schemas of the licensing API (docs/licensing.md). They validate requests and
// generate the OpenAPI document.
import { type Static, Type } from 'typebox';
import { PageQuerySchema } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateSchema = Type.String({ format: 'date' });
const Uuid = Type.String({ format: 'uuid' });

export const IdParamsSchema = Type.Object({ id: Uuid }, { additionalProperties: false });
export const DocumentParamsSchema = Type.Object({ id: Uuid, docId: Uuid }, { additionalProperties: false });
export const MaterialFileParamsSchema = Type.Object(
  { id: Uuid, fileId: Uuid },
  { additionalProperties: false },
);

/** Form values are checked against the item's form definition by the services module, not here. */
const FormValuesSchema = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
  description: '申请表填写内容，键为表单字段 key，按事项的表单定义校验',
});

export const MaterialChoiceSchema = Type.Object(
  {
    materialId: Type.String({ minLength: 1, maxLength: 64 }),
    fileId: Uuid,
  },
  { additionalProperties: false },
);
export type MaterialChoice = Static<typeof MaterialChoiceSchema>;

export const SubmitBodySchema = Type.Object(
  {
    itemId: Uuid,
    form: FormValuesSchema,
    materials: Type.Array(MaterialChoiceSchema, { maxItems: 100 }),
    /** The draft this submission came from; deleted once the application is in. */
    draftId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBodySchema>;

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 100,
    pattern: '^[\\x21-\\x7e]+$',
    description: '防重复提交键：同一用户以相同的键重复提交，返回同一申请',
  }),
});

export const SubmitResultSchema = Type.Object({
  id: Uuid,
  number: Type.String({ description: '办件编号' }),
  queryCode: Type.String({ description: '查询码（凭办件编号和查询码查询办理进度）' }),
  status: Type.String(),
  statusName: Type.String(),
  caseId: Uuid,
  receivedOn: DateSchema,
  acceptanceDeadline: Nullable(DateSchema),
  legalDeadline: Nullable(DateSchema),
  promisedDeadline: Nullable(DateSchema),
  deadlinesProjected: Type.Boolean({
    description: 'true：尚未受理，办结期限按今日受理推算；受理后以实际受理日计算',
  }),
});
export type SubmitResult = Static<typeof SubmitResultSchema>;

export const ResubmitBodySchema = Type.Object(
  {
    form: Type.Optional(FormValuesSchema),
    materials: Type.Optional(Type.Array(MaterialChoiceSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type ResubmitBody = Static<typeof ResubmitBodySchema>;

export const WithdrawBodySchema = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const PaymentBodySchema = Type.Object(
  {
    amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: '实收金额（分）' }),
    method: Type.Union([
      Type.Literal('cash'),
      Type.Literal('pos'),
      Type.Literal('transfer'),
      Type.Literal('online'),
    ]),
    reference: Type.String({ minLength: 1, maxLength: 100, description: '票据号、POS 凭条号或转账流水号' }),
  },
  { additionalProperties: false },
);
export type PaymentBody = Static<typeof PaymentBodySchema>;

export const PaymentOrderBodySchema = Type.Object(
  { channel: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const ChannelParamsSchema = Type.Object(
  { channel: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- views

const FormSummarySchema = Type.Array(
  Type.Object({ key: Type.String(), label: Type.String(), value: Type.String() }),
);

export const MaterialViewSchema = Type.Object({
  materialId: Type.String(),
  name: Type.String(),
  required: Type.Boolean(),
  files: Type.Array(
    Type.Object({
      fileId: Uuid,
      name: Type.String(),
      size: Type.Integer(),
      contentType: Type.String(),
      round: Type.Integer(),
      url: Type.String(),
    }),
  ),
});

export const DocumentViewSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  number: Type.String(),
  issuedOn: DateSchema,
  createdAt: Type.String({ format: 'date-time' }),
  url: Type.String(),
});

export const FeeViewSchema = Type.Object({
  status: Type.Union([Type.Literal('due'), Type.Literal('paid'), Type.Literal('waived')]),
  statusName: Type.String(),
  totalFen: Type.Integer(),
  standardFen: Type.Integer(),
  totalText: Type.String({ description: '金额大写' }),
  lines: Type.Array(
    Type.Object({
      name: Type.String(),
      standard: Type.String(),
      basis: Type.String(),
      amountFen: Type.Integer(),
    }),
  ),
  issuedOn: DateSchema,
  paidAt: Nullable(Type.String({ format: 'date-time' })),
  documentId: Nullable(Uuid),
  payments: Type.Array(
    Type.Object({
      amountFen: Type.Integer(),
      standardFen: Type.Integer(),
      method: Type.String(),
      methodName: Type.String(),
      reference: Type.String(),
      recordedAt: Type.String({ format: 'date-time' }),
      recordedByName: Nullable(Type.String()),
    }),
  ),
});

export const CorrectionViewSchema = Type.Object({
  round: Type.Integer(),
  items: Type.Array(
    Type.Object({ materialId: Nullable(Type.String()), name: Type.String(), problem: Type.String() }),
  ),
  comment: Nullable(Type.String()),
  requestedOn: DateSchema,
  requestedAt: Type.String({ format: 'date-time' }),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const TimelineViewSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  stepName: Nullable(Type.String()),
  action: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorOrgName: Nullable(Type.String()),
});

export const ApplicationDetailSchema = Type.Object({
  id: Uuid,
  number: Nullable(Type.String()),
  caseId: Nullable(Uuid),
  queryCode: Nullable(Type.String({ description: '仅申请人本人可见' })),
  itemId: Uuid,
  itemCode: Type.String(),
  itemName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  applicantName: Type.String(),
  applicantKind: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  caseStatus: Nullable(Type.String()),
  currentSteps: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  level: Type.String(),
  form: FormValuesSchema,
  formSummary: FormSummarySchema,
  materials: Type.Array(MaterialViewSchema),
  receivedOn: DateSchema,
  submittedAt: Type.String({ format: 'date-time' }),
  acceptedOn: Nullable(DateSchema),
  autoAccepted: Type.Boolean(),
  acceptanceDeadline: Nullable(DateSchema),
  legalDeadline: Nullable(DateSchema),
  promisedDeadline: Nullable(DateSchema),
  deadlinesProjected: Type.Boolean(),
  legalLimit: Nullable(Type.Object({ days: Type.Integer(), unit: Type.String() })),
  promisedLimit: Nullable(Type.Object({ days: Type.Integer(), unit: Type.String() })),
  completedAt: Nullable(Type.String()),
  timeline: Type.Array(TimelineViewSchema),
  documents: Type.Array(DocumentViewSchema),
  fees: Nullable(FeeViewSchema),
  licence: Nullable(
    Type.Object({
      id: Uuid,
      number: Type.String(),
      name: Type.String(),
      status: Type.String(),
      statusName: Type.String(),
      validFrom: DateSchema,
      validUntil: Nullable(DateSchema),
      verifyUrl: Type.String(),
    }),
  ),
  correction: Nullable(CorrectionViewSchema),
  decisionReason: Nullable(Type.String()),
  canRate: Type.Boolean(),
  canWithdraw: Type.Boolean(),
  canResubmit: Type.Boolean(),
  canRecordPayment: Type.Boolean(),
});

export const ApplicationListQuerySchema = PageQuerySchema;

export const ApplicationSummarySchema = Type.Object({
  id: Uuid,
  number: Nullable(Type.String()),
  caseId: Nullable(Uuid),
  itemId: Uuid,
  itemName: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  receivedOn: DateSchema,
  submittedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  legalDeadline: Nullable(DateSchema),
  promisedDeadline: Nullable(DateSchema),
});

export const DraftSummarySchema = Type.Object({
  id: Uuid,
  itemId: Uuid,
  itemName: Type.String(),
  statusName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ApplicationListSchema = Type.Object({
  items: Type.Array(ApplicationSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  drafts: Type.Array(DraftSummarySchema),
});

// ---------------------------------------------------------------- drafts

export const DraftBodySchema = Type.Object(
  {
    itemId: Uuid,
    form: Type.Optional(FormValuesSchema),
    materials: Type.Optional(Type.Array(MaterialChoiceSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBodySchema>;

export const DraftUpdateBodySchema = Type.Object(
  {
    form: Type.Optional(FormValuesSchema),
    materials: Type.Optional(Type.Array(MaterialChoiceSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type DraftUpdateBody = Static<typeof DraftUpdateBodySchema>;

export const DraftViewSchema = Type.Object({
  id: Uuid,
  itemId: Uuid,
  itemName: Type.String(),
  form: FormValuesSchema,
  materials: Type.Array(
    Type.Object({
      materialId: Type.String(),
      fileId: Uuid,
      name: Nullable(Type.String()),
      size: Nullable(Type.Integer()),
    }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const DraftListSchema = Type.Object({ items: Type.Array(DraftSummarySchema) });

export const PaymentChannelsSchema = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export const PaymentOrderSchema = Type.Object({
  orderId: Uuid,
  channel: Type.String(),
  amountFen: Type.Integer(),
  status: Type.String(),
  payUrl: Nullable(Type.String()),
});
