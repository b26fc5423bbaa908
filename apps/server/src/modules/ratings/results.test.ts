// The published 满意率 and the 差评 line are each computed once: the public page shows the rate the API
// answers, and the staff filter `bad` agrees with the `bad` flag of every rating.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, json, login } from '../../testing/harness.ts';
import { TEST_PASSWORD } from '../identity/testing.ts';
import { satisfaction } from './use-cases/unit-results.ts';
import { ratingSetup } from './testing.ts';

test('the public page shows the satisfaction rate of the API, for the whole period too', async () => {
  const s = await ratingSetup();
  // 莲都区: one 非常满意. 青田县: 基本满意, 不满意, 非常不满意. Overall 2 of 4 satisfied.
  const rate = async (i: number, score: number, orgId?: string) => {
    const c = await s.newCase(i, orgId ? { orgId } : {});
    const api = as(s.app, await login(s.app, `citizen${i + 1}`, TEST_PASSWORD));
    assert.equal((await api('POST', '/api/v1/ratings', { caseId: c.id, score })).statusCode, 201);
  };
  await rate(0, 5, s.f.lianduDept.id);
  await rate(0, 3);
  await rate(1, 2);
  await rate(2, 1);

  const api = json<{
    total: {
      count: number;
      satisfiedCount: number;
      satisfactionRate: number;
      satisfactionText: string;
      badCount: number;
    };
    items: { orgName: string; satisfactionRate: number; satisfactionText: string; badCount: number }[];
  }>(await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=2026-11' }));
  assert.deepEqual(api.total, {
    count: 4,
    satisfiedCount: 2,
    satisfactionRate: 0.5,
    satisfactionText: '50.0%',
    badCount: 2,
    rectifiedCount: 0,
  });
  assert.deepEqual(
    api.items.map((i) => [i.orgName, i.satisfactionText, i.badCount]),
    [
      ['莲都区民政局', '100.0%', 0],
      ['青田县市场监督管理局', '33.3%', 2],
    ],
  );

  const page = await s.app.inject({ method: 'GET', url: '/ratings?period=2026-11' });
  assert.equal(page.statusCode, 200);
  const summary = /满意率<strong>([^<]*)<\/strong>/.exec(page.body)?.[1];
  assert.equal(summary, api.total.satisfactionText, 'the summary is the API’s total rate');
  for (const i of api.items) assert.ok(page.body.includes(i.satisfactionText), i.orgName);
});

test('the bad filter of the staff list agrees with each rating’s bad flag', async () => {
  const s = await ratingSetup();
  for (const [i, score] of [
    [0, 5],
    [1, 3],
    [2, 2],
    [0, 1],
  ] as const) {
    const c = await s.newCase(i);
    const api = as(s.app, await login(s.app, `citizen${i + 1}`, TEST_PASSWORD));
    assert.equal((await api('POST', '/api/v1/ratings', { caseId: c.id, score })).statusCode, 201);
  }
  const chief = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  type Page = { items: { score: number; bad: boolean; rectification: unknown }[]; total: number };
  const all = json<Page>(await chief('GET', '/api/v1/ratings'));
  const bad = json<Page>(await chief('GET', '/api/v1/ratings?bad=true'));
  const good = json<Page>(await chief('GET', '/api/v1/ratings?bad=false'));
  assert.equal(all.total, 4);
  assert.deepEqual(bad.items.map((r) => r.score).sort(), [1, 2]);
  assert.deepEqual(good.items.map((r) => r.score).sort(), [3, 5]);
  assert.ok(
    bad.items.every((r) => r.bad && r.rectification !== null),
    'each 差评 opened a rectification',
  );
  assert.ok(good.items.every((r) => !r.bad && r.rectification === null));
});

test('the satisfaction rate: rounded to four places, its text to one decimal, 0 with no ratings', () => {
  assert.deepEqual(satisfaction(2, 3), { rate: 0.6667, text: '66.7%' });
  assert.deepEqual(satisfaction(1, 8), { rate: 0.125, text: '12.5%' });
  assert.deepEqual(satisfaction(7, 7), { rate: 1, text: '100.0%' });
  assert.deepEqual(satisfaction(0, 0), { rate: 0, text: '0.0%' });
});
