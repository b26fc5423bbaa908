// Electronic licences: issuing, public verification (valid / expired / revoked / tampered), staff
// scope, revocation and the certificate PDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../platform/audit/audit.ts';
import { rotatePlatformKey } from '../../platform/crypto/sm2.ts';
import { fixedClock } from '../../platform/db/clock.ts';
import { withTx } from '../../platform/db/pool.ts';
import { extractPdfText } from '../../platform/documents/testing.ts';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { as, createTestApp, json, login, type TestApp } from '../../testing/harness.ts';
import { makeStaff, NO_2FA, principalOf, TEST_PASSWORD } from '../identity/testing.ts';
import { registerAccount } from '../identity/index.ts';
import { createPublishedProcess, openCase } from '../workflow/index.ts';
import { seedCaseFixture, standardLicenceDefinition } from '../workflow/testing.ts';
import { issueLicence } from './index.ts';

const ID = makeIdNumber('331121', '19800615', '041');
const CREDIT = makeCreditCode('92', '331121', 'MA2KQ7X3');

interface Setup extends TestApp {
  clock: ReturnType<typeof fixedClock>;
  f: Awaited<ReturnType<typeof seedCaseFixture>>;
  citizenId: string;
  caseId: string;
  caseNumber: string;
}

async function setup(): Promise<Setup> {
  const clock = fixedClock('2026-11-24T02:00:00Z');
  const t = await createTestApp({ config: { ...NO_2FA, publicUrl: 'https://zw.lishui.example' }, clock });
  const f = await seedCaseFixture(t.ctx);
  const { userId: citizenId } = await registerAccount(
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
  const opened = await withTx(t.ctx.pool, async (tx) => {
    await createPublishedProcess(tx, {
      code: 'test.food-licence',
      name: '食品经营许可',
      caseType: 'licence',
      definition: standardLicenceDefinition(),
      orgId: f.qingtianDept.id,
    });
    return openCase(tx, t.ctx, {
      caseType: 'licence',
      processCode: 'test.food-licence',
      orgId: f.qingtianDept.id,
      subject: '食品经营许可（小餐饮）',
      applicantUserId: citizenId,
      applicantName: '王小明',
      actorUserId: citizenId,
    });
  });
  return { ...t, clock, f, citizenId, caseId: opened.case.id, caseNumber: opened.case.number };
}

function issue(s: Setup, over: Partial<Parameters<typeof issueLicence>[2]> = {}) {
  return withTx(s.ctx.pool, (tx) =>
    issueLicence(tx, s.ctx, {
      caseId: s.caseId,
      caseNumber: s.caseNumber,
      licenceName: '食品经营许可证',
      holderName: '王小明',
      holderKind: 'person',
      holderCode: ID,
      orgId: s.f.qingtianDept.id,
      validFrom: '2026-11-24',
      validUntil: '2031-11-23',
      scope: '预包装食品销售；热食类食品制售',
      data: { 经营场所: '青田县鹤城街道龙津路18号' },
      actorUserId: s.f.chief.id,
      ...over,
    }),
  );
}

type PublicBody = {
  number: string;
  status: string;
  statusName: string;
  holderName: string;
  holderCode: string | null;
  signatureValid: boolean;
  problem: string | null;
  validityText: string;
  revokedReason: string | null;
};

function verify(s: Setup, query: string) {
  return s.app.inject({ method: 'GET', url: `/api/v1/public/licences/verify?${query}` });
}

test('issuing numbers, signs and stores a licence; the QR target verifies it as valid', async () => {
  const s = await setup();
  const issued = await issue(s);
  assert.match(issued.number, /^XK3311212026\d{6}$/);
  assert.ok(
    issued.verifyUrl.startsWith(`https://zw.lishui.example/licences/verify?no=${issued.number}&sig=`),
  );
  const sig = new URL(issued.verifyUrl).searchParams.get('sig')!;
  assert.match(sig, /^[0-9a-f]{16}$/);

  // Same case and licence again (a retried decision): the same licence, no second number.
  const again = await issue(s);
  assert.equal(again.id, issued.id);
  const second = await issue(s, { licenceName: '小餐饮登记证' });
  assert.notEqual(second.number, issued.number);

  // The ID number is stored encrypted, with a blind index and a masked copy.
  const row = (await s.ctx.pool.query('SELECT * FROM lic_licence WHERE id = $1', [issued.id])).rows[0];
  assert.ok(!JSON.stringify(row).includes(ID), 'no clear ID number in the row');
  assert.equal(s.ctx.pii.decrypt(row.holder_code_enc), ID);
  assert.equal(row.holder_code_masked, `331***********${ID.slice(-4)}`);
  assert.equal(row.holder_user_id, s.citizenId);

  const res = await verify(s, `no=${issued.number}&sig=${sig}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = json<PublicBody>(res);
  assert.equal(body.status, 'valid');
  assert.equal(body.statusName, '有效');
  assert.equal(body.signatureValid, true);
  assert.equal(body.holderName, '王**');
  assert.equal(body.holderCode, null);
  assert.equal(body.validityText, '2026年11月24日 至 2031年11月23日');
  assert.ok(
    !res.body.includes(ID.slice(-4) + '"') && !res.body.includes('王小明'),
    'no personal data in public JSON',
  );

  // The page the QR code opens.
  const page = await s.app.inject({
    method: 'GET',
    url: new URL(issued.verifyUrl).pathname + new URL(issued.verifyUrl).search,
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  // "有效" alone is also in the 有效期限 label: check the verdict box itself.
  assert.match(page.body, /class="lic-result lic-valid" role="status">\s*<div>\s*<strong>有效<\/strong>/);
  assert.ok(page.body.includes('电子签名校验通过'));
  assert.ok(page.body.includes(issued.number));
  assert.ok(page.body.includes('王**'));
  assert.ok(!page.body.includes('王小明'));
  assert.ok(!page.body.includes(ID));

  // Audit and the holder's inbox.
  const audit = await s.ctx.pool.query(
    `SELECT actor_id FROM aud_entry WHERE action = 'licence.issue' AND object_id = $1`,
    [issued.id],
  );
  assert.equal(audit.rows[0]?.actor_id, s.f.chief.id);
  const inbox = await s.ctx.pool.query('SELECT title, link FROM platform_inbox WHERE user_id = $1', [
    s.citizenId,
  ]);
  assert.ok(
    inbox.rows.some(
      (r) => String(r.title).includes('食品经营许可证') && r.link === `/api/v1/my/licences/${issued.id}/pdf`,
    ),
  );
});

test('tampering with a stored licence or forging the QR code shows 签名无效', async () => {
  const s = await setup();
  const issued = await issue(s);
  const sig = new URL(issued.verifyUrl).searchParams.get('sig')!;

  const forgedTag = json<PublicBody>(await verify(s, `no=${issued.number}&sig=0123456789abcdef`));
  assert.equal(forgedTag.status, 'invalid');
  assert.match(forgedTag.problem ?? '', /二维码/);
  // Without the tag (number typed in by hand) the genuine licence still verifies.
  assert.equal(json<PublicBody>(await verify(s, `no=${issued.number}`)).status, 'valid');

  // Someone with database access extends the validity.
  await s.ctx.pool.query(`UPDATE lic_licence SET valid_until = '2099-12-31' WHERE id = $1`, [issued.id]);
  const tampered = json<PublicBody>(await verify(s, `no=${issued.number}&sig=${sig}`));
  assert.equal(tampered.status, 'invalid');
  assert.equal(tampered.statusName, '签名无效');
  assert.equal(tampered.signatureValid, false);
  const page = await s.app.inject({ method: 'GET', url: `/licences/verify?no=${issued.number}&sig=${sig}` });
  assert.match(
    page.body,
    /class="lic-result lic-invalid" role="status">\s*<div>\s*<strong>签名无效<\/strong>/,
  );
  assert.ok(page.body.includes('请勿采信'));
  assert.ok(!page.body.includes('电子签名校验通过'));

  // Restoring the field restores validity; rewriting the stored payload alongside does not help.
  await s.ctx.pool.query(`UPDATE lic_licence SET valid_until = '2031-11-23' WHERE id = $1`, [issued.id]);
  assert.equal(json<PublicBody>(await verify(s, `no=${issued.number}`)).status, 'valid');
  await s.ctx.pool.query(
    `UPDATE lic_licence SET holder_name = '李四', signed_payload = replace(signed_payload, '王小明', '李四') WHERE id = $1`,
    [issued.id],
  );
  assert.equal(json<PublicBody>(await verify(s, `no=${issued.number}`)).status, 'invalid');

  // The staff detail reports it too.
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const detail = json<{ signatureValid: boolean; signatureProblem: string }>(
    await chief('GET', `/api/v1/licences/${issued.id}`),
  );
  assert.equal(detail.signatureValid, false);
  assert.match(detail.signatureProblem, /篡改/);
});

test('expiry, not-yet-valid and unknown numbers; old signatures survive key rotation', async () => {
  const s = await setup();
  const issued = await issue(s, { validUntil: '2026-12-31' });
  assert.equal(json<PublicBody>(await verify(s, `no=${issued.number}`)).status, 'valid');
  // 2027-01-01 00:30 in Shanghai is still 2026-12-31 in UTC: the day is judged in China time.
  s.clock.set('2026-12-31T16:30:00Z');
  const expired = json<PublicBody>(await verify(s, `no=${issued.number}`));
  assert.equal(expired.status, 'expired');
  assert.equal(expired.statusName, '已过期');
  const page = await s.app.inject({ method: 'GET', url: `/licences/verify?no=${issued.number}` });
  assert.match(page.body, /class="lic-result lic-expired" role="status">\s*<div>\s*<strong>已过期<\/strong>/);
  assert.ok(page.body.includes('证照已超过有效期（2026年11月24日 至 2026年12月31日）'));
  s.clock.set('2026-11-24T02:00:00Z');

  const future = await issue(s, { licenceName: '临时许可', validFrom: '2026-12-01', validUntil: null });
  const fb = json<PublicBody>(await verify(s, `no=${future.number}`));
  assert.equal(fb.status, 'not_yet_valid');
  assert.match(fb.validityText, /至 长期$/);

  await withTx(s.ctx.pool, (tx) => rotatePlatformKey(tx, s.ctx.pii));
  assert.equal(json<PublicBody>(await verify(s, `no=${future.number}`)).signatureValid, true);
  const after = await issue(s, { licenceName: '轮换后证照' });
  const keys = await s.ctx.pool.query('SELECT DISTINCT key_id FROM lic_licence');
  assert.equal(keys.rowCount, 2, 'licences after the rotation use the new key');
  assert.equal(json<PublicBody>(await verify(s, `no=${after.number}`)).status, 'valid');

  const missing = await verify(s, 'no=XK3311212026999999');
  assert.equal(missing.statusCode, 404);
  assert.equal(json<{ error: { code: string } }>(missing).error.code, 'LICENCE_NOT_FOUND');
  const missingPage = await s.app.inject({ method: 'GET', url: '/licences/verify?no=XK3311212026999999' });
  assert.equal(missingPage.statusCode, 404);
  assert.ok(missingPage.body.includes('未找到编号为'));
  const hostile = await s.app.inject({
    method: 'GET',
    url: `/licences/verify?no=${encodeURIComponent('<script>alert(1)</script>')}`,
  });
  assert.equal(hostile.statusCode, 404);
  assert.ok(!hostile.body.includes('<script>alert(1)</script>'));
  assert.ok(hostile.body.includes('未找到编号为“&lt;script&gt;alert(1)&lt;/script&gt;”'), 'echoed as text');
  const form = await s.app.inject({ method: 'GET', url: '/licences/verify' });
  assert.equal(form.statusCode, 200);
  assert.ok(form.body.includes('name="no"'));
  assert.equal((await verify(s, '')).statusCode, 400);
});

test('staff see licences in scope only; the issuing unit revokes with a reason and the holder is told', async () => {
  const s = await setup();
  const issued = await issue(s);
  const root = await principalOf(s.ctx, s.f.platformAdmin.id);
  await makeStaff(s.ctx, root, {
    username: 'ld.chief',
    orgId: s.f.lianduDept.id,
    roles: [{ code: 'approver', scope: 'org', scopeOrgId: s.f.lianduDept.id }],
  });
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const other = as(s.app, await login(s.app, 'ld.chief', TEST_PASSWORD));
  const reviewer = as(s.app, await login(s.app, 'qt.reviewer', TEST_PASSWORD));
  const citizen = as(s.app, await login(s.app, 'wang.xiaoming', TEST_PASSWORD));

  const list = json<{ items: { id: string; holderCodeMasked: string; status: string }[]; total: number }>(
    await chief('GET', '/api/v1/licences'),
  );
  assert.equal(list.total, 1);
  assert.equal(list.items[0]?.holderCodeMasked.includes('*'), true);
  const byId = json<{ total: number }>(await chief('GET', `/api/v1/licences?q=${ID}`));
  assert.equal(byId.total, 1, 'found by the holder ID number through the blind index');
  assert.equal(json<{ total: number }>(await chief('GET', `/api/v1/licences?q=${issued.number}`)).total, 1);
  assert.equal(json<{ total: number }>(await other('GET', '/api/v1/licences')).total, 0);
  assert.equal((await other('GET', `/api/v1/licences/${issued.id}`)).statusCode, 404);
  assert.equal((await reviewer('GET', '/api/v1/licences')).statusCode, 403, 'reviewers hold no licence.read');
  assert.equal((await citizen('GET', `/api/v1/licences/${issued.id}`)).statusCode, 403);

  // Revocation: permission, scope, reason, once.
  assert.equal(
    (await other('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '超范围经营' })).statusCode,
    404,
  );
  assert.equal(
    (await reviewer('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '超范围经营' })).statusCode,
    403,
  );
  assert.equal((await chief('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '' })).statusCode, 400);
  assert.equal((await chief('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: 5 })).statusCode, 400);
  assert.equal(
    (await chief('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '超范围经营', extra: 1 }))
      .statusCode,
    400,
  );
  const revoked = await chief('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '申请人申请注销' });
  assert.equal(revoked.statusCode, 200, revoked.body);
  const rv = json<{ status: string; revokedReason: string; revokedByName: string; signatureValid: boolean }>(
    revoked,
  );
  assert.equal(rv.status, 'revoked');
  assert.equal(rv.revokedReason, '申请人申请注销');
  assert.equal(rv.signatureValid, true);
  assert.equal(
    (await chief('POST', `/api/v1/licences/${issued.id}/revoke`, { reason: '重复注销' })).statusCode,
    409,
  );

  const pub = json<PublicBody>(await verify(s, `no=${issued.number}`));
  assert.equal(pub.status, 'revoked');
  assert.equal(pub.statusName, '已注销');
  assert.equal(pub.revokedReason, '申请人申请注销');
  const page = await s.app.inject({ method: 'GET', url: `/licences/verify?no=${issued.number}` });
  assert.match(page.body, /class="lic-result lic-revoked" role="status">\s*<div>\s*<strong>已注销<\/strong>/);
  assert.ok(page.body.includes('该证照已于 2026-11-24 注销，注销原因：申请人申请注销。'));
  assert.equal(json<{ total: number }>(await chief('GET', '/api/v1/licences?status=revoked')).total, 1);
  assert.equal(json<{ total: number }>(await chief('GET', '/api/v1/licences?status=valid')).total, 0);

  const audit = await s.ctx.pool.query(
    `SELECT 1 FROM aud_entry WHERE action = 'licence.revoke' AND object_id = $1`,
    [issued.id],
  );
  assert.equal(audit.rowCount, 1);
  const told = await s.ctx.pool.query(
    'SELECT body FROM platform_inbox WHERE user_id = $1 AND title LIKE $2',
    [s.citizenId, '%已注销%'],
  );
  assert.match(String(told.rows[0]?.body), /申请人申请注销/);
});

test('the certificate PDF for staff and holder, with the verification QR; others get 404', async () => {
  const s = await setup();
  const enterprise = await issue(s, {
    licenceName: '食品经营许可证',
    holderName: '青田县鹤城好味道餐饮店',
    holderKind: 'enterprise',
    holderCode: CREDIT,
  });
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const res = await chief('GET', `/api/v1/licences/${enterprise.id}/pdf`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  const pdf = res.rawPayload;
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = extractPdfText(pdf);
  for (const part of [
    enterprise.number,
    '青田县鹤城好味道餐饮店',
    CREDIT,
    '青田县市场监督管理局',
    '扫码核验证照真伪',
    '2031年11月23日',
  ]) {
    assert.ok(text.includes(part), `PDF lacks ${part}`);
  }
  assert.ok(text.includes('zw.lishui.example/licences/verify'));

  const citizen = as(s.app, await login(s.app, 'wang.xiaoming', TEST_PASSWORD));
  const mine = json<{ items: { id: string }[] }>(await citizen('GET', '/api/v1/my/licences'));
  assert.deepEqual(
    mine.items.map((i) => i.id),
    [enterprise.id],
  );
  const own = await citizen('GET', `/api/v1/my/licences/${enterprise.id}/pdf`);
  assert.equal(own.statusCode, 200);
  assert.ok(extractPdfText(own.rawPayload).includes(enterprise.number));

  await registerAccount(
    s.ctx,
    {
      kind: 'citizen',
      username: 'li.si',
      password: TEST_PASSWORD,
      realName: '李四',
      idNumber: makeIdNumber('331102', '19900101', '017'),
      phone: '13857810099',
    },
    systemActor,
    null,
  );
  const stranger = as(s.app, await login(s.app, 'li.si', TEST_PASSWORD));
  assert.equal((await stranger('GET', `/api/v1/my/licences/${enterprise.id}/pdf`)).statusCode, 404);
  assert.equal((await stranger('GET', '/api/v1/my/licences/not-a-uuid/pdf')).statusCode, 400);
  assert.deepEqual(json<{ items: unknown[] }>(await stranger('GET', '/api/v1/my/licences')).items, []);
  assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/my/licences' })).statusCode, 401);
});

test('issuing refuses bad input and changes nothing', async () => {
  const s = await setup();
  await assert.rejects(issue(s, { holderCode: '331121198006150000' }), /HOLDER_CODE_INVALID/);
  await assert.rejects(
    issue(s, { holderKind: 'enterprise', holderCode: '91331121MA2KQ7X3' }),
    /HOLDER_CODE_INVALID/,
  );
  await assert.rejects(issue(s, { validUntil: '2026-01-01' }), /VALIDITY_INVALID/);
  await assert.rejects(issue(s, { validFrom: '2026-02-30' }), /VALIDITY_INVALID/);
  await assert.rejects(issue(s, { licenceName: ' ' }), /LICENCE_INPUT_INVALID/);
  const n = await s.ctx.pool.query('SELECT count(*)::int AS n FROM lic_licence');
  assert.equal(n.rows[0].n, 0);
});
