// Request and response schemas of the 政府信息公开 API (they also generate the OpenAPI document).
import { Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';
import { OUTCOMES } from './disclosure.model.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const DateStr = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const Text = (max: number) => Type.String({ maxLength: max });

export const IdParamsSchema = Type.Object(
  { id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export const OrgParamsSchema = Type.Object(
  { orgId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

export const EntryBodySchema = Type.Object(
  {
    orgId: Type.Optional(Uuid),
    title: Text(400),
    summary: Type.Optional(Text(4000)),
    publisher: Type.Optional(Text(200)),
    writtenOn: DateStr,
    publishedOn: Type.Optional(DateStr),
    docNumber: Type.Optional(Text(120)),
    topic: Text(40),
    genre: Text(40),
    keywords: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    validity: Type.Optional(Text(10)),
    repealedOn: Type.Optional(Nullable(DateStr)),
    disclosureMode: Type.Optional(Text(10)),
    articleId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);

export const EntrySchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  indexNumber: Type.String({ description: '索引号' }),
  title: Type.String(),
  summary: Type.String(),
  publisher: Type.String(),
  writtenOn: Type.String({ description: '成文日期' }),
  publishedOn: Type.String({ description: '发布日期' }),
  docNumber: Type.String(),
  topic: Type.String(),
  genre: Type.String(),
  keywords: Type.Array(Type.String()),
  validity: Type.String(),
  repealedOn: Nullable(Type.String()),
  disclosureMode: Type.String(),
  articleId: Nullable(Type.String()),
  status: Type.String(),
  withdrawnReason: Nullable(Type.String()),
  url: Type.String(),
  lateWorkingDays: Nullable(Type.Integer()),
  updatedAt: Type.String(),
});

export const EntryListSchema = pageOf(EntrySchema);

export const CatalogueQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    orgId: Type.Optional(Type.String({ maxLength: 64 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    topic: Type.Optional(Type.String({ maxLength: 40 })),
    genre: Type.Optional(Type.String({ maxLength: 40 })),
    year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100 })),
    status: Type.Optional(
      Type.String({
        maxLength: 20,
        description:
          'published（默认）| withdrawn | all；后两者仅限该单位的公开目录维护人员，须同时给出 orgId',
      }),
    ),
  },
  { additionalProperties: false },
);

export const StaffUnitListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      orgId: Type.String(),
      orgName: Type.String(),
      catalogue: Type.Boolean({ description: '可维护公开指南和公开目录' }),
      requests: Type.Boolean({ description: '可办理依申请公开' }),
      report: Type.Boolean({ description: '可编制年度报告' }),
      hasGuide: Type.Boolean(),
    }),
  ),
});

export const WithdrawBodySchema = Type.Object({ reason: Text(1000) }, { additionalProperties: false });

export const AlertListSchema = pageOf(
  Type.Object({
    id: Type.String(),
    entryId: Type.String(),
    orgId: Type.String(),
    orgName: Type.String(),
    indexNumber: Type.String(),
    title: Type.String(),
    writtenOn: Type.String(),
    publishedOn: Type.String(),
    workingDays: Type.Integer(),
    createdAt: Type.String(),
  }),
);

