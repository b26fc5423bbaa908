// Public registration through HTTP, the profile it leads to, and how personal data is stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIdNumber } from '../../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../../platform/ids/gb32100.ts';
import { as, createTestApp, json, login } from '../../../testing/harness.ts';
import { NO_2FA, seedScopeFixture } from '../testing.ts';

type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] } };
type App = Awaited<ReturnType<typeof createTestApp>>['app'];

const ID = makeIdNumber('331102', '19850312', '123');
const CREDIT = makeCreditCode('91', '331102', 'MA2HK1A0');
const PASSWORD = 'Lishui#Citizen2026';

/** The same code with a wrong last character: fails only its check digit. */
function wrongCheckChar(code: string): string {
  return code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
}

const citizen = (over: Record<string, unknown> = {}) => ({
  kind: 'citizen',
  username: 'zhangsan',
  password: PASSWORD,
  realName: '张三',
  idNumber: ID,
  phone: '13857810001',
  ...over,
});

const enterprise = (over: Record<string, unknown> = {}) => ({
  kind: 'enterprise',
  username: 'ouj.agri',
  password: PASSWORD,
  name: '丽水市瓯江生态农业有限公司',
  creditCode: CREDIT,
  legalRepresentative: '周伟民',
  phone: '13757820001',
  ...over,
});

function register(app: App, payload: unknown) {
  return app.inject({ method: 'POST', url: '/api/v1/accounts', payload: payload as Record<string, unknown> });
}

async function userCount(app: Awaited<ReturnType<typeof createTestApp>>): Promise<number> {
  const r = await app.ctx.pool.query('SELECT count(*)::int AS n FROM idn_user');
  return r.rows[0].n as number;
}

function fieldsOf(body: string): string[] {
  return (JSON.parse(body) as ErrorBody).error.details.map((d) => d.field);
}

test('a citizen registers, signs in and sees a masked profile; the read is audited', async () => {
  const t = await createTestApp();
  const { app, ctx } = t;
  const res = await register(app, citizen());
  assert.equal(res.statusCode, 201, res.body);
  const user = json<{ user: { id: string; username: string; kind: string; displayName: string } }>(res).user;
  assert.equal(user.username, 'zhangsan');
  assert.equal(user.kind, 'citizen');
  assert.equal(user.displayName, '张三');
  assert.equal(res.cookies.length, 0, 'registration does not sign in by itself');

  const s = await login(app, 'zhangsan', PASSWORD);
  const before = await ctx.pool.query(
    `SELECT count(*)::int AS n FROM aud_entry WHERE action = 'profile.read'`,
  );
  const profile = await as(app, s)('GET', '/api/v1/me/profile');
  assert.equal(profile.statusCode, 200, profile.body);
  const p = json<{
    phoneMasked: string;
    citizen: { realName: string; idNumberMasked: string; birthDate: string; sex: string };
  }>(profile);
  assert.equal(p.phoneMasked, '138****0001');
  assert.equal(p.citizen.idNumberMasked, `331${'*'.repeat(11)}${ID.slice(-4)}`);
  assert.ok(!profile.body.includes(ID), 'full ID number never leaves the server');
  assert.ok(!profile.body.includes('13857810001'), 'full phone number never leaves the server');
  assert.equal(p.citizen.birthDate, '1985-03-12');
  assert.equal(p.citizen.sex, 'male');
  const after = await ctx.pool.query(
    `SELECT actor_id, count(*) OVER ()::int AS n FROM aud_entry WHERE action = 'profile.read' ORDER BY seq DESC LIMIT 1`,
  );
  assert.equal(after.rows[0].n, before.rows[0].n + 1, 'one audit entry per profile read');
  assert.equal(after.rows[0].actor_id, user.id, 'the profile read is recorded against the reader');

  // Stored encrypted: neither the ID number nor the phone appears in clear anywhere in the rows.
  const raw = await ctx.pool.query(
    `SELECT row_to_json(c)::text AS c, row_to_json(u)::text AS u FROM idn_citizen c JOIN idn_user u ON u.id = c.user_id`,
  );
  const rows = `${raw.rows[0].c}${raw.rows[0].u}`;
  assert.ok(!rows.includes(ID), 'no clear ID number in the database row');
  assert.ok(!rows.includes('13857810001'), 'no clear phone number in the database row');
  assert.equal(ctx.pii.decrypt(JSON.parse(raw.rows[0].c).id_number_enc), ID, 'but it can be decrypted');
  const audit = await ctx.pool.query(
    `SELECT changes::text AS c FROM aud_entry WHERE action = 'account.register'`,
  );
  assert.ok(!String(audit.rows[0].c).includes(ID), 'the audit log holds the ID number masked');
});

