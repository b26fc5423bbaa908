// What bad input gets from the electronic licence routes: wrong types, unknown fields and oversized
// bodies are refused, forged ids and another region's licences answer 404 and stay unrevoked, markup
// in a revocation reason is shown as text, and the public verification treats junk as "not found".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { withTx } from '../../platform/db/pool.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { registerAccount } from '../identity/index.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../identity/testing.ts';
import { createPublishedProcess, openCase } from '../workflow/index.ts';
import { seedCaseFixture, standardLicenceDefinition } from '../workflow/testing.ts';
import { issueLicence } from './index.ts';

type Err = { error: { code: string; details?: { field: string }[] } };
const FORGED = '01900000-0000-7000-8000-00000000dead';
const ID = makeIdNumber('331121', '19800615', '041');

async function setup() {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const t = await createTestApp({ config: { ...NO_2FA, bodyLimitBytes: 16 * 1024 }, clock });
  const f = await seedCaseFixture(t.ctx);
  const root = await principalOf(t.ctx, f.platformAdmin.id);
  // The approver of the other county: holds licence.read and licence.revoke, but over 莲都区 only.
  await makeStaff(t.ctx, root, {
    username: 'ld.chief',
    orgId: f.lianduDept.id,
    roles: [{ code: 'approver', scope: 'org', scopeOrgId: f.lianduDept.id }],
  });
  const { userId } = await registerAccount(
    t.ctx,
    {
      kind: 'citizen',
      username: 'wang.xiaoming',
      password: TEST_PASSWORD,
      realName: '王小明',
      idNumber: ID,
      phone: '13857810021',
    },
    systemActor,
    null,
  );
  const issued = await withTx(t.ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'test.food-licence',
      name: '食品经营许可',
      caseType: 'licence',
      definition: standardLicenceDefinition(),
      orgId: f.qingtianDept.id,
    });
    const { case: c } = await openCase(tx, t.ctx, {
      caseType: 'licence',
      processCode: 'test.food-licence',
      orgId: f.qingtianDept.id,
      subject: '食品经营许可（小餐饮）',
      applicantUserId: userId,
      applicantName: '王小明',
      actorUserId: userId,
    });
    return issueLicence(tx, t.ctx, {
      caseId: c.id,
      caseNumber: c.number,
      licenceName: '食品经营许可证',
      holderName: '王小明',
      holderKind: 'person',
      holderCode: ID,
      orgId: f.qingtianDept.id,
      validFrom: '2026-11-24',
      validUntil: '2031-11-23',
    });
  });
  return { ...t, f, issued };
}

async function statusOf(s: Awaited<ReturnType<typeof setup>>): Promise<string> {
  const r = await s.ctx.pool.query<{ status: string }>('SELECT status FROM lic_licence WHERE id = $1', [
    s.issued.id,
  ]);
  return r.rows[0]!.status;
}

test("forged ids and another region's licences answer 404; nothing is revoked", async () => {
  const s = await setup();
  const other = as(s.app, await login(s.app, 'ld.chief', TEST_PASSWORD));
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));

  for (const id of [FORGED, s.issued.id]) {
    assert.equal((await other('GET', `/api/v1/licences/${id}`)).statusCode, 404, id);
    assert.equal((await other('GET', `/api/v1/licences/${id}/pdf`)).statusCode, 404, id);
    const revoke = await other('POST', `/api/v1/licences/${id}/revoke`, { reason: '冒名注销' });
    assert.equal(revoke.statusCode, 404, id);
    assert.equal(json<Err>(revoke).error.code, 'LICENCE_NOT_FOUND');
  }
  // Staff of the other county cannot filter their way into this county's licences either.
  for (const qs of [`orgId=${s.f.qingtianDept.id}`, `q=${s.issued.number}`, `q=${ID}`, `orgId=${FORGED}`]) {
    const r = json<{ total: number; items: unknown[] }>(await other('GET', `/api/v1/licences?${qs}`));
    assert.deepEqual([r.total, r.items.length], [0, 0], qs);
  }
  for (const bad of ['not-a-uuid', "1'%20OR%20'1'='1", '%2E%2E%2F']) {
    assert.equal((await chief('GET', `/api/v1/licences/${bad}`)).statusCode, 400, bad);
    assert.equal((await chief('POST', `/api/v1/licences/${bad}/revoke`, { reason: '注销' })).statusCode, 400);
  }
  assert.equal((await chief('GET', `/api/v1/my/licences/${FORGED}/pdf`)).statusCode, 404);
  assert.equal(await statusOf(s), 'valid');
});

