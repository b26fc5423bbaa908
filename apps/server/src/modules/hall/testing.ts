// Test helpers of the hall: a published item of its own (every form field type, materials of every
// necessity, a special procedure, FAQ) made by services' makePublishedItem on the engine's shortest
// licensing process, applicants, a cookie jar over inject(), and multipart bodies built by hand.
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { registerAccount } from '../identity/index.ts';
import type { FormDefinition, ServiceItem } from '../services/index.ts';
import { makePublishedItem } from '../services/testing.ts';
import { acceptDecideDefinition } from '../workflow/index.ts';

export const PASSWORD = 'Lishui#2026ok';
const testActor = { ...systemActor, name: '测试数据' };

/** Every field type: prefill, a condition, region, address, a repeating group with a condition. */
export function hallForm(): FormDefinition {
  return {
    sections: [
      {
        key: 'applicant',
        title: '申请人信息',
        fields: [
          { key: 'name', label: '申请人姓名', type: 'text', required: true, prefill: 'name' },
          { key: 'idNumber', label: '公民身份号码', type: 'id_number', required: true, prefill: 'id_number' },
          {
            key: 'phone',
            label: '联系电话',
            type: 'phone',
            required: true,
            prefill: 'phone',
            help: '用于接收办理进度短信',
          },
          { key: 'email', label: '电子邮箱', type: 'email' },
          {
            key: 'shopKind',
            label: '经营方式',
            type: 'radio',
            required: true,
            options: [
              { value: 'store', label: '实体门店' },
              { value: 'online', label: '网络经营' },
            ],
          },
          {
            key: 'storeName',
            label: '门店招牌名称',
            type: 'text',
            required: true,
            visibleWhen: { field: 'shopKind', equals: 'store' },
          },
          {
            key: 'creditCode',
            label: '统一社会信用代码',
            type: 'credit_code',
            help: '已办理营业执照的填写',
          },
        ],
      },
      {
        key: 'business',
        title: '经营信息',
        fields: [
          {
            key: 'category',
            label: '经营类别',
            type: 'select',
            required: true,
            options: [
              { value: 'retail', label: '食品销售' },
              { value: 'catering', label: '餐饮服务' },
            ],
          },
          {
            key: 'scope',
            label: '经营项目',
            type: 'checkbox',
            required: true,
            options: [
              { value: 'hot', label: '热食类食品制售' },
              { value: 'cold', label: '冷食类食品制售' },
            ],
          },
          {
            key: 'area',
            label: '经营场所面积',
            type: 'number',
            required: true,
            min: 1,
            max: 10000,
            unit: '平方米',
          },
          { key: 'openDate', label: '拟开业日期', type: 'date' },
          { key: 'district', label: '所在区县', type: 'region', required: true },
          { key: 'address', label: '经营场所', type: 'address', required: true },
          { key: 'remark', label: '其他说明', type: 'textarea', maxLength: 500 },
        ],
      },
      {
        key: 'staff',
        title: '从业人员',
        fields: [
          {
            key: 'employees',
            label: '从业人员',
            type: 'group',
            minItems: 1,
            maxItems: 5,
            fields: [
              { key: 'name', label: '姓名', type: 'text', required: true },
              {
                key: 'healthCert',
                label: '是否持有健康证明',
                type: 'radio',
                required: true,
                options: [
                  { value: 'yes', label: '是' },
                  { value: 'no', label: '否' },
                ],
              },
              {
                key: 'certNo',
                label: '健康证明编号',
                type: 'text',
                required: true,
                visibleWhen: { field: 'healthCert', equals: 'yes' },
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * A published 小餐饮经营许可 of `orgId` on a process of its own (受理 → 审批决定, the case engine's
 * shortest licensing process): a special procedure, an FAQ, a deferrable material and hallForm().
 */
export async function makeHallItem(
  ctx: AppContext,
  orgId: string,
  over: Parameters<typeof makePublishedItem>[2] = {},
): Promise<ServiceItem> {
  return makePublishedItem(
    ctx,
    orgId,
    {
      name: '小餐饮经营许可',
      legalBasis: '《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第十三条',
      acceptanceConditions: '有固定的经营场所，且符合食品安全要求。',
      legalLimitDays: 20,
      specialProcedures: [
        {
          name: '现场核查',
          days: 5,
          unit: 'working',
          basis: '《食品经营许可管理办法》第二十条',
          counted: false,
        },
      ],
      processDescription: '网上申请，窗口受理，审批决定，电子证照送达。',
      locations: [
        { name: '青田县行政服务中心', address: '青田县鹤城街道龙津路 1 号', hours: '工作日 9:00—17:00' },
      ],
      consultation: { phone: '0578-6812345' },
      remedies: {
        reconsideration: { body: '青田县人民政府' },
        litigation: { body: '丽水市莲都区人民法院' },
      },
      faq: [{ question: '可以网上申请吗？', answer: '可以，全程网办。' }],
      result: { type: 'licence', name: '小餐饮经营许可证', validityYears: 5 },
      materials: [
        {
          name: '小餐饮经营许可申请书',
          necessity: 'required',
          originalOrCopy: 'original',
          medium: 'electronic',
          source: 'applicant',
        },
        {
          name: '从业人员健康证明',
          necessity: 'deferrable',
          originalOrCopy: 'copy',
          medium: 'electronic',
          source: 'applicant',
        },
      ],
      form: hallForm(),
      ...over,
    },
    acceptDecideDefinition(),
  );
}

let person = 0;

export interface Applicant {
  username: string;
  realName: string;
  idNumber: string;
  phone: string;
}

export async function makeCitizen(ctx: AppContext, realName = '叶晓芳'): Promise<Applicant> {
  person += 1;
  const n = (process.pid % 500) + person;
  const a = {
    username: `hall${process.pid % 100000}x${person}`,
    realName,
    idNumber: makeIdNumber('331121', '19860412', n % 1000),
    phone: `1395780${String(n % 10000).padStart(4, '0')}`,
  };
  await registerAccount(
    ctx,
    {
      kind: 'citizen',
      username: a.username,
      password: PASSWORD,
      realName,
      idNumber: a.idNumber,
      phone: a.phone,
    },
    testActor,
    null,
  );
  return a;
}

/** A minimal, well-formed PDF (file-type recognises it by content). */
export function tinyPdf(text = 'hall test'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  contentType?: string;
  data?: Buffer;
}

/** A multipart/form-data body with the parts in the order given. */
export function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----zthall${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined)
      head += `; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`));
    chunks.push(p.data ?? Buffer.from(p.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A cookie jar over inject(), sending HTML accept headers like a browser. */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    body?: { form: Record<string, string | string[]> } | { raw: Buffer; contentType: string },
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | Buffer | undefined;
    if (body && 'raw' in body) {
      headers['content-type'] = body.contentType;
      payload = body.raw;
    } else if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries(body.form))
        for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
      payload = u.toString();
    }
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string | string[]>) {
    return this.request('POST', url, { form });
  }

  upload(url: string, parts: Part[]) {
    const { body, contentType } = multipartBody(parts);
    return this.request('POST', url, { raw: body, contentType });
  }

  /** Signs in through the portal's login page. */
  async signIn(username: string, password = PASSWORD): Promise<void> {
    const page = await this.get('/login');
    const res = await this.post('/login', { _csrf: hiddenCsrf(page.body), username, password });
    assert.equal(res.statusCode, 303, `login ${username}: ${res.statusCode}`);
  }
}

export function hiddenCsrf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, 'the page has a form with _csrf');
  return m[1] as string;
}

export function location(res: LightMyRequestResponse): string {
  return String(res.headers.location ?? '');
}
