// What bad input gets from the 好差评 routes: mistyped, unknown or oversized rating bodies are refused
// and store nothing, forged or other people's cases are "not found", staff filters cannot reach
// another county, and markup in a comment stays text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTx } from '../../platform/db/pool.ts';
import { as, json, login } from '../../testing/harness.ts';
import { TEST_PASSWORD } from '../identity/testing.ts';
import { getCase, openCase } from '../workflow/index.ts';
import { RECTIFICATION_CASE_TYPE, RECTIFICATION_PROCESS } from './ratings.model.ts';
import { type RatingSetup, ratingSetup } from './testing.ts';

type Err = { error: { code: string; details?: { field: string }[] } };
const FORGED = '01900000-0000-7000-8000-00000000dead';

async function ratingCount(s: RatingSetup): Promise<number> {
  return (await s.ctx.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rtg_rating')).rows[0]!.n;
}

test('mistyped, unknown and oversized rating bodies are refused and store nothing', async () => {
  const s = await ratingSetup({ bodyLimitBytes: 8 * 1024 });
  const c = await s.newCase(0);
  const session = await login(s.app, 'citizen1', TEST_PASSWORD);
  const me = as(s.app, session);
  for (const [what, body] of [
    ['no score', { caseId: c.id }],
    ['a score as text', { caseId: c.id, score: '5' }],
    ['a fractional score', { caseId: c.id, score: 4.5 }],
    ['a score of 0', { caseId: c.id, score: 0 }],
    ['a score of 6', { caseId: c.id, score: 6 }],
    ['a case id that is not a uuid', { caseId: "1' OR '1'='1", score: 5 }],
    ['a numeric comment', { caseId: c.id, score: 5, comment: 5 }],
    ['a comment of 501 characters', { caseId: c.id, score: 5, comment: '好'.repeat(501) }],
    ['an unknown field', { caseId: c.id, score: 1, bad: false }],
    ['the rater named', { caseId: c.id, score: 5, raterUserId: s.citizens[1] }],
    ['an unknown indicator', { caseId: c.id, score: 5, indicators: { speed: 5 } }],
    ['an indicator out of range', { caseId: c.id, score: 5, indicators: { efficiency: 9 } }],
    ['indicators as a list', { caseId: c.id, score: 5, indicators: [5, 5] }],
    ['a NUL in the comment', { caseId: c.id, score: 5, comment: '很好\u0000' }],
  ] as const) {
    const r = await me('POST', '/api/v1/ratings', body);
    assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
    assert.equal(json<Err>(r).error.code, 'VALIDATION_FAILED', what);
  }
  const huge = await me('POST', '/api/v1/ratings', { caseId: c.id, score: 5, comment: '好'.repeat(3000) });
  assert.equal(huge.statusCode, 413);
  const notJson = await s.app.inject({
    method: 'POST',
    url: '/api/v1/ratings',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    payload: `{"caseId":"${c.id}","score":5`,
  });
  assert.equal(notJson.statusCode, 400);
  assert.equal(await ratingCount(s), 0, 'nothing was stored');

  // The case can still be rated once, properly.
  assert.equal((await me('POST', '/api/v1/ratings', { caseId: c.id, score: 5 })).statusCode, 201);
});

test("forged cases, other people's cases and rectification cases cannot be rated", async () => {
  const s = await ratingSetup();
  const theirs = await s.newCase(1);
  const me = as(s.app, await login(s.app, 'citizen1', TEST_PASSWORD));
  const clerk = as(s.app, await login(s.app, 'qt.clerk', TEST_PASSWORD));

  const forged = await me('POST', '/api/v1/ratings', { caseId: FORGED, score: 1 });
  assert.equal(forged.statusCode, 404);
  assert.equal(json<Err>(forged).error.code, 'RATING_CASE_NOT_FOUND');
  const other = await me('POST', '/api/v1/ratings', { caseId: theirs.id, score: 1 });
  assert.equal(other.statusCode, 404, "another applicant's case does not exist for me");
  assert.equal(json<Err>(other).error.code, 'RATING_CASE_NOT_FOUND');
  const staff = await clerk('POST', '/api/v1/ratings', { caseId: theirs.id, score: 5 });
  assert.equal(staff.statusCode, 404, 'the handling staff cannot rate their own work');
  const anon = await s.app.inject({
    method: 'POST',
    url: '/api/v1/ratings',
    payload: { caseId: theirs.id, score: 5 },
  });
  assert.equal(anon.statusCode, 401);

  // A rectification case has no applicant: nobody can rate it, not even to rate the rectification down.
  const rect = await withTx(s.ctx.pool, async (tx) => {
    const { case: c } = await openCase(tx, s.ctx, {
      caseType: RECTIFICATION_CASE_TYPE,
      processCode: RECTIFICATION_PROCESS,
      orgId: s.f.qingtianDept.id,
      subject: '差评整改：测试',
      actorUserId: null,
    });
    return c;
  });
  assert.equal((await me('POST', '/api/v1/ratings', { caseId: rect.id, score: 1 })).statusCode, 404);
  assert.equal(await ratingCount(s), 0);
  assert.equal((await getCase(s.ctx.pool, theirs.id))?.status, 'completed');
});

test("staff filters: junk is refused, another county's unit yields nothing, markup stays text", async () => {
  const s = await ratingSetup();
  const c = await s.newCase(0);
  const comment = '<script>alert(1)</script><img src=x onerror=alert(2)>办事慢';
  const me = as(s.app, await login(s.app, 'citizen1', TEST_PASSWORD));
  const rated = await me('POST', '/api/v1/ratings', { caseId: c.id, score: 2, comment });
  assert.equal(rated.statusCode, 201, rated.body);

  const qt = as(s.app, await login(s.app, 'qt.chief', TEST_PASSWORD));
  const ld = as(s.app, await login(s.app, 'ld.chief', TEST_PASSWORD));
  const list = json<{ items: { comment: string; bad: boolean }[]; total: number }>(
    await qt('GET', '/api/v1/ratings'),
  );
  assert.equal(list.total, 1);
  assert.equal(list.items[0]!.comment, comment, 'kept exactly as typed');
  assert.equal(list.items[0]!.bad, true);

  for (const qs of [
    `orgId=${s.f.qingtianDept.id}`,
    `orgId=${FORGED}`,
    `q=${encodeURIComponent('个体工商户')}`,
    `q=${c.number}`,
    'bad=true',
  ]) {
    const r = json<{ total: number; items: unknown[] }>(await ld('GET', `/api/v1/ratings?${qs}`));
    assert.deepEqual([r.total, r.items.length], [0, 0], `莲都区 sees nothing of 青田县: ${qs}`);
  }
  for (const qs of [
    'period=2026-13',
    'period=26-11',
    'orgId=not-a-uuid',
    'score=0',
    'score=abc',
    'rectification=closed',
    `q=${'查'.repeat(101)}`,
    'q=%00',
    'pageSize=1000',
    'x=1',
  ]) {
    const r = await qt('GET', `/api/v1/ratings?${qs}`);
    assert.equal(r.statusCode, 400, `${qs}: ${r.body}`);
  }
  for (const qs of ['period=abc', 'period=2026-1', 'x=1', 'period=%00']) {
    const r = await s.app.inject({ method: 'GET', url: `/api/v1/public/ratings/units?${qs}` });
    assert.equal(r.statusCode, 400, qs);
  }
  const early = await s.app.inject({ method: 'GET', url: '/api/v1/public/ratings/units?period=1999' });
  assert.equal(early.statusCode, 422);
  assert.equal(json<Err>(early).error.code, 'PERIOD_INVALID');

  // The public page carries no comment at all, markup or not.
  const page = await s.app.inject({ method: 'GET', url: '/ratings?period=2026-11' });
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('办事慢'));
  assert.ok(!page.body.includes('<script>alert(1)'));
});