export const AlertQuerySchema = Type.Object(
  { ...PageQuerySchema.properties, orgId: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);

export const GuideBodySchema = Type.Object(
  {
    officeName: Text(200),
    address: Type.Optional(Text(400)),
    officeHours: Type.Optional(Text(400)),
    phone: Type.Optional(Text(100)),
    fax: Type.Optional(Text(100)),
    email: Type.Optional(Text(200)),
    postcode: Type.Optional(Text(20)),
    intro: Type.Optional(Text(10000)),
    letterPrefix: Type.Optional(Text(40)),
    reconsiderationBody: Type.Optional(Text(200)),
    litigationCourt: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

export const GuideSchema = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  officeName: Type.String(),
  address: Type.String(),
  officeHours: Type.String(),
  phone: Type.String(),
  fax: Type.String(),
  email: Type.String(),
  postcode: Type.String(),
  intro: Type.String(),
  letterPrefix: Type.String(),
  reconsiderationBody: Type.String(),
  litigationCourt: Type.String(),
  defaultForRequests: Type.Boolean(),
  entryCount: Type.Integer(),
  updatedAt: Type.String(),
});

export const UnitListSchema = Type.Object({ items: Type.Array(GuideSchema) });

export const SubmitRequestBodySchema = Type.Object(
  {
    description: Text(4000),
    delivery: Type.String({ maxLength: 20, description: 'electronic | paper | mail | pickup | inspect' }),
    orgId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    docNumber: Type.Optional(Text(120)),
    purpose: Type.Optional(Text(1000)),
    applicantCategory: Type.Optional(
      Type.String({
        maxLength: 20,
        description: '自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他',
      }),
    ),
    address: Type.Optional(Text(400)),
  },
  { additionalProperties: false },
);

export const SubmitHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ maxLength: 200, description: '防重复提交键：同一用户以相同的键重复提交，返回同一申请' }),
  ),
});

export const SubmitResultSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  number: Type.String(),
  queryCode: Nullable(Type.String()),
  receivedOn: Type.String({ description: '收到申请之日（条例第三十一条）' }),
  dueDate: Nullable(Type.String({ description: '答复期限' })),
});

export const RequestSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  number: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  applicantCategory: Type.String(),
  applicantName: Type.String(),
  applicantIdMasked: Nullable(Type.String()),
  applicantPhoneMasked: Nullable(Type.String()),
  description: Type.String(),
  docNumber: Type.String(),
  purpose: Type.String(),
  delivery: Type.String(),
  deliveryName: Type.String(),
  channel: Type.String({ description: 'online | counter | post | letter | fax' }),
  channelName: Type.String(),
  submittedAt: Type.String(),
  receivedOn: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  currentSteps: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  dueDate: Nullable(Type.String()),
  clockStartedOn: Nullable(Type.String()),
  correction: Type.Object({
    requestedOn: Nullable(Type.String()),
    dueOn: Nullable(Type.String()),
    correctedOn: Nullable(Type.String()),
    count: Type.Integer(),
  }),
  extension: Type.Object({ days: Nullable(Type.Integer()), approvedOn: Nullable(Type.String()) }),
  fee: Nullable(
    Type.Object({
      method: Type.String({ description: 'piece 按件计收 | volume 按量计收' }),
      methodName: Type.String(),
      quantity: Type.Integer(),
      monthCount: Nullable(Type.Integer({ description: '按件：该申请人本自然月累计件数（含本申请）' })),
      amountYuan: Type.Integer({ description: '收费金额（元）' }),
      noticedOn: Type.String(),
      dueOn: Type.String({ description: '缴费期限（收到收费通知次日起 20 个工作日）' }),
      paidOn: Nullable(Type.String()),
      waivedOn: Nullable(Type.String()),
      waiverReason: Nullable(Type.String()),
      status: Type.String({ description: 'due | paid | waived | lapsed' }),
      statusName: Type.String(),
    }),
  ),
  outcome: Nullable(Type.String()),
  outcomeName: Nullable(Type.String()),
  repliedOn: Nullable(Type.String()),
  replyNumber: Nullable(Type.String()),
  replyLetterUrl: Nullable(Type.String()),
  pageUrl: Type.String(),
});

export const RequestListSchema = pageOf(RequestSchema);

export const RegisterRequestBodySchema = Type.Object(
  {
    orgId: Type.String({ maxLength: 64, description: '受理机关' }),
    channel: Type.String({
      maxLength: 20,
      description:
        'counter 当面提交 | post 邮寄（签收之日）| letter 平常信函（确认之日）| fax 传真（确认之日）',
    }),
    receivedOn: Type.String({ maxLength: 10, description: '收到申请之日（条例第三十一条），不晚于今天' }),
    applicantType: Type.String({ maxLength: 20, description: 'person 公民 | organisation 法人或其他组织' }),
    applicantName: Text(200),
    idType: Type.Optional(
      Type.String({
        maxLength: 20,
        description:
          '公民的证件类型：居民身份证（校验）、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证、其他',
      }),
    ),
    idNumber: Type.String({
      maxLength: 60,
      description: '证件号码；法人或其他组织为统一社会信用代码（校验）',
    }),
    phone: Type.String({ maxLength: 40 }),
    address: Type.Optional(Text(400)),
    applicantCategory: Type.Optional(Type.String({ maxLength: 20 })),
    description: Text(4000),
    docNumber: Type.Optional(Text(120)),
    purpose: Type.Optional(Text(1000)),
    delivery: Type.String({ maxLength: 20, description: 'electronic | paper | mail | pickup | inspect' }),
  },
  { additionalProperties: false },
);
export const CorrectionBodySchema = Type.Object({ text: Text(4000) }, { additionalProperties: false });

