// Prefill from the signed-in applicant's own verified profile: the right kinds for each account kind,
// decrypted personal data only for its owner, nothing for staff or anonymous callers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../../../platform/audit/audit.ts';
import { makeIdNumber } from '../../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../../platform/ids/gb32100.ts';
import { createTestApp } from '../../../testing/harness.ts';
import { NO_2FA, principalOf, seedScopeFixture, TEST_PASSWORD } from '../../identity/testing.ts';
import { registerAccount } from '../../identity/index.ts';
import { sampleForm } from '../testing.ts';
import type { FormDefinition } from './form-types.ts';
import { prefillFor } from './prefill.ts';
import { validateFormData } from './validate-data.ts';

test('citizens and enterprises get their own profile data in the fields that ask for it', async () => {
  const { ctx } = await createTestApp({ config: NO_2FA });
  const f = await seedScopeFixture(ctx);
  const idNumber = makeIdNumber('331102', '19850312', '123');
  const creditCode = makeCreditCode('91', '331102', 'MA2HK1A0');
  const citizen = await registerAccount(
    ctx,
    {
      kind: 'citizen',
      username: 'zhangsan',
      password: TEST_PASSWORD,
      realName: '张三',
      idNumber,
      phone: '13857810001',
    },
    systemActor,
    null,
  );
  const enterprise = await registerAccount(
    ctx,
    {
      kind: 'enterprise',
      username: 'oujiang',
      password: TEST_PASSWORD,
      name: '丽水市瓯江生态农业有限公司',
      creditCode,
      legalRepresentative: '周伟民',
      phone: '13757820001',
    },
    systemActor,
    null,
  );

  const def = sampleForm();
  const person = await prefillFor(ctx, await principalOf(ctx, citizen.userId), def);
  assert.deepEqual(person, { name: '张三', idNumber, phone: '13857810001' });

  const company = await prefillFor(ctx, await principalOf(ctx, enterprise.userId), def);
  assert.deepEqual(company, {
    companyName: '丽水市瓯江生态农业有限公司',
    creditCode,
    phone: '13757820001',
  });

  // A form asking for the legal representative and both kinds of identity.
  const both: FormDefinition = {
    sections: [
      {
        key: 's',
        title: '申请人',
        fields: [
          { key: 'rep', label: '法定代表人', type: 'text', prefill: 'legal_representative' },
          { key: 'who', label: '姓名', type: 'text', prefill: 'name' },
          { key: 'cc', label: '信用代码', type: 'credit_code', prefill: 'credit_code' },
          { key: 'plain', label: '备注', type: 'text' },
        ],
      },
    ],
  };
  assert.deepEqual(await prefillFor(ctx, await principalOf(ctx, enterprise.userId), both), {
    rep: '周伟民',
    cc: creditCode,
  });
  assert.deepEqual(await prefillFor(ctx, await principalOf(ctx, citizen.userId), both), { who: '张三' });

  // Staff and anonymous callers get nothing, whatever the form asks.
  assert.deepEqual(await prefillFor(ctx, await principalOf(ctx, f.qingtianStaff.id), def), {});
  assert.deepEqual(await prefillFor(ctx, null, def), {});

  // Prefilled values pass the form's own validation (the applicant only adds the rest).
  const r = validateFormData(def, {
    ...person,
    applicantType: 'person',
    category: 'retail',
    scope: ['cold'],
    area: 20,
    region: '331102',
    address: { region: '331102001', detail: '丽阳街 1 号' },
    employees: [{ name: '张三', idNumber, healthCert: 'no' }],
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));

  // A disabled account is not prefilled from.
  await ctx.pool.query(`UPDATE idn_user SET status = 'disabled' WHERE id = $1`, [citizen.userId]);
  assert.deepEqual(await prefillFor(ctx, await principalOf(ctx, citizen.userId), def), {});
});