test('an enterprise registers with a valid unified social credit code', async () => {
  const { app } = await createTestApp();
  const res = await register(app, enterprise());
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(
    json<{ user: { kind: string; displayName: string } }>(res).user.displayName,
    '丽水市瓯江生态农业有限公司',
  );
  const s = await login(app, 'ouj.agri', PASSWORD);
  const profile = json<{ enterprise: { creditCode: string; legalRepresentative: string } }>(
    await as(app, s)('GET', '/api/v1/me/profile'),
  );
  assert.equal(profile.enterprise.creditCode, CREDIT);
});

test('bad identifiers, weak passwords and taken names are refused naming the field, and nothing is written', async () => {
  const t = await createTestApp();
  const { app } = t;
  const cases: { name: string; body: unknown; status: number; field: string }[] = [
    {
      name: 'ID check digit',
      body: citizen({ idNumber: wrongCheckChar(ID) }),
      status: 422,
      field: 'idNumber',
    },
    {
      name: 'ID birth date',
      body: citizen({ idNumber: makeIdNumber('331102', '20991231', '123') }),
      status: 422,
      field: 'idNumber',
    },
    {
      name: 'credit code',
      body: enterprise({ creditCode: '91331102MA2HK1A0I4' }),
      status: 422,
      field: 'creditCode',
    },
    {
      name: 'credit check digit',
      body: enterprise({ creditCode: wrongCheckChar(CREDIT) }),
      status: 422,
      field: 'creditCode',
    },
    { name: 'phone', body: citizen({ phone: '1234567' }), status: 422, field: 'phone' },
    { name: 'weak password', body: citizen({ password: 'password' }), status: 422, field: 'password' },
    {
      name: 'markup in name',
      body: citizen({ realName: '<script>alert(1)</script>' }),
      status: 422,
      field: 'realName',
    },
    { name: 'one-character name', body: citizen({ realName: '张' }), status: 422, field: 'realName' },
    {
      name: 'SQL in username',
      body: citizen({ username: "a'; DROP TABLE idn_user; --" }),
      status: 422,
      field: 'username',
    },
    {
      name: 'SQL OR in username',
      body: citizen({ username: "admin' OR '1'='1" }),
      status: 422,
      field: 'username',
    },
    {
      name: 'username starting with a digit',
      body: citizen({ username: '1zhang' }),
      status: 422,
      field: 'username',
    },
    { name: 'unknown field', body: citizen({ isAdmin: true }), status: 400, field: 'isAdmin' },
    { name: 'wrong type', body: citizen({ phone: 13857810001 }), status: 400, field: 'phone' },
    {
      name: 'missing field',
      body: { kind: 'citizen', username: 'zhangsan', password: PASSWORD },
      status: 400,
      field: 'realName',
    },
    {
      name: 'enterprise field on a citizen',
      body: citizen({ creditCode: CREDIT }),
      status: 400,
      field: 'creditCode',
    },
    { name: 'unknown kind', body: citizen({ kind: 'robot' }), status: 400, field: 'kind' },
  ];
  const before = await userCount(t);
  for (const c of cases) {
    const res = await register(app, c.body);
    assert.equal(res.statusCode, c.status, `${c.name}: ${res.body}`);
    assert.ok(fieldsOf(res.body).includes(c.field), `${c.name} names ${c.field}: ${res.body}`);
    assert.ok(json<ErrorBody>(res).error.message.length > 0);
  }
  assert.equal(await userCount(t), before, 'no account was created');
  const tables = await t.ctx.pool.query(`SELECT to_regclass('idn_user') IS NOT NULL AS ok`);
  assert.equal(tables.rows[0].ok, true);

  const weak = await register(app, citizen({ password: 'abc' }));
  const messages = json<ErrorBody>(weak).error.details.filter((d) => d.field === 'password');
  assert.ok(messages.length >= 2, 'each password rule that fails is listed');

  const creditDesk = await register(app, enterprise({ creditCode: wrongCheckChar(CREDIT) }));
  assert.match(json<ErrorBody>(creditDesk).error.details[0]!.message, /登记窗口/);
});

