// Request and response schemas of the services API (docs/services.md). Bodies are checked for shape
// here; the Chinese, field-by-field rules (lengths, codes, phone numbers, the form definition) are in
// services.rules.ts and forms/, which answer 422 with every problem named.
import { type TSchema, Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';
import { FIELD_TYPES, PREFILL_KIND_NAMES } from './forms/form-types.ts';
import {
  AUDIENCES,
  DAY_UNITS,
  ITEM_STATUSES,
  ITEM_TYPE_CODES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  RESULT_TYPES,
} from './services.taxonomy.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
// Union of string literals whose static type is the union of the values (not never).
const Literals = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const Uuid = Type.String({ format: 'uuid' });

export const IdParamsSchema = Type.Object({ id: Uuid }, { additionalProperties: false });
export const MaterialFileParamsSchema = Type.Object(
  { id: Uuid, materialId: Uuid, kind: Type.Union([Type.Literal('blank'), Type.Literal('sample')]) },
  { additionalProperties: false },
);

// The enumerations come from the code lists in services.taxonomy.ts, which the editor also receives.
const Codes = <T extends string>(list: readonly { code: T }[]) => Literals(list.map((x) => x.code));
const DayUnitSchema = Codes(DAY_UNITS);
const AudienceSchema = Codes(AUDIENCES);
const ItemTypeSchema = Literals(ITEM_TYPE_CODES as readonly string[]);
const StatusSchema = Codes(ITEM_STATUSES);

// ---------------------------------------------------------------- form definition

const OptionSchema = Type.Object({ value: Type.String(), label: Type.String() });
const VisibleWhenSchema = Type.Object({
  field: Type.String(),
  equals: Type.Union([Type.String(), Type.Array(Type.String())]),
});
const fieldProps = {
  key: Type.String(),
  label: Type.String(),
  type: Literals(FIELD_TYPES),
  required: Type.Optional(Type.Boolean()),
  help: Type.Optional(Type.String()),
  placeholder: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(OptionSchema)),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  integer: Type.Optional(Type.Boolean()),
  unit: Type.Optional(Type.String()),
  maxLength: Type.Optional(Type.Integer()),
  visibleWhen: Type.Optional(VisibleWhenSchema),
  prefill: Type.Optional(Literals(Object.keys(PREFILL_KIND_NAMES) as (keyof typeof PREFILL_KIND_NAMES)[])),
};
const SubFieldSchema = Type.Object(fieldProps);
export const FormFieldSchema = Type.Object({
  ...fieldProps,
  fields: Type.Optional(Type.Array(SubFieldSchema)),
  minItems: Type.Optional(Type.Integer()),
  maxItems: Type.Optional(Type.Integer()),
});
const FlatFieldSchema = Type.Object({ ...FormFieldSchema.properties, section: Type.String() });
const FormSectionSchema = Type.Object({
  key: Type.String(),
  title: Type.String(),
  fields: Type.Array(FormFieldSchema),
});
export const FormDefinitionSchema = Type.Object({ sections: Type.Array(FormSectionSchema) });

/**
 * A form definition as sent by the editor: the outer shape only. Everything inside is checked by
 * validateFormDefinition, which names each problem by its path (422 FORM_INVALID / ITEM_INVALID).
 */
export const FormDefinitionBodySchema = Type.Object(
  { sections: Type.Array(Type.Unknown(), { maxItems: 30 }) },
  {
    additionalProperties: false,
    description:
      '表单定义：sections[{key,title,fields[{key,label,type,required?,help?,placeholder?,options?,min?,max?,integer?,unit?,maxLength?,visibleWhen?,prefill?,fields?,minItems?,maxItems?}]}]',
  },
);

// ---------------------------------------------------------------- item content

