// Request and response schemas of the case engine API (docs/case-engine.md).
import { Type } from 'typebox';
import { PROCESS_CODE_RE } from '../../../../shared/process.ts';
import { PageQuerySchema } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const LevelSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]);
// Definitions are checked by validateDefinition (Chinese problems with paths), not by the schema.
const DefinitionSchema = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const AnyObject = Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const VersionParams = Type.Object(
  { id: Uuid, version: Type.Integer({ minimum: 1, maximum: 100000 }) },
  { additionalProperties: false },
);
export const ExtensionParams = Type.Object({ id: Uuid, extId: Uuid }, { additionalProperties: false });

// ---------------------------------------------------------------- processes

export const ProblemSchema = Type.Object({ path: Type.String(), message: Type.String() });
export const ValidateBody = Type.Object({ definition: DefinitionSchema }, { additionalProperties: false });
export const ValidateAnswer = Type.Object({ ok: Type.Boolean(), problems: Type.Array(ProblemSchema) });

export const CreateProcessBody = Type.Object(
  {
    code: Type.String({ pattern: PROCESS_CODE_RE.source }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    caseType: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    orgId: Type.Optional(Nullable(Uuid)),
    definition: DefinitionSchema,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const VersionBody = Type.Object(
  { definition: DefinitionSchema, note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const ProcessListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    caseType: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const ProcessSummaryProps = {
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  caseType: Type.String(),
  caseTypeName: Type.String(),
  description: Type.String(),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  publishedVersion: Nullable(Type.Integer()),
  draftVersion: Nullable(Type.Integer()),
  latestVersion: Type.Integer(),
  updatedAt: Type.String(),
};
export const ProcessSummarySchema = Type.Object(ProcessSummaryProps);
export const ProcessListSchema = Type.Object({
  items: Type.Array(ProcessSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const VersionSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]),
  note: Type.String(),
  definition: DefinitionSchema,
  problems: Type.Array(ProblemSchema),
  createdAt: Type.String(),
  createdByName: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedByName: Nullable(Type.String()),
  caseCount: Type.Integer(),
});
export const ProcessDetailSchema = Type.Object({
  ...ProcessSummaryProps,
  versions: Type.Array(VersionSchema),
});
export const CaseTypesSchema = Type.Object({
  items: Type.Array(Type.Object({ type: Type.String(), name: Type.String() })),
});

// ---------------------------------------------------------------- tasks

export const ActionViewSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: Type.Union([Type.Literal('forward'), Type.Literal('return'), Type.Literal('transfer')]),
  commentRequired: Type.Boolean(),
  /** For returns without a fixed target: the earlier steps this case may go back to. */
  returnTargets: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))),
});