test('a taken username, ID number or credit code answers 409', async () => {
  const t = await createTestApp();
  const { app } = t;
  assert.equal((await register(app, citizen())).statusCode, 201);
  const sameName = await register(
    app,
    citizen({ username: 'ZhangSan', idNumber: makeIdNumber('331121', '19900708', '245') }),
  );
  assert.equal(sameName.statusCode, 409);
  assert.equal(json<ErrorBody>(sameName).error.code, 'USERNAME_TAKEN');
  const sameId = await register(app, citizen({ username: 'zhangsan2' }));
  assert.equal(sameId.statusCode, 409);
  assert.equal(json<ErrorBody>(sameId).error.code, 'ID_NUMBER_TAKEN');
  assert.equal((await register(app, enterprise())).statusCode, 201);
  const sameCode = await register(app, enterprise({ username: 'ouj.agri2' }));
  assert.equal(sameCode.statusCode, 409);
  assert.equal(json<ErrorBody>(sameCode).error.code, 'CREDIT_CODE_TAKEN');
  assert.equal(await userCount(t), 2);
});

test('malformed JSON is 400 INVALID_JSON; an oversized body is 413', async () => {
  const t = await createTestApp();
  const { app } = t;
  const bad = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { 'content-type': 'application/json' },
    payload: '{"kind":"citizen","username":',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(json<ErrorBody>(bad).error.code, 'INVALID_JSON');

  const huge = await app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(citizen({ realName: 'x'.repeat(2 * 1024 * 1024) })),
  });
  assert.equal(huge.statusCode, 413);
  assert.equal(json<ErrorBody>(huge).error.code, 'PAYLOAD_TOO_LARGE');
  assert.equal(await userCount(t), 0);
});

test('a code failing only its check digit is accepted from staff with user.manage and a note, and audited', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  await seedScopeFixture(ctx);
  const odd = wrongCheckChar(makeCreditCode('91', '331121', 'MA2HK2B3'));

  // Anonymous: refused even with a note.
  const anon = await register(app, enterprise({ creditCode: odd, creditCodeNote: '早期试点代码' }));
  assert.equal(anon.statusCode, 422);

  const admin = await login(app, 'qingtian.admin', 'Zt-test-2026!');
  const noNote = await as(app, admin)('POST', '/api/v1/accounts', enterprise({ creditCode: odd }));
  assert.equal(noNote.statusCode, 422);
  assert.deepEqual(fieldsOf(noNote.body), ['creditCodeNote']);

  const ok = await as(app, admin)(
    'POST',
    '/api/v1/accounts',
    enterprise({ creditCode: odd, creditCodeNote: '已核验营业执照原件，系登记机关颁发的早期代码' }),
  );
  assert.equal(ok.statusCode, 201, ok.body);
  const row = await ctx.pool.query('SELECT credit_code, credit_code_note FROM idn_enterprise');
  assert.equal(row.rows[0].credit_code, odd);
  assert.match(row.rows[0].credit_code_note, /营业执照原件/);
  const audit = await ctx.pool.query(
    `SELECT summary, actor_name FROM aud_entry WHERE action = 'account.register'`,
  );
  assert.match(audit.rows[0].summary, /早期代码/);
  assert.match(audit.rows[0].actor_name, /qingtian\.admin/);

  // Ordinary staff (no user.manage) cannot vouch.
  const staff = await login(app, 'qingtian.staff', 'Zt-test-2026!');
  const refused = await as(app, staff)(
    'POST',
    '/api/v1/accounts',
    enterprise({
      username: 'other.ent',
      creditCode: wrongCheckChar(makeCreditCode('91', '331121', 'MA2HK3C6')),
      creditCodeNote: '说明',
    }),
  );
  assert.equal(refused.statusCode, 422);
});

test('the profile needs a session', async () => {
  const { app } = await createTestApp();
  const res = await app.inject({ method: 'GET', url: '/api/v1/me/profile' });
  assert.equal(res.statusCode, 401);
});

test('public registration is rate-limited per client address', async () => {
  const t = await createTestApp({ config: { ratePublicPerMinute: 3 } });
  const answers: number[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await register(
      t.app,
      citizen({ username: `ratelimit${i}`, idNumber: makeIdNumber('331102', '19850312', 200 + i) }),
    );
    answers.push(r.statusCode);
  }
  assert.deepEqual(answers, [201, 201, 201, 429]);
  const last = await register(
    t.app,
    citizen({ username: 'ratelimit9', idNumber: makeIdNumber('331102', '19850312', 299) }),
  );
  assert.equal(last.statusCode, 429);
  const body = JSON.parse(last.body) as ErrorBody;
  assert.equal(body.error.code, 'RATE_LIMITED');
  assert.match(body.error.message, /秒后再试/);
  assert.equal(await userCount(t), 3, 'the refused submissions wrote nothing');
});
