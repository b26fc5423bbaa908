// Request and response schemas of the identity API. They validate requests and generate the OpenAPI
// document, so the console and the server read the same contract (docs/api-foundation.md).
import { Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const UuidSchema = Type.String({ format: 'uuid' });
export const IdParamsSchema = Type.Object({ id: UuidSchema }, { additionalProperties: false });
export const AssignmentParamsSchema = Type.Object(
  { id: UuidSchema, assignmentId: UuidSchema },
  { additionalProperties: false },
);

const AdminClassSchema = Nullable(
  Type.Union([Type.Literal('system'), Type.Literal('security'), Type.Literal('audit')]),
);
const ScopeSchema = Type.Union([Type.Literal('platform'), Type.Literal('org'), Type.Literal('own')]);
const UserKindSchema = Type.Union([
  Type.Literal('staff'),
  Type.Literal('citizen'),
  Type.Literal('enterprise'),
]);
// Bounds of what a sign-in or password form may send; the rules themselves are in identity.rules.ts.
const UsernameInput = Type.String({ minLength: 1, maxLength: 64 });
const PasswordInput = Type.String({ minLength: 1, maxLength: 512 });
const OrgKindSchema = Type.Union([Type.Literal('region'), Type.Literal('department'), Type.Literal('unit')]);

// ---------------------------------------------------------------- session

export const SessionRoleSchema = Type.Object({
  assignmentId: Type.String(),
  roleId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  adminClass: AdminClassSchema,
  scope: ScopeSchema,
  scopeOrgId: Nullable(Type.String()),
  scopeOrgName: Nullable(Type.String()),
});

/** Who an account is: the head of the session user, the profile and the staff view of a user. */
const accountProps = {
  id: Type.String(),
  username: Type.String(),
  kind: UserKindSchema,
  displayName: Type.String(),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
};

export const SessionUserSchema = Type.Object({
  ...accountProps,
  permissions: Type.Array(Type.String()),
  roles: Type.Array(SessionRoleSchema),
  mustChangePassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  totpSetupRequired: Type.Boolean(),
});

export const SessionAnswerSchema = Type.Object({ user: SessionUserSchema, csrfToken: Type.String() });

export const LoginBodySchema = Type.Object(
  {
    username: UsernameInput,
    password: PasswordInput,
    otp: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
);

export const PasswordChangeBodySchema = Type.Object(
  {
    currentPassword: PasswordInput,
    newPassword: PasswordInput,
  },
  { additionalProperties: false },
);

export const TotpSetupSchema = Type.Object({
  secret: Type.String(),
  otpauthUri: Type.String(),
  qrDataUrl: Type.String(),
});
export const TotpEnableBodySchema = Type.Object(
  { otp: Type.String({ minLength: 1, maxLength: 12 }) },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- registration and profile

export const CitizenRegistrationSchema = Type.Object(
  {
    kind: Type.Literal('citizen'),
    username: UsernameInput,
    password: PasswordInput,
    realName: Type.String({ minLength: 1, maxLength: 100 }),
    idNumber: Type.String({ minLength: 1, maxLength: 40 }),
    phone: Type.String({ minLength: 1, maxLength: 30 }),
  },
  { additionalProperties: false, title: '个人账号注册' },
);

export const EnterpriseRegistrationSchema = Type.Object(
  {
    kind: Type.Literal('enterprise'),
    username: UsernameInput,
    password: PasswordInput,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    creditCode: Type.String({ minLength: 1, maxLength: 40 }),
    creditCodeNote: Type.Optional(
      Type.String({
        maxLength: 500,
        description: '仅限持有“管理用户”权限的工作人员代为注册时填写：校验位不符的早期代码的核验说明',
      }),
    ),
    legalRepresentative: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.String({ minLength: 1, maxLength: 30 }),
  },
  { additionalProperties: false, title: '法人账号注册' },
);

export const RegistrationBodySchema = Type.Union([CitizenRegistrationSchema, EnterpriseRegistrationSchema]);

export const ProfileSchema = Type.Object({
  ...accountProps,
  phoneMasked: Nullable(Type.String()),
  email: Nullable(Type.String()),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
  citizen: Type.Optional(
    Type.Object({
      realName: Type.String(),
      idNumberMasked: Type.String(),
      birthDate: Nullable(Type.String()),
      sex: Nullable(Type.Union([Type.Literal('male'), Type.Literal('female')])),
      verified: Type.Boolean(),
    }),
  ),
  enterprise: Type.Optional(
    Type.Object({
      name: Type.String(),
      creditCode: Type.String(),
      legalRepresentative: Type.String(),
      verified: Type.Boolean(),
    }),
  ),
});

// ---------------------------------------------------------------- organisations

export const OrgSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: OrgKindSchema,
  parentId: Nullable(Type.String()),
  regionCode: Type.Optional(Type.String()),
  creditCode: Type.Optional(Type.String()),
  creditCodeNote: Type.Optional(Type.String()),
  depth: Type.Integer(),
  sortOrder: Type.Integer(),
});

export const OrgListQuerySchema = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const OrgListSchema = Type.Object({ items: Type.Array(OrgSchema) });

export const CreateOrgBodySchema = Type.Object(
  {
    parentId: UuidSchema,
    kind: OrgKindSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    regionCode: Type.Optional(Type.String({ maxLength: 20 })),
    creditCode: Type.Optional(Type.String({ maxLength: 40 })),
    creditCodeNote: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UpdateOrgBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    creditCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    creditCodeNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- users

export const UserSchema = Type.Object({
  ...accountProps,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locked: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  email: Nullable(Type.String()),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(SessionRoleSchema),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const UserListQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    orgId: Type.Optional(UuidSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const UserPageSchema = pageOf(UserSchema);

export const CreateUserBodySchema = Type.Object(
  {
    username: UsernameInput,
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    orgId: UuidSchema,
    password: PasswordInput,
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const UpdateUserBodySchema = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    orgId: Type.Optional(UuidSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const ResetPasswordBodySchema = Type.Object(
  { password: PasswordInput },
  { additionalProperties: false },
);

// ---------------------------------------------------------------- roles

export const PermissionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      group: Type.String(),
      adminClass: AdminClassSchema,
    }),
  ),
});

export const RoleSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Array(Type.String()),
  adminClass: AdminClassSchema,
  builtin: Type.Boolean(),
});

export const RoleListSchema = Type.Object({ items: Type.Array(RoleSchema) });

const PermissionCodesSchema = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: 200,
});

export const CreateRoleBodySchema = Type.Object(
  {
    code: Type.String({
      pattern: '^[a-z][a-z0-9_.]{1,62}$',
      description: '小写字母开头，字母、数字、_ 或 .',
    }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    permissions: PermissionCodesSchema,
  },
  { additionalProperties: false },
);

export const UpdateRoleBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    permissions: Type.Optional(PermissionCodesSchema),
  },
  { additionalProperties: false },
);

export const AssignmentListSchema = Type.Object({ items: Type.Array(SessionRoleSchema) });

export const AssignRoleBodySchema = Type.Object(
  { roleId: UuidSchema, scope: ScopeSchema, scopeOrgId: Type.Optional(UuidSchema) },
  { additionalProperties: false },
);
