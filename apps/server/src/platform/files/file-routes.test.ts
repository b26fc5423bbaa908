// The file routes on a bare kernel: sessions are stood in for by principals installed through the
// kernel's session hook, so these tests exercise exactly the access rules of this route.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { createTestDb, multipartFile, TEST_SECRET_KEY, testDataDir } from '../../testing/harness.ts';
import { createContext } from '../bootstrap.ts';
import { loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { registerKernel } from '../http/kernel.ts';
import type { Principal, RoleGrant } from '../http/principal.ts';
import { registerFileRoutes } from './file-routes.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800', 'hex'), Buffer.alloc(200)]);
const LIMIT = 64 * 1024;
const RATE = 6;

function grant(
  permissions: string[],
  scope: RoleGrant['scope'],
  org: { id: string; path: string } | null,
): RoleGrant {
  return {
    assignmentId: newId(),
    roleId: newId(),
    code: 'test_role',
    name: '测试角色',
    adminClass: null,
    permissions,
    scope,
    scopeOrgId: org?.id ?? null,
    scopeOrgName: org ? '某机构' : null,
    scopeOrgPath: org?.path ?? null,
  };
}

function principal(name: string, over: Partial<Principal> = {}): Principal {
  return {
    userId: newId(),
    username: name,
    kind: 'staff',
    displayName: name,
    orgId: null,
    orgPath: null,
    grants: [],
    sessionId: newId(),
    csrfToken: randomBytes(8).toString('hex'),
    totpSetupRequired: false,
    mustChangePassword: false,
    ...over,
  };
}

const sessions = new Map<string, Principal>();
const orgs = {
  city: { id: newId(), path: '' },
  bureauA: { id: newId(), path: '' },
  bureauB: { id: newId(), path: '' },
};
orgs.city.path = `/${orgs.city.id}/`;
orgs.bureauA.path = `${orgs.city.path}${orgs.bureauA.id}/`;
orgs.bureauB.path = `${orgs.city.path}${orgs.bureauB.id}/`;

// One database, context and app for the file (the harness drops the database when the file ends).
const ctx: AppContext = await createContext(
  loadConfig(
    {},
    {
      demo: false,
      dataDir: testDataDir(),
      secretKey: TEST_SECRET_KEY,
      logLevel: 'silent',
      uploadLimitBytes: LIMIT,
      ratePublicPerMinute: RATE,
    },
  ),
  await createTestDb(),
  { log: pino({ level: 'silent' }) as never, poolSize: 3 },
);
await ctx.pool.query(
  `INSERT INTO idn_org (id, parent_id, kind, name, region_code, path, depth) VALUES
   ($1, NULL, 'region', '丽水市', '331100', $2, 0),
   ($3, $1, 'department', '市市场监督管理局', NULL, $4, 1),
   ($5, $1, 'department', '市民政局', NULL, $6, 1)`,
  [orgs.city.id, orgs.city.path, orgs.bureauA.id, orgs.bureauA.path, orgs.bureauB.id, orgs.bureauB.path],
);
const people = {
  citizen: principal('zhangsan', { kind: 'citizen', displayName: '张三' }),
  otherCitizen: principal('lisi', { kind: 'citizen', displayName: '李四' }),
  clerkA: principal('clerk_a', { orgId: orgs.bureauA.id, orgPath: orgs.bureauA.path }),
  cityReader: principal('city_reader', { grants: [grant(['file.read'], 'org', orgs.city)] }),
  bureauBReader: principal('b_reader', { grants: [grant(['file.read'], 'org', orgs.bureauB)] }),
  platformReader: principal('platform_reader', { grants: [grant(['file.read'], 'platform', null)] }),
  orgReaderOnly: principal('org_reader', { grants: [grant(['org.read'], 'platform', null)] }),
  uploader: principal('uploader', { kind: 'citizen' }),
};
for (const p of Object.values(people)) sessions.set(`tok-${p.username}`, p);

const app: FastifyInstance = Fastify();
await registerKernel(app, ctx);
ctx.auth.resolveSession = async (token) => sessions.get(token) ?? null;
await registerFileRoutes(app, ctx);
await app.ready();
after(async () => {
  await app.close();
  await ctx.pool.end();
});

