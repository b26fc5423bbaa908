// Test set-up of the 政府信息公开 tests: the case fixture plus the two 人民政府办公室 (city and 青田县,
// each with a 统一社会信用代码 and a guide), their disclosure officers, the city office's approver (who
// approves extensions), a citizen and an enterprise. The clock is fixed and can be moved.
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { as, createTestApp, json, login, type TestApp } from '../../testing/harness.ts';
import { registerAccount } from '../identity/index.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../identity/testing.ts';
import { createOrg } from '../identity/use-cases/create-org.ts';
import { makeCitizen, PASSWORD } from '../hall/testing.ts';
import { seedCaseFixture } from '../workflow/testing.ts';
import { saveGuide } from './use-cases/guide.ts';

export { PASSWORD, TEST_PASSWORD };

export type DisclosureSetup = TestApp & {
  clock: ReturnType<typeof fixedClock>;
  f: Awaited<ReturnType<typeof seedCaseFixture>>;
  office: { id: string };
  qtOffice: { id: string };
  officer: { id: string; username: string };
  qtOfficer: { id: string; username: string };
  head: { id: string; username: string };
  citizen: { username: string; realName: string; idNumber: string; phone: string };
  enterprise: { username: string };
  officerP(): Promise<Principal>;
};

const actor = { ...systemActor, name: '测试数据' };

/** Everything at `now` (default Tuesday 2026-11-24 10:00 in Beijing). */
export async function disclosureSetup(
  now = '2026-11-24T02:00:00Z',
  config: Record<string, unknown> = {},
  opts: { listen?: boolean } = {},
): Promise<DisclosureSetup> {
  const clock = fixedClock(now);
  const t = await createTestApp({ config: { ...NO_2FA, ...config }, clock, listen: opts.listen });
  const f = await seedCaseFixture(t.ctx);
  const root = await principalOf(t.ctx, f.platformAdmin.id);
  const office = await createOrg(
    t.ctx,
    root,
    {
      parentId: f.city.id,
      kind: 'department',
      name: '丽水市人民政府办公室',
      creditCode: makeCreditCode('11', '331100', '31000137'),
    },
    actor,
  );
  const qtOffice = await createOrg(
    t.ctx,
    root,
    {
      parentId: f.qingtian.id,
      kind: 'department',
      name: '青田县人民政府办公室',
      creditCode: makeCreditCode('11', '331121', '31000274'),
    },
    actor,
  );
  const officer = await makeStaff(t.ctx, root, {
    username: 'xxgk.officer',
    displayName: '徐公开',
    orgId: office.id,
    roles: [{ code: 'disclosure_officer', scope: 'org', scopeOrgId: office.id }],
  });
  const qtOfficer = await makeStaff(t.ctx, root, {
    username: 'qt.xxgk',
    displayName: '叶公开',
    orgId: qtOffice.id,
    roles: [{ code: 'disclosure_officer', scope: 'org', scopeOrgId: qtOffice.id }],
  });
  const head = await makeStaff(t.ctx, root, {
    username: 'xxgk.head',
    displayName: '王主任',
    orgId: office.id,
    roles: [{ code: 'approver', scope: 'org', scopeOrgId: office.id }],
  });
  const citizen = await makeCitizen(t.ctx, '叶晓芳');
  await registerAccount(
    t.ctx,
    {
      kind: 'enterprise',
      username: 'ent.dsc',
      password: PASSWORD,
      name: '丽水市瓯江生态农业有限公司',
      creditCode: makeCreditCode('91', '331102', 'MA2HK1A0'),
      legalRepresentative: '周伟民',
      phone: '13757820001',
    },
    actor,
    null,
  );
  const officerP = () => principalOf(t.ctx, officer.id);
  await saveGuide(
    t.ctx,
    await officerP(),
    office.id,
    {
      officeName: '丽水市人民政府办公室政务公开科',
      phone: '0578-2091234',
      letterPrefix: '丽政办',
      reconsiderationBody: '浙江省人民政府',
      litigationCourt: '丽水市中级人民法院',
    },
    actor,
  );
  await saveGuide(
    t.ctx,
    await principalOf(t.ctx, qtOfficer.id),
    qtOffice.id,
    { officeName: '青田县人民政府办公室政务公开科', letterPrefix: '青政办' },
    actor,
  );
  return {
    ...t,
    clock,
    f,
    office,
    qtOffice,
    officer,
    qtOfficer,
    head,
    citizen,
    enterprise: { username: 'ent.dsc' },
    officerP,
  };
}

/** An error answer of the API. */
export type ApiError = {
  error: { code: string; message: string; details: { field: string; message: string }[] };
};
/** The answer to a submitted request. */
export type Submitted = { id: string; caseId: string; number: string; receivedOn: string; dueDate: string };

/** Everyone of the set-up signed in (the citizen, the enterprise, the officers and the approver). */
export async function signIn(s: DisclosureSetup) {
  return {
    citizen: as(s.app, await login(s.app, s.citizen.username, PASSWORD)),
    enterprise: as(s.app, await login(s.app, s.enterprise.username, PASSWORD)),
    officer: as(s.app, await login(s.app, 'xxgk.officer', TEST_PASSWORD)),
    qtOfficer: as(s.app, await login(s.app, 'qt.xxgk', TEST_PASSWORD)),
    head: as(s.app, await login(s.app, 'xxgk.head', TEST_PASSWORD)),
  };
}
export type Api = Awaited<ReturnType<typeof signIn>>['officer'];

/** Moves the clock (sessions idle out over days, so everyone signs in again). */
export async function signInAt(s: DisclosureSetup, iso: string) {
  s.clock.set(iso);
  return signIn(s);
}

/** A request to the city office filed online through the API (201 asserted). */
export async function fileRequest(
  api: Api,
  s: DisclosureSetup,
  body: Record<string, unknown> = {},
): Promise<Submitted> {
  const res = await api('POST', '/api/v1/disclosure/requests', {
    description: '2026年丽水市老旧小区改造项目清单',
    delivery: 'electronic',
    orgId: s.office.id,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<Submitted>(res);
}
