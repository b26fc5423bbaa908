import { type TSchema, Type } from 'typebox';

// Pagination convention: ?page (from 1) &pageSize (default 20, at most 100) → {items,total,page,pageSize}.
export const PageQuerySchema = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export function pageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export function pageWindow(q: { page?: number; pageSize?: number }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const ErrorRef = Type.Unsafe<{
  error: { code: string; message: string; details: { field: string; message: string }[] };
}>(Type.Ref('ErrorBody'));

/** Standard error responses to list in a route schema, so OpenAPI documents them. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ErrorRef]));
}
