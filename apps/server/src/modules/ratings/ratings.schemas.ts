// Request and response schemas of the 好差评 API.
import { Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Score = Type.Integer({ minimum: 1, maximum: 5 });
const PeriodSchema = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$',
  description: 'YYYY-MM（月）或 YYYY（年）',
});
const RectificationStatusSchema = Type.Union([
  Type.Literal('none'),
  Type.Literal('open'),
  Type.Literal('rectified'),
]);

export const SubmitRatingBodySchema = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    score: Score,
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    indicators: Type.Optional(
      Type.Object(
        {
          efficiency: Type.Optional(Score),
          guideAccuracy: Type.Optional(Score),
          convenience: Type.Optional(Score),
          usability: Type.Optional(Score),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const RatingSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  caseType: Type.String(),
  subject: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  score: Type.Integer(),
  levelName: Type.String(),
  bad: Type.Boolean(),
  comment: Type.String(),
  indicators: Type.Object({
    efficiency: Nullable(Type.Integer()),
    guideAccuracy: Nullable(Type.Integer()),
    convenience: Nullable(Type.Integer()),
    usability: Nullable(Type.Integer()),
  }),
  ratedOn: Type.String(),
  createdAt: Type.String(),
  rectification: Nullable(
    Type.Object({
      caseId: Nullable(Type.String()),
      caseNumber: Nullable(Type.String()),
      status: RectificationStatusSchema,
      statusName: Type.String(),
      deadline: Nullable(Type.String()),
      note: Nullable(Type.String()),
      followupNote: Nullable(Type.String()),
      rectifiedAt: Nullable(Type.String()),
    }),
  ),
});

export const RatingListSchema = pageOf(RatingSchema);

export const RatingListQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    period: Type.Optional(PeriodSchema),
    orgId: Type.Optional(Type.String({ format: 'uuid' })),
    bad: Type.Optional(Type.Boolean()),
    score: Type.Optional(Score),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    rectification: Type.Optional(RectificationStatusSchema),
  },
  { additionalProperties: false },
);

export const UnitResultsQuerySchema = Type.Object(
  { period: Type.Optional(PeriodSchema) },
  { additionalProperties: false },
);

export const UnitResultsSchema = Type.Object({
  period: Type.String(),
  periodName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: Type.Object({
    count: Type.Integer(),
    satisfiedCount: Type.Integer(),
    satisfactionRate: Type.Number(),
    satisfactionText: Type.String(),
    badCount: Type.Integer(),
    rectifiedCount: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      orgId: Type.String(),
      orgName: Type.String(),
      count: Type.Integer(),
      satisfiedCount: Type.Integer(),
      satisfactionRate: Type.Number(),
      satisfactionText: Type.String(),
      averageScore: Type.Number(),
      badCount: Type.Integer(),
      rectifiedCount: Type.Integer(),
      rectificationRate: Type.Number(),
    }),
  ),
});
