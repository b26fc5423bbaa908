// Request validation. Bodies are validated strictly (no type coercion: "5" is not a number) while
// query strings and params, which are always text on the wire, are coerced. Failures become
// VALIDATION_FAILED with one Chinese message per field.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaValidationError } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const otherAjv = makeAjv(true);

export function validatorCompiler({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === 'body' ? bodyAjv : otherAjv).compile(schema);
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

function fieldOf(e: ErrorObject | FastifySchemaValidationError, part: string): string {
  const path = ('instancePath' in e ? e.instancePath : '') || '';
  let field = path.replace(/^\//, '').replaceAll('/', '.');
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
    field = field ? `${field}.${params.missingProperty}` : params.missingProperty;
  }
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    field = field ? `${field}.${params.additionalProperty}` : params.additionalProperty;
  }
  return field || part;
}

export function messageOf(e: ErrorObject | FastifySchemaValidationError): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return '此项为必填项';
    case 'type':
      return `类型应为${TYPE_NAMES[String(p.type)] ?? String(p.type)}`;
    case 'additionalProperties':
      return '不允许的字段';
    case 'minLength':
      return Number(p.limit) === 1 ? '不能为空' : `长度不能少于 ${p.limit} 个字符`;
    case 'maxLength':
      return `长度不能超过 ${p.limit} 个字符`;
    case 'minimum':
      return `不能小于 ${p.limit}`;
    case 'maximum':
      return `不能大于 ${p.limit}`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'enum':
    case 'const':
      return '取值不在允许的范围内';
    case 'minItems':
      return `至少需要 ${p.limit} 项`;
    case 'maxItems':
      return `不能超过 ${p.limit} 项`;
    default:
      return '取值不符合要求';
  }
}

export function validationDetails(errors: FastifySchemaValidationError[], part: string) {
  const seen = new Set<string>();
  const details: { field: string; message: string }[] = [];
  for (const e of errors) {
    // anyOf/oneOf produce summary errors that only repeat the branch errors
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const d = { field: fieldOf(e, part), message: messageOf(e) };
    const key = `${d.field}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      details.push(d);
    }
  }
  return details.slice(0, 50);
}
