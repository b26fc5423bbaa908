// The demo region: real 丽水 codes, valid identifiers, and accounts that sign in with the demo password.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LISHUI_REGIONS } from '../../platform/ids/gb2260.ts';
import { validateIdNumber } from '../../platform/ids/gb11643.ts';
import { validateCreditCode } from '../../platform/ids/gb32100.ts';
import { as, createTestApp, json, login } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedIdentityDemo } from './identity.seed.ts';
import { NO_2FA } from './testing.ts';

test('the demo seed builds 丽水市 with valid codes and working accounts', async () => {
  const { app, ctx } = await createTestApp({ config: NO_2FA });
  const lines: string[] = [];
  await seedIdentityDemo(ctx, (m) => lines.push(m));
  assert.ok(
    lines.some((l) => /^演示数据：组织机构 (\d+)\/\1$/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /^演示数据：用户 (\d+)\/\1$/.test(l)),
    lines.join('\n'),
  );

  const regions = await ctx.pool.query<{ region_code: string; name: string }>(
    `SELECT region_code, name FROM idn_org WHERE kind = 'region'`,
  );
  for (const r of LISHUI_REGIONS.filter((x) => x.level !== 'province')) {
    assert.ok(
      regions.rows.some((row) => row.region_code === r.code && row.name === r.name),
      `${r.name} ${r.code}`,
    );
  }
  const depts = await ctx.pool.query<{ name: string; credit_code: string | null }>(
    `SELECT name, credit_code FROM idn_org WHERE kind <> 'region'`,
  );
  assert.ok(depts.rows.length >= 28 + 9 * 3, `${depts.rows.length} departments and units`);
  for (const d of depts.rows) {
    assert.ok(d.credit_code && validateCreditCode(d.credit_code).ok, `${d.name}: ${d.credit_code}`);
  }
  for (const name of [
    '丽水市市场监督管理局',
    '丽水市大数据发展管理局',
    '丽水市信息中心',
    '青田县行政审批服务局',
  ]) {
    assert.ok(
      depts.rows.some((d) => d.name === name),
      name,
    );
  }

  const citizens = await ctx.pool.query<{ id_number_enc: string }>('SELECT id_number_enc FROM idn_citizen');
  assert.ok(citizens.rows.length >= 5);
  for (const c of citizens.rows) {
    const id = ctx.pii.decrypt(c.id_number_enc);
    assert.ok(validateIdNumber(id).ok, id);
    assert.ok(id.startsWith('3311'), 'born in a 丽水 county');
  }
  const ents = await ctx.pool.query<{ credit_code: string }>('SELECT credit_code FROM idn_enterprise');
  assert.ok(ents.rows.length >= 5);
  for (const e of ents.rows) assert.ok(validateCreditCode(e.credit_code).ok, e.credit_code);

  for (const username of [
    'admin',
    'security',
    'auditor',
    'qingtian.admin',
    'shiscj.staff',
    'citizen1',
    'enterprise1',
  ]) {
    await login(app, username, DEMO_PASSWORD);
  }
  const admin = json<{ user: { roles: { code: string; scope: string }[]; orgName: string } }>(
    await as(app, await login(app, 'admin', DEMO_PASSWORD))('GET', '/api/v1/session'),
  );
  assert.deepEqual(
    admin.user.roles.map((r) => `${r.code}/${r.scope}`),
    ['sysadmin/platform'],
  );
  const county = as(app, await login(app, 'qingtian.admin', DEMO_PASSWORD));
  const orgs = json<{ items: { name: string }[] }>(await county('GET', '/api/v1/orgs'));
  assert.ok(orgs.items.length >= 4);
  assert.ok(
    orgs.items.every((o) => o.name.startsWith('青田县') || ['鹤城街道', '温溪镇', '万山乡'].includes(o.name)),
  );

  const again: string[] = [];
  await seedIdentityDemo(ctx, (m) => again.push(m));
  assert.match(again.join(''), /跳过/);
});
