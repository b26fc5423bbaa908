// 一单式收费: fees due from an item's standards and the applicant's values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFees, isFeeFree } from './fees.ts';
import type { Fee } from './services.types.ts';

const REGISTRATION: Fee[] = [
  {
    name: '不动产登记费（住宅）',
    standard: '每件80元',
    basis: '发改价格规〔2016〕2559号',
    rule: { mode: 'fixed', amountFen: 8000 },
    when: { field: 'use', equals: 'residential' },
  },
  {
    name: '不动产登记费（非住宅）',
    standard: '每件550元',
    basis: '发改价格规〔2016〕2559号',
    rule: { mode: 'fixed', amountFen: 55000 },
    when: { field: 'use', equals: ['commercial', 'industrial'] },
  },
  {
    name: '证书工本费',
    standard: '每增加一本证书加收10元',
    basis: '发改价格规〔2016〕2559号',
    rule: { mode: 'per_unit', unitFen: 1000, quantityField: 'extraCertificates', unitName: '本' },
  },
];

test('an item without fees, or with only free lines, costs nothing', () => {
  assert.deepEqual(computeFees({ fees: [] }, {}), { lines: [], totalFen: 0 });
  const free: Fee[] = [
    { name: '审批', standard: '不收费', basis: '行政许可法第五十八条', rule: { mode: 'free' } },
  ];
  assert.deepEqual(computeFees({ fees: free }, {}), {
    lines: [{ name: '审批', standard: '不收费', basis: '行政许可法第五十八条', amountFen: 0 }],
    totalFen: 0,
  });
  assert.ok(isFeeFree(free) && isFeeFree([]));
  assert.ok(!isFeeFree(REGISTRATION));
});

test('fixed and per-unit fees, with conditions on a choice of the form', () => {
  const home = computeFees({ fees: REGISTRATION }, { use: 'residential', extraCertificates: 2 });
  assert.equal(home.totalFen, 8000 + 2000);
  assert.deepEqual(
    home.lines.map((l) => [l.name, l.amountFen]),
    [
      ['不动产登记费（住宅）', 8000],
      ['证书工本费', 2000],
    ],
  );
  assert.equal(home.lines[1]!.quantity, 2);
  assert.equal(home.lines[1]!.unitName, '本');

  const shop = computeFees({ fees: REGISTRATION }, { use: 'commercial' });
  assert.equal(shop.totalFen, 55000, 'no extra certificates: no 工本费');
  assert.equal(shop.lines.find((l) => l.name === '证书工本费')!.amountFen, 0);
});

test('odd values never produce NaN or negative amounts', () => {
  for (const q of ['3', -1, 1.5, Number.NaN, null, [2], 1e300]) {
    const r = computeFees({ fees: REGISTRATION }, { use: 'residential', extraCertificates: q });
    assert.equal(r.totalFen, 8000, `quantity ${String(q)}`);
  }
  const unknownUse = computeFees({ fees: REGISTRATION }, { use: ['residential', 'x'] });
  assert.equal(unknownUse.totalFen, 8000, 'a checkbox value list matches when one value is listed');
  const polluted = JSON.parse('{"__proto__":{"use":"residential"}}') as Record<string, unknown>;
  assert.equal(computeFees({ fees: REGISTRATION }, polluted).totalFen, 0);
});