export const OutcomeListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      group: Type.String(),
      name: Type.String(),
      reasonRequired: Type.Boolean(),
    }),
  ),
});
export const OUTCOME_CODES = OUTCOMES.map((o) => o.code);

export const ReportQuerySchema = Type.Object(
  { orgId: Type.String({ maxLength: 64 }), year: Type.Integer({ minimum: 1, maximum: 9999 }) },
  { additionalProperties: false },
);

const Count = Type.Number();
const Group = Type.Object({
  maintained: Count,
  corrected: Count,
  other: Count,
  pending: Count,
  total: Count,
});

export const ReportSchema = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  year: Type.Integer(),
  status: Type.String(),
  publishedAt: Nullable(Type.String()),
  table1: Type.Object({
    regulations: Type.Object({ issued: Count, repealed: Count, inForce: Count }),
    normativeDocuments: Type.Object({ issued: Count, repealed: Count, inForce: Count }),
    licensingDecisions: Count,
    penaltyDecisions: Count,
    coercionDecisions: Count,
    feesTenThousandYuan: Count,
  }),
  table2: Type.Object({
    columns: Type.Array(Type.String()),
    rows: Type.Array(
      Type.Object({
        key: Type.String(),
        label: Type.String(),
        level: Type.Integer(),
        counts: Type.Array(Count),
      }),
    ),
  }),
  table3: Type.Object({
    reconsideration: Group,
    litigationDirect: Group,
    litigationAfterReconsideration: Group,
  }),
  crossCheck: Type.Object({
    ok: Type.Boolean(),
    problems: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
  narrative: Nullable(
    Type.Object({ overview: Type.String(), problems: Type.String(), other: Type.String() }),
  ),
  informationFees: Type.Object(
    {
      notices: Count,
      paid: Count,
      waived: Count,
      lapsed: Count,
      amountYuan: Type.Number({ description: '本年已缴纳的信息处理费（元）' }),
    },
    { description: '本年信息处理费（国办函〔2020〕109号）；逾期未缴费结案的同时计入第三项（六）2' },
  ),
});

const Num = Type.Optional(Type.Number());
export const ReportBodySchema = Type.Object(
  {
    orgId: Type.String({ maxLength: 64 }),
    year: Type.Integer({ minimum: 1, maximum: 9999 }),
    narrative: Type.Optional(
      Type.Object(
        {
          overview: Type.Optional(Text(40000)),
          problems: Type.Optional(Text(40000)),
          other: Type.Optional(Text(40000)),
        },
        { additionalProperties: false },
      ),
    ),
    entered: Type.Optional(
      Type.Object(
        {
          table1: Type.Optional(
            Type.Object(
              {
                licensingDecisions: Num,
                penaltyDecisions: Num,
                coercionDecisions: Num,
                feesTenThousandYuan: Num,
              },
              { additionalProperties: false },
            ),
          ),
          table3: Type.Optional(
            Type.Record(
              Type.String({ maxLength: 40 }),
              Type.Record(Type.String({ maxLength: 20 }), Type.Number()),
            ),
          ),
          offline: Type.Optional(
            Type.Record(Type.String({ maxLength: 40 }), Type.Array(Type.Number(), { maxItems: 10 })),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PublishBodySchema = Type.Object(
  { orgId: Type.String({ maxLength: 64 }), year: Type.Integer({ minimum: 1, maximum: 9999 }) },
  { additionalProperties: false },
);