describe('file routes', () => {
  const headersOf = (p: Principal) => ({
    cookie: `zt_session=tok-${p.username}`,
    'x-csrf-token': p.csrfToken,
  });
  const upload = (p: Principal | null, name: string, data: Buffer, extra: Record<string, string> = {}) => {
    const m = multipartFile(name, data);
    return app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: m.payload,
      headers: { ...m.headers, ...(p ? headersOf(p) : {}), ...extra },
    });
  };
  const download = (p: Principal | null, id: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/files/${id}`,
      headers: p ? { cookie: `zt_session=tok-${p.username}` } : {},
    });

  test('a signed-in user uploads an attachment and gets it back as a download', async () => {
    const citizen = people.citizen;
    const res = await upload(citizen, '营业执照申请书.pdf', PDF);
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { id: string; name: string; mime: string; size: number; purpose: string };
    assert.equal(body.name, '营业执照申请书.pdf');
    assert.equal(body.mime, 'application/pdf');
    assert.equal((body as { contentType?: string }).contentType, 'application/pdf');
    assert.equal(body.size, PDF.length);
    assert.equal(body.purpose, 'attachment');

    const dl = await download(citizen, body.id);
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PDF);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    const cd = String(dl.headers['content-disposition']);
    assert.ok(cd.startsWith('attachment;'), cd);
    assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent('营业执照申请书.pdf')}`), cd);

    const audit = await ctx.pool.query(`SELECT actor_id, action FROM aud_entry WHERE object_id = $1`, [
      body.id,
    ]);
    assert.deepEqual(audit.rows, [{ actor_id: citizen.userId, action: 'file.upload' }]);
  });

  test('others see 404 unless a file.read permission reaches the file’s organisation', async () => {
    const owned = await upload(people.citizen, '身份证复印件.pdf', PDF);
    const citizenFile = (owned.json() as { id: string }).id;
    const staff = await upload(people.clerkA, '内部审查意见.pdf', PDF);
    const bureauAFile = (staff.json() as { id: string }).id;

    assert.equal((await download(people.otherCitizen, citizenFile)).statusCode, 404);
    assert.equal((await download(people.orgReaderOnly, citizenFile)).statusCode, 404);
    // A citizen's own upload belongs to no organisation: only a platform-wide reader may open it.
    assert.equal((await download(people.cityReader, citizenFile)).statusCode, 404);
    assert.equal((await download(people.platformReader, citizenFile)).statusCode, 200);

    // The bureau's file lies under the city, not under the other bureau.
    assert.equal((await download(people.cityReader, bureauAFile)).statusCode, 200);
    const denied = await download(people.bureauBReader, bureauAFile);
    assert.equal(denied.statusCode, 404);
    assert.equal((denied.json() as { error: { code: string } }).error.code, 'NOT_FOUND');

    const reads = await ctx.pool.query<{ actor_id: string }>(
      `SELECT actor_id FROM aud_entry WHERE action = 'file.download' AND object_id = $1`,
      [bureauAFile],
    );
    assert.deepEqual(
      reads.rows.map((r) => r.actor_id),
      [people.cityReader.userId],
    );

    assert.equal((await download(null, citizenFile)).statusCode, 401);
    assert.equal((await download(people.citizen, newId())).statusCode, 404);
    assert.equal((await download(people.citizen, 'not-a-uuid')).statusCode, 404);
  });

  test('uploads are checked by content, size and session', async () => {
    const citizen = people.citizen;
    const renamed = await upload(citizen, '申请材料.pdf', EXE);
    assert.equal(renamed.statusCode, 415);
    assert.equal((renamed.json() as { error: { code: string } }).error.code, 'FILE_TYPE_MISMATCH');

    const big = await upload(citizen, '大文件.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT)]));
    assert.equal(big.statusCode, 413);
    const err = (big.json() as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'FILE_TOO_LARGE');
    assert.ok(err.message.includes('64 KB'), err.message);

    assert.equal((await upload(null, '匿名.pdf', PDF)).statusCode, 401);
    const noCsrf = await upload(citizen, 'x.pdf', PDF, { 'x-csrf-token': 'wrong' });
    assert.equal(noCsrf.statusCode, 403);

    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: { name: 'x.pdf' },
      headers: headersOf(citizen),
    });
    assert.equal(json.statusCode, 415);

    const count = await ctx.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM platform_file WHERE name IN ('申请材料.pdf', '大文件.pdf', '匿名.pdf', 'x.pdf')`,
    );
    assert.equal(count.rows[0]?.n, 0);
  });

  test('uploads are rate-limited per user', async () => {
    const u = people.uploader;
    const codes: number[] = [];
    for (let i = 0; i < RATE + 1; i++) codes.push((await upload(u, `第${i}份.pdf`, PDF)).statusCode);
    assert.deepEqual(codes, [...Array(RATE).fill(201), 429]);
    // Another user is not affected.
    assert.equal((await upload(people.otherCitizen, '另一人.pdf', PDF)).statusCode, 201);
  });
});
