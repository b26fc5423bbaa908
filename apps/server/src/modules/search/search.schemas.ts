// Request and response schemas of the search API (they also generate its OpenAPI entry).
import { Type } from 'typebox';

/** Longer input is refused; anything up to it is answered (only its start is searched). */
export const MAX_QUERY_INPUT = 10_000;
export const MAX_PAGE_SIZE = 50;
/** Ranking covers the newest 1,000 matches (platform/search CANDIDATE_CAP): 20 pages of 50. */
export const MAX_PAGE = 1000;

const Uuid = (description: string) => Type.String({ format: 'uuid', description });

export const SourceTypeSchema = Type.Union(
  [Type.Literal('article'), Type.Literal('policy'), Type.Literal('catalogue'), Type.Literal('service-item')],
  { description: 'article 文章；policy 政策文件；catalogue 信息公开目录；service-item 政务服务事项' },
);

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_QUERY_INPUT,
        description: '关键词，多个词以空格分隔（同时包含）；引号内为短语',
      }),
    ),
    siteId: Type.Optional(Uuid('只搜索该网站')),
    columnId: Type.Optional(Uuid('只搜索该栏目')),
    orgId: Type.Optional(Uuid('只搜索该单位发布的内容')),
    type: Type.Optional(SourceTypeSchema),
    from: Type.Optional(Type.String({ format: 'date', description: '发布日期起（含），YYYY-MM-DD' })),
    to: Type.Optional(Type.String({ format: 'date', description: '发布日期止（含），YYYY-MM-DD' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 10 })),
  },
  // Unknown parameters (tracking tags on a shared link) are ignored, not refused.
);

export const SearchHitSchema = Type.Object({
  title: Type.String(),
  url: Type.String({ description: '结果页面的站内路径' }),
  snippet: Type.String({ description: '已转义的 HTML 摘要，仅含 <em> 标记匹配的词' }),
  siteId: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String({ format: 'date-time' }),
  type: SourceTypeSchema,
  extra: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: '如文号、索引号、事项编码' }),
  ),
});

export const SearchResultSchema = Type.Object({
  total: Type.Integer({ description: '匹配总数（totalCapped 为 true 时为下限）' }),
  totalCapped: Type.Boolean(),
  matchedBy: Type.Union([Type.Literal('fulltext'), Type.Literal('title'), Type.Literal('none')], {
    description: 'fulltext 分词全文匹配；title 全文无结果时按标题相似度匹配',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(SearchHitSchema),
});
