// Request and response schemas of the website cluster API (they also generate the OpenAPI document).
import { Type } from 'typebox';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.ts';
import { ARTICLE_STATUSES, COLUMN_KINDS, REQUIRED_AS, VALIDITIES } from './cms.model.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const lit = <T extends readonly string[]>(xs: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...xs] });

export const IdParamsSchema = Type.Object({ id: Uuid });

const FooterSchema = Type.Object(
  {
    sponsor: Type.Optional(Type.String({ maxLength: 200 })),
    organiser: Type.Optional(Type.String({ maxLength: 200 })),
    icp: Type.Optional(Type.String({ maxLength: 200 })),
    psb: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const SiteSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  siteCode: Type.String(),
  domain: Type.Optional(Type.String()),
  domains: Type.Array(Type.String()),
  url: Type.String(),
  orgId: Type.String(),
  theme: Type.String(),
  footer: FooterSchema,
  isDefault: Type.Boolean(),
  status: lit(['open', 'closed'] as const),
});
export const SiteListSchema = Type.Object({ items: Type.Array(SiteSchema) });

export const ManagedSiteListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      ...SiteSchema.properties,
      permissions: Type.Array(lit(['cms.article.edit', 'cms.article.review', 'cms.site.manage'] as const), {
        description: '在该网站可做的事：撰写稿件、审核发布、管理网站和栏目',
      }),
      roles: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), {
        description: '使本人可管理该网站的角色',
      }),
    }),
  ),
});

const siteFields = {
  code: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 100 }),
  siteCode: Type.String({ maxLength: 10, description: '网站标识码：6 位行政区划代码 + 4 位顺序号' }),
  domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 5 }),
  theme: Type.String({ maxLength: 40 }),
  footer: FooterSchema,
  isDefault: Type.Boolean(),
  status: lit(['open', 'closed'] as const),
};
export const CreateSiteBodySchema = Type.Object(
  {
    code: siteFields.code,
    name: siteFields.name,
    siteCode: siteFields.siteCode,
    orgId: Uuid,
    domains: Type.Optional(siteFields.domains),
    theme: Type.Optional(siteFields.theme),
    footer: Type.Optional(siteFields.footer),
    isDefault: Type.Optional(siteFields.isDefault),
    status: Type.Optional(siteFields.status),
  },
  { additionalProperties: false },
);
export const UpdateSiteBodySchema = Type.Partial(Type.Object(siteFields), { additionalProperties: false });

export const ColumnSchema = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  parentId: Nullable(Type.String()),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  typeName: Type.String(),
  sort: Type.Integer(),
  updateDays: Nullable(Type.Integer()),
  reviewLevels: Type.Integer(),
  linkUrl: Nullable(Type.String()),
  requiredAs: Nullable(Type.String()),
  lastPublishedAt: Nullable(Type.String()),
  url: Type.String(),
});
export const ColumnListSchema = Type.Object({ items: Type.Array(ColumnSchema) });

const columnFields = {
  parentId: Nullable(Uuid),
  code: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 50 }),
  type: lit(COLUMN_KINDS),
  sort: Type.Integer({ minimum: -100000, maximum: 100000 }),
  updateDays: Nullable(Type.Integer({ minimum: 1, maximum: 3650 })),
  reviewLevels: Type.Integer({ minimum: 0, maximum: 2 }),
  linkUrl: Nullable(Type.String({ maxLength: 500 })),
  requiredAs: Nullable(lit(REQUIRED_AS)),
};
export const CreateColumnBodySchema = Type.Object(
  {
    ...Type.Partial(Type.Object(columnFields)).properties,
    code: columnFields.code,
    name: columnFields.name,
    type: columnFields.type,
  },
  { additionalProperties: false },
);
export const UpdateColumnBodySchema = Type.Partial(Type.Object(columnFields), {
  additionalProperties: false,
});