test('revocation bodies: wrong types, unknown fields, blank or oversized reasons are refused', async () => {
  const s = await setup();
  const session = await login(s.app, 'qt.chief', TEST_PASSWORD);
  const chief = as(s.app, session);
  const url = `/api/v1/licences/${s.issued.id}/revoke`;
  for (const [what, body, status] of [
    ['no reason', {}, 400],
    ['a numeric reason', { reason: 12 }, 400],
    ['a list of reasons', { reason: ['超范围经营'] }, 400],
    ['a null reason', { reason: null }, 400],
    ['an unknown field', { reason: '超范围经营', status: 'valid' }, 400],
    ['a reason of 501 characters', { reason: '因'.repeat(501) }, 400],
    ['a reason of spaces only', { reason: '     ' }, 422],
    ['a NUL in the reason', { reason: '超范围\u0000经营' }, 400],
  ] as const) {
    const r = await chief('POST', url, body);
    assert.equal(r.statusCode, status, `${what}: ${r.body}`);
  }
  const huge = await chief('POST', url, { reason: '因'.repeat(6000) });
  assert.equal(huge.statusCode, 413);
  const notJson = await s.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    payload: '{"reason": "超范围经营"',
  });
  assert.equal(notJson.statusCode, 400);
  assert.equal(json<Err>(notJson).error.code, 'INVALID_JSON');
  for (const qs of ['status=deleted', 'page=0', 'pageSize=1000', 'q=' + '查'.repeat(101), 'orgId=x', 'x=1']) {
    assert.equal((await chief('GET', `/api/v1/licences?${qs}`)).statusCode, 400, qs);
  }
  assert.equal((await chief('GET', '/api/v1/licences?q=%00')).statusCode, 400);
  assert.equal(await statusOf(s), 'valid', 'none of these revoked the licence');
});

test('a revocation reason with markup is kept as typed and shown as text on the public page', async () => {
  const s = await setup();
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const reason = '<script>alert(1)</script><img src=x onerror=alert(2)>超范围经营';
  const r = await chief('POST', `/api/v1/licences/${s.issued.id}/revoke`, { reason });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(json<{ revokedReason: string }>(r).revokedReason, reason);

  const pub = await s.app.inject({
    method: 'GET',
    url: `/api/v1/public/licences/verify?no=${s.issued.number}`,
  });
  assert.equal(json<{ revokedReason: string; status: string }>(pub).revokedReason, reason);
  const page = await s.app.inject({ method: 'GET', url: `/licences/verify?no=${s.issued.number}` });
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('<script>alert(1)'), 'the reason is not markup on the page');
  assert.ok(!page.body.includes('<img src=x'), 'nor is the image');
  assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'it is shown as text');
  assert.ok(page.body.includes('已注销'));
});

test('public verification: junk numbers and tags are not found or invalid, never an error', async () => {
  const s = await setup();
  const api = (qs: string) => s.app.inject({ method: 'GET', url: `/api/v1/public/licences/verify?${qs}` });
  for (const no of ['<script>alert(1)</script>', "XK' OR '1'='1", '%25', 'XK', '../../etc/passwd']) {
    const r = await api(`no=${encodeURIComponent(no)}`);
    assert.equal(r.statusCode, 404, `${no}: ${r.body}`);
    assert.equal(json<Err>(r).error.code, 'LICENCE_NOT_FOUND');
    const page = await s.app.inject({ method: 'GET', url: `/licences/verify?no=${encodeURIComponent(no)}` });
    assert.equal(page.statusCode, 404, no);
    assert.ok(!page.body.includes('<script>alert(1)'), 'the number typed is echoed as text only');
  }
  for (const qs of ['', 'no=', `no=${'X'.repeat(65)}`, `no=${s.issued.number}&extra=1`, 'no=%00']) {
    assert.equal((await api(qs)).statusCode, 400, qs);
  }
  // A tag that is not the QR code's: the licence shows as 签名无效, whatever the tag holds.
  for (const sig of ['<b>x</b>', '0'.repeat(16), 'zz']) {
    const r = await api(`no=${s.issued.number}&sig=${encodeURIComponent(sig)}`);
    assert.equal(r.statusCode, 200, sig);
    assert.deepEqual(
      [json<{ status: string }>(r).status, json<{ signatureValid: boolean }>(r).signatureValid],
      ['invalid', false],
      sig,
    );
  }
  // The number is matched whatever its case, with surrounding spaces.
  const lower = await api(`no=${encodeURIComponent(` ${s.issued.number.toLowerCase()} `)}`);
  assert.equal(json<{ status: string }>(lower).status, 'valid');
});
