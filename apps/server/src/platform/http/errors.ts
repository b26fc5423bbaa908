// One error type and one error shape for the whole API:
//   {"error":{"code":"…","message":"<Chinese, for people>","details":[{"field":"…","message":"…"}]}}

export interface ErrorDetail {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly userMessage: string;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    opts: { status: number; userMessage: string; details?: ErrorDetail[]; headers?: Record<string, string> },
  ) {
    super(`${code}: ${opts.userMessage}`);
    this.code = code;
    this.status = opts.status;
    this.userMessage = opts.userMessage;
    this.details = opts.details ?? [];
    this.headers = opts.headers ?? {};
  }
}

/** Declares a module's error codes once, with their status and Chinese message. */
export function defineErrors<T extends Record<string, { status: number; message: string }>>(
  defs: T,
): { [K in keyof T]: (details?: ErrorDetail[] | string, message?: string) => AppError } {
  const out = {} as { [K in keyof T]: (details?: ErrorDetail[] | string, message?: string) => AppError };
  for (const [code, def] of Object.entries(defs) as [
    keyof T & string,
    { status: number; message: string },
  ][]) {
    out[code] = (details, message) =>
      new AppError(code, {
        status: def.status,
        userMessage: message ?? def.message,
        details:
          typeof details === 'string' ? [{ field: details, message: message ?? def.message }] : details,
      });
  }
  return out;
}

export const platformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, message: '请求内容不符合要求' },
  INVALID_JSON: { status: 400, message: '请求体不是有效的 JSON' },
  UNPROCESSABLE: { status: 422, message: '提交的内容未通过校验' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有执行此操作的权限' },
  CSRF_FAILED: {
    status: 403,
    message: '页面已过期或请求缺少有效的防伪令牌（X-CSRF-Token），请刷新页面后重试',
  },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  CONFLICT: { status: 409, message: '与现有数据冲突' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试或联系管理员' },
  UNAVAILABLE: { status: 503, message: '服务暂不可用' },
});

export const errorBodySchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}
