// Test factories for licensing: applicants, uploads through the real file route, a published item on a
// parallel-review process, and a valid form for it. Used by this module's tests and by others that
// need a case with an application behind it (hall pages, e2e).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { as, json, login, multipartFile, type Session } from '../../testing/harness.ts';
import { TEST_PASSWORD } from '../identity/testing.ts';
import { registerAccount } from '../identity/use-cases/register-account.ts';
import type { ServiceItem } from '../services/index.ts';
import { makePublishedItem } from '../services/testing.ts';
import { type ProcessDefinition, parallelLicenceDefinition } from '../workflow/index.ts';
import { type CaseFixture, seedCaseFixture } from '../workflow/testing.ts';

const actor = { ...systemActor, name: '测试数据' };

export interface Applicant {
  id: string;
  username: string;
  idNumber: string;
  session: Session;
}

let serial = 0;

/** A registered citizen, signed in. */
export async function makeCitizen(
  app: FastifyInstance,
  ctx: AppContext,
  username: string,
  realName = '张三',
  phone = '13857810001',
): Promise<Applicant> {
  serial += 1;
  const idNumber = makeIdNumber('331102', '19850312', String(100 + (serial % 900)).padStart(3, '0'));
  const r = await registerAccount(
    ctx,
    { kind: 'citizen', username, password: TEST_PASSWORD, realName, idNumber, phone },
    actor,
    null,
  );
  return { id: r.userId, username, idNumber, session: await login(app, username, TEST_PASSWORD) };
}

/** A registered enterprise, signed in. */
export async function makeEnterprise(
  app: FastifyInstance,
  ctx: AppContext,
  username: string,
  name = '丽水市测试食品有限公司',
): Promise<Applicant> {
  serial += 1;
  const creditCode = makeCreditCode('91', '331102', `MA2T${String(1000 + serial).slice(-4)}`);
  const r = await registerAccount(
    ctx,
    {
      kind: 'enterprise',
      username,
      password: TEST_PASSWORD,
      name,
      creditCode,
      legalRepresentative: '周伟民',
      phone: '13757820001',
    },
    actor,
    null,
  );
  return { id: r.userId, username, idNumber: creditCode, session: await login(app, username, TEST_PASSWORD) };
}

/** A small valid PDF, different each time (so each upload is its own file). */
export function samplePdf(): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${randomBytes(6).toString('hex')}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** Uploads a file through POST /api/v1/files (multipart) as the session's user; returns its id. */
export async function upload(
  app: FastifyInstance,
  s: Session,
  filename = '申请书.pdf',
  data: Buffer = samplePdf(),
): Promise<string> {
  const m = multipartFile(filename, data, 'application/pdf');
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...m.headers,
    },
    payload: m.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return json<{ id: string }>(res).id;
}

/** Valid values for services' sampleForm() as a citizen fills it in. */
export function sampleValues(applicant: { idNumber: string }, over: Record<string, unknown> = {}) {
  return {
    applicantType: 'person',
    name: '张三',
    idNumber: applicant.idNumber,
    phone: '13857810001',
    category: 'catering',
    scope: ['hot', 'drinks'],
    area: 85,
    region: '331102',
    address: { region: '331102', detail: '紫金街道人民街 18 号' },
    employees: [{ name: '李四', idNumber: makeIdNumber('331121', '19900708', '245'), healthCert: 'no' }],
    ...over,
  };
}

/** POST /api/v1/applications with a fresh (or given) Idempotency-Key. */
export function submit(
  app: FastifyInstance,
  s: Session,
  body: unknown,
  key = `k-${randomBytes(8).toString('hex')}`,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key },
    payload: body as Record<string, unknown>,
  });
}

export interface LicensingFixture extends CaseFixture {
  item: ServiceItem;
  citizen: Applicant;
}

/** The case fixture, a published item of 青田县市场监督管理局 on `definition` (default: 并联审查), one citizen. */
export async function seedLicensingFixture(
  app: FastifyInstance,
  ctx: AppContext,
  opts: {
    definition?: (f: CaseFixture) => ProcessDefinition;
    item?: Parameters<typeof makePublishedItem>[2];
  } = {},
): Promise<LicensingFixture> {
  const f = await seedCaseFixture(ctx);
  const definition = opts.definition?.(f) ?? parallelLicenceDefinition(f.qingtianDept.id, f.lianduDept.id);
  const item = await makePublishedItem(ctx, f.qingtianDept.id, opts.item, definition);
  const citizen = await makeCitizen(app, ctx, 'zhang.san');
  return { ...f, item, citizen };
}

/** The open task of a case at `step`, as the tasks API lists it for `s`. */
export async function taskAt(
  app: FastifyInstance,
  s: Session,
  caseId: string,
  step: string,
): Promise<string> {
  const res = await as(app, s)('GET', '/api/v1/tasks?pageSize=100');
  if (res.statusCode !== 200) throw new Error(`tasks: ${res.statusCode} ${res.body}`);
  const t = json<{ items: { id: string; caseId: string; step: string }[] }>(res).items.find(
    (x) => x.caseId === caseId && x.step === step,
  );
  if (!t) throw new Error(`no open task at ${step} for case ${caseId}: ${res.body}`);
  return t.id;
}

/**
 * The fixture's citizen applies for its item: sampleValues (with `form` over them) and one fresh PDF
 * for the item's first material. Asserts the 201 and returns the answer.
 */
export async function submitSample<T extends { id: string; caseId: string } = { id: string; caseId: string }>(
  app: FastifyInstance,
  f: LicensingFixture,
  form: Record<string, unknown> = {},
): Promise<T> {
  const s = f.citizen.session;
  const material = f.item.materials[0];
  if (!material) throw new Error('the item has no material');
  const res = await submit(app, s, {
    itemId: f.item.id,
    form: sampleValues(f.citizen, form),
    materials: [{ materialId: material.id, fileId: await upload(app, s) }],
  });
  if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return json<T>(res);
}

/** Signs `username` in and takes `body.action` on the case's open task at `step`; throws unless 200. */
export async function actAt(
  app: FastifyInstance,
  username: string,
  caseId: string,
  step: string,
  body: { action: string; comment?: string; data?: Record<string, unknown> },
): Promise<void> {
  const who = await login(app, username, TEST_PASSWORD);
  const task = await taskAt(app, who, caseId, step);
  const res = await as(app, who)('POST', `/api/v1/tasks/${task}/actions`, body);
  if (res.statusCode !== 200)
    throw new Error(`${username} ${body.action} at ${step}: ${res.statusCode} ${res.body}`);
}
