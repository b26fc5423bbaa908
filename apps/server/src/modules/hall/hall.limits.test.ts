import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp } from '../../testing/harness.ts';
import { seedCaseFixture } from '../workflow/testing.ts';
import { Browser, hiddenCsrf, location, makeCitizen, makeHallItem, tinyPdf } from './testing.ts';

// Its own app: a low public rate limit and a 2 KB upload limit, which the other hall tests must not meet.
const { app, ctx } = await createTestApp({ config: { ratePublicPerMinute: 3, uploadLimitBytes: 2048 } });

test('the public lookup is rate-limited and says so on a themed page', async () => {
  const b = new Browser(app);
  const page = await b.get('/hall/lookup');
  assert.equal(page.statusCode, 200);
  const form = { _csrf: hiddenCsrf(page.body), number: '33112120260101000001', queryCode: 'ABCDEFGH' };
  const codes: number[] = [];
  for (let i = 0; i < 4; i += 1) codes.push((await b.post('/hall/lookup', form)).statusCode);
  assert.deepEqual(codes, [404, 404, 404, 429]);
  const limited = await b.post('/hall/lookup', form);
  assert.equal(limited.statusCode, 429);
  assert.match(limited.body, /<html lang="zh-CN"/);
  assert.match(limited.body, /操作过于频繁/);
});

test('a material over the upload limit is refused next to its input and nothing is attached', async () => {
  const f = await seedCaseFixture(ctx);
  const item = await makeHallItem(ctx, f.qingtianDept.id);
  const c = await makeCitizen(ctx);
  const b = new Browser(app);
  await b.signIn(c.username);
  const form = await b.get(`/hall/apply/${item.id}`);
  const saved = await b.post(`/hall/apply/${item.id}`, { _csrf: hiddenCsrf(form.body), _op: 'save' });
  const draftId = /\/hall\/drafts\/([0-9a-f-]{36})/.exec(location(saved))?.[1];
  assert.ok(draftId);
  const mats = await b.get(`/hall/drafts/${draftId}/materials`);
  const big = Buffer.concat([tinyPdf(), Buffer.alloc(4096, 0x20)]);
  const res = await b.upload(`/hall/drafts/${draftId}/materials/${item.materials[0]!.id}`, [
    { name: '_csrf', value: hiddenCsrf(mats.body) },
    { name: 'file', filename: '申请书.pdf', contentType: 'application/pdf', data: big },
  ]);
  assert.equal(res.statusCode, 413);
  assert.match(res.body, /文件过大，单个文件不能超过 2 KB/);
  assert.match(res.body, /id="material-file-1"[^>]*aria-invalid="true"/);
  const after = await b.get(`/hall/drafts/${draftId}/materials`);
  assert.ok(!after.body.includes('已上传：'));
});
