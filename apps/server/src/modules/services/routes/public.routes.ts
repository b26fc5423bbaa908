// Public service catalogue: published items, their guides, blank forms and samples, the code lists
// and the region picker. No sign-in; rate limited like the other public routes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import { sendStoredFile } from '../../../platform/files/file-routes.ts';
import { errorResponses } from '../../../platform/http/pagination.ts';
import { LISHUI_REGIONS } from '../../../platform/ids/gb2260.ts';
import { FIELD_TYPE_NAMES, PREFILL_KIND_NAMES } from '../forms/form-types.ts';
import { servicesErrors } from '../services.errors.ts';
import {
  IdParamsSchema,
  ItemPageSchema,
  MaterialFileParamsSchema,
  PublicListQuerySchema,
  RegionListSchema,
  RegionQuerySchema,
  ServiceGuideSchema,
  TaxonomySchema,
} from '../services.schemas.ts';
import {
  AUDIENCES,
  DAY_UNITS,
  ITEM_STATUSES,
  ITEM_TYPES,
  LIFE_EVENTS,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_NECESSITIES,
  MATERIAL_SOURCES,
  ONLINE_DEPTHS,
  RESULT_TYPES,
  THEMES,
} from '../services.taxonomy.ts';
import { listPublishedItems, readMaterialFile, readPublicGuide } from '../use-cases/read-items.ts';

const tags = ['政务服务事项'];

const codeNames = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));

/** The taxonomy never changes while the process runs: built once. */
const TAXONOMY = {
  itemTypes: ITEM_TYPES.map((t) => ({ code: t.code, name: t.name })),
  themes: THEMES.map((t) => ({ code: t.code, name: t.name, audience: [...t.audience] })),
  lifeEvents: LIFE_EVENTS.map((t) => ({ code: t.code, name: t.name, audience: [...t.audience] })),
  onlineDepths: ONLINE_DEPTHS.map((d) => ({ level: d.level, name: d.name, description: d.description })),
  audiences: AUDIENCES.map((a) => ({ code: a.code, name: a.name })),
  dayUnits: DAY_UNITS.map((a) => ({ code: a.code, name: a.name })),
  materialNecessities: MATERIAL_NECESSITIES.map((a) => ({ code: a.code, name: a.name })),
  materialForms: MATERIAL_FORMS.map((a) => ({ code: a.code, name: a.name })),
  materialMedia: MATERIAL_MEDIA.map((a) => ({ code: a.code, name: a.name })),
  materialSources: MATERIAL_SOURCES.map((a) => ({ code: a.code, name: a.name })),
  resultTypes: RESULT_TYPES.map((a) => ({ code: a.code, name: a.name })),
  statuses: ITEM_STATUSES.map((a) => ({ code: a.code, name: a.name })),
  fieldTypes: codeNames(FIELD_TYPE_NAMES),
  prefillKinds: codeNames(PREFILL_KIND_NAMES),
};

const regionByCode = new Map(LISHUI_REGIONS.map((r) => [r.code, r]));

function fullName(code: string): string {
  const parts: string[] = [];
  for (let r = regionByCode.get(code); r; r = r.parentCode ? regionByCode.get(r.parentCode) : undefined) {
    parts.unshift(r.name);
  }
  return parts.join('');
}

export function regionChildren(parent: string | undefined) {
  return LISHUI_REGIONS.filter((r) => r.parentCode === (parent ?? null)).map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    fullName: fullName(r.code),
    hasChildren: LISHUI_REGIONS.some((c) => c.parentCode === r.code),
  }));
}

export function registerPublicServiceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const rateLimit = { max: ctx.config.ratePublicPerMinute, timeWindow: 60_000 };

  r.get(
    '/api/v1/service-items',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary:
          '已发布的政务服务事项（可按名称、编码、实施机构搜索，按部门、主题、服务对象、事件、事项类型筛选）',
        querystring: PublicListQuerySchema,
        response: { 200: ItemPageSchema, ...errorResponses(400, 429) },
      },
    },
    async (req) => listPublishedItems(ctx, req.query),
  );

  r.get(
    '/api/v1/service-items/:id',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '办事指南：事项的全部公开信息、申请材料、收费、时限和申请表单',
        params: IdParamsSchema,
        response: { 200: ServiceGuideSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => readPublicGuide(ctx, req.params.id),
  );

  r.get(
    '/api/v1/service-items/:id/materials/:materialId/:kind',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '下载申请材料的空白表格（blank）或示例样表（sample）',
        params: MaterialFileParamsSchema,
        produces: ['application/octet-stream'],
        response: errorResponses(400, 404, 429),
      },
    },
    async (req, reply) => {
      const file = await readMaterialFile(ctx, req.params.id, req.params.materialId, req.params.kind);
      // Blank forms and samples of published items are public: shared caches may keep them briefly.
      return sendStoredFile(reply, ctx, file, { cacheControl: 'public, max-age=300' });
    },
  );

  r.get(
    '/api/v1/service-taxonomy',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '事项分类代码：事项类型、主题、事件、网上办理深度、服务对象及材料、字段等枚举',
        response: { 200: TaxonomySchema, ...errorResponses(429) },
      },
    },
    async () => TAXONOMY,
  );

  r.get(
    '/api/v1/public/regions',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: '行政区划选择：下级行政区划列表（不带 parent 时为最上级）',
        querystring: RegionQuerySchema,
        response: { 200: RegionListSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (req) => {
      const parent = req.query.parent;
      if (parent !== undefined && !regionByCode.has(parent)) {
        throw servicesErrors.REGION_NOT_FOUND('parent');
      }
      return { items: regionChildren(parent) };
    },
  );
}