const FeeRuleSchema = Type.Union([
  Type.Object({ mode: Type.Literal('free') }, { additionalProperties: false }),
  Type.Object({ mode: Type.Literal('fixed'), amountFen: Type.Integer() }, { additionalProperties: false }),
  Type.Object(
    {
      mode: Type.Literal('per_unit'),
      unitFen: Type.Integer(),
      quantityField: Str(40),
      unitName: Str(10),
    },
    { additionalProperties: false },
  ),
]);
const FeeWhenSchema = Type.Object(
  { field: Str(40), equals: Type.Union([Str(100), Type.Array(Str(100), { maxItems: 50 })]) },
  { additionalProperties: false },
);
const FeeInputSchema = Type.Object(
  {
    name: Str(200),
    standard: Str(1000),
    basis: Str(1000),
    rule: FeeRuleSchema,
    reducible: Type.Optional(Type.Boolean()),
    reductionBasis: Type.Optional(Str(1000)),
    when: Type.Optional(FeeWhenSchema),
  },
  { additionalProperties: false },
);
const FeeSchema = Type.Object({
  name: Type.String(),
  standard: Type.String(),
  basis: Type.String(),
  rule: Type.Object({
    mode: Type.String(),
    amountFen: Type.Optional(Type.Integer()),
    unitFen: Type.Optional(Type.Integer()),
    quantityField: Type.Optional(Type.String()),
    unitName: Type.Optional(Type.String()),
  }),
  reducible: Type.Optional(Type.Boolean()),
  reductionBasis: Type.Optional(Type.String()),
  when: Type.Optional(VisibleWhenSchema),
});

const SpecialProcedureInputSchema = Type.Object(
  {
    name: Str(200),
    days: Type.Integer(),
    unit: Type.Optional(DayUnitSchema),
    basis: Type.Optional(Str(1000)),
    counted: Type.Boolean(),
    note: Type.Optional(Str(1000)),
  },
  { additionalProperties: false },
);
const SpecialProcedureSchema = Type.Object({
  name: Type.String(),
  days: Type.Integer(),
  unit: DayUnitSchema,
  basis: Type.String(),
  counted: Type.Boolean(),
  note: Type.String(),
});

const LocationInputSchema = Type.Object(
  {
    name: Str(200),
    address: Str(400),
    hours: Str(400),
    phone: Type.Optional(Nullable(Str(40))),
    transport: Type.Optional(Str(400)),
  },
  { additionalProperties: false },
);
const LocationSchema = Type.Object({
  name: Type.String(),
  address: Type.String(),
  hours: Type.String(),
  phone: Nullable(Type.String()),
  transport: Type.String(),
});

const ContactInputSchema = Type.Object(
  {
    phone: Type.Optional(Nullable(Str(40))),
    url: Type.Optional(Nullable(Str(500))),
    email: Type.Optional(Nullable(Str(200))),
    address: Type.Optional(Nullable(Str(400))),
    note: Type.Optional(Str(1000)),
  },
  { additionalProperties: false },
);
const ContactSchema = Type.Object({
  phone: Nullable(Type.String()),
  url: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
  note: Type.String(),
});

const RemedyInputSchema = Type.Object(
  {
    body: Str(200),
    address: Type.Optional(Str(400)),
    phone: Type.Optional(Nullable(Str(40))),
    url: Type.Optional(Nullable(Str(500))),
  },
  { additionalProperties: false },
);
const RemedySchema = Type.Object({
  body: Type.String(),
  address: Type.String(),
  phone: Nullable(Type.String()),
  url: Nullable(Type.String()),
});
const RemediesInputSchema = Type.Object(
  {
    reconsideration: Type.Optional(Nullable(RemedyInputSchema)),
    litigation: Type.Optional(Nullable(RemedyInputSchema)),
  },
  { additionalProperties: false },
);
const RemediesSchema = Type.Object({
  reconsideration: Nullable(RemedySchema),
  litigation: Nullable(RemedySchema),
});

const FaqInputSchema = Type.Object(
  { question: Str(400), answer: Str(4000) },
  { additionalProperties: false },
);
const FaqSchema = Type.Object({ question: Type.String(), answer: Type.String() });

const ResultTypeSchema = Codes(RESULT_TYPES);
const ResultInputSchema = Type.Object(
  { type: ResultTypeSchema, name: Str(200), validityYears: Type.Optional(Nullable(Type.Integer())) },
  { additionalProperties: false },
);
const ResultSchema = Type.Object({
  type: ResultTypeSchema,
  name: Type.String(),
  validityYears: Nullable(Type.Integer()),
});

const NecessitySchema = Codes(MATERIAL_NECESSITIES);
const OriginalOrCopySchema = Codes(MATERIAL_FORMS);
const MediumSchema = Codes(MATERIAL_MEDIA);
const SourceSchema = Codes(MATERIAL_SOURCES);