const AttachmentSchema = Type.Object({
  fileId: Type.String(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
});

const articleFields = {
  columnId: Uuid,
  title: Type.String({ maxLength: 1000 }),
  subtitle: Type.String({ maxLength: 1000 }),
  source: Type.String({ maxLength: 500 }),
  author: Type.String({ maxLength: 500 }),
  tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
  body: Type.String({ maxLength: 1_000_000, description: '富文本（HTML），服务器端清洗' }),
  coverFileId: Nullable(Uuid),
  videoFileId: Nullable(Uuid),
  attachmentIds: Type.Array(Uuid, { maxItems: 50 }),
  docNumber: Nullable(Type.String({ maxLength: 100, description: '文号，如 丽政发〔2026〕3号' })),
  writtenOn: Nullable(Type.String({ maxLength: 10, description: '成文日期 YYYY-MM-DD' })),
  validity: Nullable(lit(VALIDITIES)),
  interpretationIds: Type.Array(Uuid, { maxItems: 50 }),
  publishAt: Nullable(Type.String({ maxLength: 40 })),
  expiresAt: Nullable(Type.String({ maxLength: 40 })),
  note: Type.String({ maxLength: 200 }),
};
export const CreateArticleBodySchema = Type.Object(
  {
    ...Type.Partial(Type.Object(articleFields)).properties,
    siteId: Uuid,
    columnId: articleFields.columnId,
    title: articleFields.title,
    body: articleFields.body,
  },
  { additionalProperties: false },
);
export const UpdateArticleBodySchema = Type.Partial(Type.Object(articleFields), {
  additionalProperties: false,
});

export const ReasonBodySchema = Type.Object(
  { reason: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);

export const ArticleSchema = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  columnId: Type.String(),
  columnName: Type.String(),
  status: Type.Optional(Type.String()),
  statusName: Type.Optional(Type.String()),
  title: Type.String(),
  subtitle: Type.String(),
  source: Type.String(),
  author: Type.String(),
  tags: Type.Array(Type.String()),
  body: Type.String(),
  coverFileId: Nullable(Type.String()),
  videoFileId: Nullable(Type.String()),
  attachments: Type.Array(AttachmentSchema),
  docNumber: Nullable(Type.String()),
  writtenOn: Nullable(Type.String()),
  validity: Nullable(Type.String()),
  validityName: Nullable(Type.String()),
  interpretationIds: Type.Optional(Type.Array(Type.String())),
  interpretations: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() })),
  ),
  interprets: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), title: Type.String(), url: Type.String() })),
  ),
  publishAt: Type.Optional(Nullable(Type.String())),
  expiresAt: Type.Optional(Nullable(Type.String())),
  revision: Type.Integer(),
  publicRevision: Type.Optional(Nullable(Type.Integer())),
  reviewLevels: Type.Optional(Type.Integer()),
  reviewsDone: Type.Optional(Type.Integer()),
  returnReason: Type.Optional(Nullable(Type.String())),
  withdrawReason: Type.Optional(Nullable(Type.String())),
  withdrawnAt: Type.Optional(Nullable(Type.String())),
  withdrawn: Type.Optional(Nullable(Type.Object({ reason: Type.String(), at: Type.String() }))),
  firstPublishedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  copyOf: Nullable(Type.String()),
  copyKind: Type.Optional(Nullable(Type.String())),
  credit: Nullable(Type.String()),
  createdAt: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
});
export const ArticlePageSchema = pageOf(ArticleSchema);

export const ArticleListQuerySchema = Type.Object(
  {
    ...PageQuerySchema.properties,
    siteId: Type.Optional(Uuid),
    columnId: Type.Optional(Uuid),
    status: Type.Optional(lit(ARTICLE_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    docNumber: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const RevisionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      number: Type.Integer(),
      title: Type.String(),
      note: Type.String(),
      createdBy: Nullable(Type.String()),
      createdAt: Type.String(),
      isPublic: Type.Boolean(),
      isCurrent: Type.Boolean(),
    }),
  ),
});

const DiffPartSchema = Type.Object({ op: lit(['equal', 'insert', 'delete'] as const), text: Type.String() });
export const DiffQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    to: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  title: Type.Array(DiffPartSchema),
  body: Type.Array(DiffPartSchema),
  fields: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});

export const PushBodySchema = Type.Object({ targetColumnId: Uuid }, { additionalProperties: false });
export const PushSchema = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  title: Type.String(),
  sourceSiteId: Type.String(),
  sourceSiteName: Type.String(),
  sourceOrgId: Type.String(),
  targetSiteId: Type.String(),
  targetSiteName: Type.String(),
  targetColumnId: Type.String(),
  targetColumnName: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  copyArticleId: Nullable(Type.String()),
  pushedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});
export const PushListQuerySchema = Type.Object(
  {
    siteId: Uuid,
    direction: lit(['incoming', 'outgoing'] as const),
    status: Type.Optional(lit(['pending', 'accepted', 'returned'] as const)),
  },
  { additionalProperties: false },
);
export const PushListSchema = Type.Object({ items: Type.Array(PushSchema) });
export const PushStatsQuerySchema = Type.Object(
  { siteId: Uuid, month: Type.String({ maxLength: 7, description: 'YYYY-MM' }) },
  { additionalProperties: false },
);
const StatLine = {
  sent: Type.Integer(),
  accepted: Type.Integer(),
  returned: Type.Integer(),
  pending: Type.Integer(),
  adoptionRate: Type.Number(),
};
export const PushStatsSchema = Type.Object({
  siteId: Type.String(),
  month: Type.String(),
  items: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), ...StatLine })),
  total: Type.Object(StatLine),
});

export const SubscribeBodySchema = Type.Object({ sourceColumnId: Uuid }, { additionalProperties: false });
export const SubscriptionSchema = Type.Object({
  id: Type.String(),
  columnId: Type.String(),
  sourceColumnId: Type.String(),
  sourceColumnName: Type.String(),
  sourceSiteName: Type.String(),
  createdAt: Type.String(),
});
export const SubscriptionListSchema = Type.Object({ items: Type.Array(SubscriptionSchema) });