export const TaskListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    caseType: Type.Optional(Type.String({ maxLength: 40 })),
    level: Type.Optional(LevelSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const TaskItemSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  caseType: Type.String(),
  caseTypeName: Type.String(),
  subject: Type.String(),
  step: Type.String(),
  stepName: Type.String(),
  actions: Type.Array(ActionViewSchema),
  dueDate: Nullable(Type.String()),
  level: LevelSchema,
  caseDueDate: Nullable(Type.String()),
  caseLevel: LevelSchema,
  caseStatus: Type.String(),
  claimedBy: Nullable(Type.String()),
  claimedByName: Nullable(Type.String()),
  openedAt: Type.String(),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  applicantName: Type.String(),
});
export const TaskListSchema = Type.Object({
  items: Type.Array(TaskItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const ActBody = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 40 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    data: Type.Optional(AnyObject),
  },
  { additionalProperties: false },
);
export const ClaimAnswer = Type.Object({ taskId: Type.String(), claimedBy: Type.String() });

// ---------------------------------------------------------------- cases

const LimitSchema = Nullable(
  Type.Object({ days: Type.Integer(), unit: Type.Union([Type.Literal('working'), Type.Literal('natural')]) }),
);
export const CaseViewSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  caseType: Type.String(),
  caseTypeName: Type.String(),
  processVersionId: Type.String(),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  subject: Type.String(),
  applicantUserId: Nullable(Type.String()),
  applicantName: Type.String(),
  refType: Nullable(Type.String()),
  refId: Nullable(Type.String()),
  data: AnyObject,
  status: Type.String(),
  statusName: Type.String(),
  outcome: Nullable(Type.String()),
  receivedOn: Type.String(),
  clockStartedOn: Nullable(Type.String()),
  legal: LimitSchema,
  promised: LimitSchema,
  extendedDays: Type.Integer(),
  pausedDays: Type.Integer(),
  legalDeadline: Nullable(Type.String()),
  promisedDeadline: Nullable(Type.String()),
  warnOn: Nullable(Type.String()),
  deadlineProvisional: Type.Boolean({
    description: '期限用到了尚未发布节假日安排的年度（按法定节假日暂定），通知发布后会重新计算',
  }),
  level: LevelSchema,
  completedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  currentSteps: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
});
export const CaseListQuery = Type.Object(
  {
    ...PageQuerySchema.properties,
    type: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(
      Type.Union([
        Type.Literal('open'),
        Type.Literal('paused'),
        Type.Literal('completed'),
        Type.Literal('cancelled'),
      ]),
    ),
    level: Type.Optional(LevelSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    orgId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export const CaseListSchema = Type.Object({
  items: Type.Array(CaseViewSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const TimelineEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  stepKey: Nullable(Type.String()),
  stepName: Nullable(Type.String()),
  action: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorOrgName: Nullable(Type.String()),
  data: AnyObject,
  public: Type.Boolean(),
});
export const CaseTaskSchema = Type.Object({
  id: Type.String(),
  stepKey: Type.String(),
  stepName: Type.String(),
  assigneeType: Type.String(),
  assigneeName: Type.String(),
  roleCode: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  claimedBy: Nullable(Type.String()),
  claimedByName: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  level: LevelSchema,
  openedAt: Type.String(),
  mayAct: Type.Boolean(),
  actions: Type.Array(ActionViewSchema),
});
export const PauseSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  reason: Type.String(),
  startedOn: Type.String(),
  expectedDays: Nullable(Type.Integer()),
  endedOn: Nullable(Type.String()),
  countedDays: Nullable(Type.Integer()),
});
export const ExtensionSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  days: Type.Integer(),
  reason: Type.String(),
  status: Type.String(),
  requestedBy: Nullable(Type.String()),
  requestedByName: Nullable(Type.String()),
  requestedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
});
export const CaseDetailSchema = Type.Object({
  case: CaseViewSchema,
  timeline: Type.Array(TimelineEntrySchema),
  tasks: Type.Array(CaseTaskSchema),
  pauses: Type.Array(PauseSchema),
  extensions: Type.Array(ExtensionSchema),
  permissions: Type.Object({
    pause: Type.Boolean(),
    resume: Type.Boolean(),
    requestExtension: Type.Boolean(),
    decideExtension: Type.Boolean(),
  }),
});
export const PauseBody = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('correction'),
      Type.Literal('hearing'),
      Type.Literal('expert_review'),
      Type.Literal('inspection'),
      Type.Literal('third_party'),
      Type.Literal('consultation'),
      Type.Literal('other'),
    ]),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    expectedDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 365 }))),
  },
  { additionalProperties: false },
);
// Resume takes no body (the console posts nothing); restarting the period is a query flag.
export const ResumeQuery = Type.Object(
  { restart: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const ExtensionBody = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 365 }),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object(
  { approve: Type.Boolean(), comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- public lookup

export const PublicLookupQuery = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40 }),
    queryCode: Type.String({ minLength: 1, maxLength: 16 }),
  },
  { additionalProperties: false },
);
export const PublicCaseSchema = Type.Object({
  number: Type.String(),
  caseTypeName: Type.String(),
  subject: Type.String(),
  orgName: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  receivedOn: Type.String(),
  legalDeadline: Nullable(Type.String()),
  promisedDeadline: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  currentSteps: Type.Array(Type.String()),
  timeline: Type.Array(
    Type.Object({ at: Type.String(), title: Type.String(), stepName: Nullable(Type.String()) }),
  ),
});
