// Request and response schemas of the electronic licence API.
import { Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IdParamsSchema = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

const StatusSchema = Type.Union([
  Type.Literal('valid'),
  Type.Literal('not_yet_valid'),
  Type.Literal('expired'),
  Type.Literal('revoked'),
]);

export const LicenceSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  licenceName: Type.String(),
  holderName: Type.String(),
  holderKind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
  holderKindName: Type.String(),
  holderCodeMasked: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  validFrom: Type.String(),
  validUntil: Nullable(Type.String()),
  scope: Type.String(),
  data: Type.Record(Type.String(), Type.String()),
  issuedOn: Type.String(),
  issuedAt: Type.String(),
  status: StatusSchema,
  statusName: Type.String(),
  revokedReason: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokedByName: Nullable(Type.String()),
  keyId: Type.String(),
  verifyUrl: Type.String(),
});

export const LicenceDetailSchema = Type.Object({
  ...LicenceSchema.properties,
  signatureValid: Type.Boolean(),
  signatureProblem: Nullable(Type.String()),
});

export const LicenceListSchema = pageOf(LicenceSchema);
export const MyLicenceListSchema = Type.Object({ items: Type.Array(LicenceSchema) });

export const LicenceListQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(
      Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('expired')]),
    ),
    orgId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const RevokeBodySchema = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

export const VerifyQuerySchema = Type.Object(
  {
    no: Type.String({ minLength: 1, maxLength: 64 }),
    sig: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const PublicLicenceSchema = Type.Object({
  number: Type.String(),
  licenceName: Type.String(),
  holderName: Type.String(),
  holderKind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
  holderKindName: Type.String(),
  holderCode: Nullable(Type.String()),
  orgName: Type.String(),
  validFrom: Type.String(),
  validUntil: Nullable(Type.String()),
  validityText: Type.String(),
  scope: Type.String(),
  data: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  issuedOn: Type.String(),
  status: Type.Union([StatusSchema, Type.Literal('invalid')]),
  statusName: Type.String(),
  signatureValid: Type.Boolean(),
  problem: Nullable(Type.String()),
  revokedOn: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
  checkedOn: Type.String(),
  algorithm: Type.String(),
});