const MaterialInputSchema = Type.Object(
  {
    id: Type.Optional(Uuid),
    name: Str(400),
    necessity: NecessitySchema,
    originalOrCopy: OriginalOrCopySchema,
    medium: MediumSchema,
    copies: Type.Optional(Type.Integer()),
    source: SourceSchema,
    sourceNote: Type.Optional(Str(400)),
    note: Type.Optional(Str(2000)),
    basis: Type.Optional(Str(1000)),
    acceptanceStandard: Type.Optional(Str(2000)),
    blankFileId: Type.Optional(Nullable(Uuid)),
    sampleFileId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
const materialProps = {
  id: Type.String(),
  name: Type.String(),
  required: Type.Boolean(),
  necessity: NecessitySchema,
  originalOrCopy: OriginalOrCopySchema,
  medium: MediumSchema,
  copies: Type.Integer(),
  source: SourceSchema,
  sourceNote: Type.String(),
  note: Type.String(),
  basis: Type.String(),
  acceptanceStandard: Type.String(),
  blankFileId: Nullable(Type.String()),
  sampleFileId: Nullable(Type.String()),
};
const MaterialSchema = Type.Object(materialProps);
const GuideMaterialSchema = Type.Object({
  ...materialProps,
  blankFileUrl: Nullable(Type.String()),
  sampleFileUrl: Nullable(Type.String()),
});

/** Optional content properties of create and update bodies. */
const contentInputProps = {
  handleCode: Type.Optional(Nullable(Str(60))),
  audience: Type.Optional(Type.Array(AudienceSchema, { maxItems: 2 })),
  themes: Type.Optional(Type.Array(Str(40), { maxItems: 20 })),
  lifeEvents: Type.Optional(Type.Array(Str(40), { maxItems: 20 })),
  legalBasis: Type.Optional(Str(10000)),
  acceptanceConditions: Type.Optional(Str(10000)),
  quantityLimit: Type.Optional(Str(1000)),
  legalLimitDays: Type.Optional(Nullable(Type.Integer())),
  legalLimitUnit: Type.Optional(Nullable(DayUnitSchema)),
  legalLimitNote: Type.Optional(Str(1000)),
  promisedLimitDays: Type.Optional(Nullable(Type.Integer())),
  promisedLimitUnit: Type.Optional(Nullable(DayUnitSchema)),
  promisedLimitNote: Type.Optional(Str(1000)),
  specialProcedures: Type.Optional(Type.Array(SpecialProcedureInputSchema, { maxItems: 50 })),
  processDescription: Type.Optional(Str(10000)),
  visitsRequired: Type.Optional(Type.Integer()),
  visitsExplanation: Type.Optional(Str(1000)),
  onlineDepth: Type.Optional(Type.Integer()),
  locations: Type.Optional(Type.Array(LocationInputSchema, { maxItems: 50 })),
  consultation: Type.Optional(ContactInputSchema),
  complaint: Type.Optional(ContactInputSchema),
  remedies: Type.Optional(RemediesInputSchema),
  faq: Type.Optional(Type.Array(FaqInputSchema, { maxItems: 100 })),
  result: Type.Optional(ResultInputSchema),
  fees: Type.Optional(Type.Array(FeeInputSchema, { maxItems: 50 })),
  materials: Type.Optional(Type.Array(MaterialInputSchema, { maxItems: 200 })),
  processCode: Type.Optional(Nullable(Str(64))),
  form: Type.Optional(FormDefinitionBodySchema),
};

export const CreateItemBodySchema = Type.Object(
  {
    orgId: Uuid,
    name: Str(400),
    basicCode: Str(40),
    implementationCode: Str(60),
    itemType: ItemTypeSchema,
    ...contentInputProps,
  },
  { additionalProperties: false },
);

export const UpdateItemBodySchema = Type.Object(
  {
    orgId: Type.Optional(Uuid),
    name: Type.Optional(Str(400)),
    basicCode: Type.Optional(Str(40)),
    implementationCode: Type.Optional(Str(60)),
    itemType: Type.Optional(ItemTypeSchema),
    ...contentInputProps,
  },
  { additionalProperties: false, minProperties: 1 },
);

export const FormBodySchema = Type.Object(
  { form: FormDefinitionBodySchema },
  { additionalProperties: false },
);
export const SuspendBodySchema = Type.Object({ reason: Str(1000) }, { additionalProperties: false });

// ---------------------------------------------------------------- answers

const itemCommon = {
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  basicCode: Type.String(),
  implementationCode: Type.String(),
  handleCode: Nullable(Type.String()),
  itemType: Type.String(),
  itemTypeName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  audience: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  legalBasis: Type.String(),
  acceptanceConditions: Type.String(),
  quantityLimit: Type.String(),
  legalLimitDays: Nullable(Type.Integer()),
  legalLimitUnit: Nullable(DayUnitSchema),
  legalLimitNote: Type.String(),
  promisedLimitDays: Nullable(Type.Integer()),
  promisedLimitUnit: Nullable(DayUnitSchema),
  promisedLimitNote: Type.String(),
  caseKind: Type.String(),
  caseKindName: Type.String(),
  specialProcedures: Type.Array(SpecialProcedureSchema),
  processDescription: Type.String(),
  visitsRequired: Type.Integer(),
  visitsExplanation: Type.String(),
  onlineDepth: Type.Integer(),
  onlineDepthName: Type.String(),
  locations: Type.Array(LocationSchema),
  consultation: ContactSchema,
  complaint: ContactSchema,
  remedies: RemediesSchema,
  faq: Type.Array(FaqSchema),
  result: ResultSchema,
  fees: Type.Array(FeeSchema),
  feeFree: Type.Boolean(),
  processCode: Nullable(Type.String()),
  status: StatusSchema,
  statusName: Type.String(),
  version: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

export const ServiceItemSchema = Type.Object({
  ...itemCommon,
  statusReason: Nullable(Type.String()),
  materials: Type.Array(MaterialSchema),
  form: FormDefinitionSchema,
});

export const ServiceGuideSchema = Type.Object({
  ...itemCommon,
  materials: Type.Array(GuideMaterialSchema),
  form: Type.Object({ sections: Type.Array(FormSectionSchema), fields: Type.Array(FlatFieldSchema) }),
});

export const ItemSummarySchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  basicCode: Type.String(),
  implementationCode: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  itemType: Type.String(),
  itemTypeName: Type.String(),
  audience: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  legalLimitDays: Nullable(Type.Integer()),
  legalLimitUnit: Nullable(Type.String()),
  promisedLimitDays: Nullable(Type.Integer()),
  promisedLimitUnit: Nullable(Type.String()),
  caseKind: Type.String(),
  caseKindName: Type.String(),
  onlineDepth: Type.Integer(),
  onlineDepthName: Type.String(),
  visitsRequired: Type.Integer(),
  feeFree: Type.Boolean(),
  status: Type.String(),
  statusName: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
export const ItemPageSchema = pageOf(ItemSummarySchema);

/** Filters of both lists; staff may also filter by status (the public list shows published items only). */
const listQueryProps = {
  q: Type.Optional(Str(100)),
  orgId: Type.Optional(Uuid),
  theme: Type.Optional(Str(40)),
  audience: Type.Optional(AudienceSchema),
  lifeEvent: Type.Optional(Str(40)),
  itemType: Type.Optional(ItemTypeSchema),
  ...PageQuerySchema.properties,
};
export const PublicListQuerySchema = Type.Object(listQueryProps, { additionalProperties: false });
export const ManageListQuerySchema = Type.Object(
  { ...listQueryProps, status: Type.Optional(StatusSchema) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- forms, taxonomy, regions

export const FormValidateBodySchema = Type.Object(
  { form: FormDefinitionBodySchema, data: Type.Unknown() },
  { additionalProperties: false },
);
const ProblemSchema = Type.Object({ field: Type.String(), message: Type.String() });
export const FormValidateAnswerSchema = Type.Object({
  ok: Type.Boolean(),
  problems: Type.Array(ProblemSchema),
  definitionProblems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  values: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const CodeName = Type.Object({ code: Type.String(), name: Type.String() });
const CodeNameAudience = Type.Object({
  code: Type.String(),
  name: Type.String(),
  audience: Type.Array(Type.String()),
});
export const TaxonomySchema = Type.Object({
  itemTypes: Type.Array(CodeName),
  themes: Type.Array(CodeNameAudience),
  lifeEvents: Type.Array(CodeNameAudience),
  onlineDepths: Type.Array(
    Type.Object({ level: Type.Integer(), name: Type.String(), description: Type.String() }),
  ),
  audiences: Type.Array(CodeName),
  dayUnits: Type.Array(CodeName),
  materialNecessities: Type.Array(CodeName),
  materialForms: Type.Array(CodeName),
  materialMedia: Type.Array(CodeName),
  materialSources: Type.Array(CodeName),
  resultTypes: Type.Array(CodeName),
  statuses: Type.Array(CodeName),
  fieldTypes: Type.Array(CodeName),
  prefillKinds: Type.Array(CodeName),
});

export const RegionQuerySchema = Type.Object(
  { parent: Type.Optional(Type.String({ pattern: '^\\d{6}(\\d{3})?$' })) },
  { additionalProperties: false },
);
export const RegionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.String(),
      fullName: Type.String(),
      hasChildren: Type.Boolean(),
    }),
  ),
});
