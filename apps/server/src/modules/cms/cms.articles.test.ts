// The editorial workflow over HTTP: one and two review levels, return, withdrawal, revisions and
// diff, scheduled publishing through the job, scope, sanitising, 文号 checks and bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, json } from '../../testing/harness.ts';
import { CMS_USERS, cmsSetup } from './testing.ts';

type Body = Record<string, unknown> & {
  error?: { code: string; details: { field: string; message: string }[] };
};

async function inSearch(
  ctx: {
    pool: { query: (s: string, v: unknown[]) => Promise<{ rows: { url: string; site_id: string }[] }> };
  },
  id: string,
) {
  return (await ctx.pool.query('SELECT url, site_id FROM search_document WHERE source_id = $1', [id])).rows;
}

test('sites and their required columns are public; a new site is validated and scoped', async () => {
  const s = await cmsSetup();
  const sites = json<{ items: { id: string; code: string; name: string; url: string; domain?: string }[] }>(
    await s.app.inject({ method: 'GET', url: '/api/v1/sites' }),
  );
  const city = sites.items.find((x) => x.code === 'lishui');
  assert.equal(city?.url, '/');
  assert.equal(city?.domain, 'www.lishui.gov.cn');
  assert.equal(sites.items.find((x) => x.code === 'qingtian')?.url, '/sites/qingtian/');
  const cols = json<{
    items: {
      name: string;
      type: string;
      parentId: string | null;
      requiredAs: string | null;
      updateDays: number | null;
    }[];
  }>(await s.app.inject({ method: 'GET', url: `/api/v1/sites/${s.qingtian.id}/columns` }));
  for (const name of [
    '概况信息',
    '机构职能',
    '负责人信息',
    '文件资料',
    '政务动态',
    '政府信息公开',
    '办事服务',
    '互动交流',
  ])
    assert.ok(
      cols.items.some((c) => c.name === name && c.requiredAs === name && c.parentId === null),
      name,
    );
  assert.equal(cols.items.find((c) => c.name === '政务动态')?.updateDays, 14);
  assert.equal(cols.items.find((c) => c.name === '文件资料')?.type, 'policy');

  const admin = as(s.app, await s.signIn(CMS_USERS.siteAdmin));
  const bad = await admin('POST', '/api/v1/sites', {
    code: 'Bad Code',
    name: '<script>x</script>',
    siteCode: '9911000001',
    orgId: s.f.liandu.id,
  });
  assert.equal(bad.statusCode, 422);
  const fields = json<Body>(bad).error!.details.map((d) => d.field);
  assert.ok(fields.includes('code') && fields.includes('siteCode'), fields.join());
  const dup = await admin('POST', '/api/v1/sites', {
    code: 'liandu',
    name: '莲都区人民政府',
    siteCode: '3311000001',
    orgId: s.f.liandu.id,
  });
  assert.equal(dup.statusCode, 409, 'the 网站标识码 is taken by the city portal');
  const ok = await admin('POST', '/api/v1/sites', {
    code: 'liandu',
    name: '莲都区人民政府',
    siteCode: '3311020001',
    orgId: s.f.liandu.id,
    domains: ['www.ld.gov.cn'],
    footer: { icp: '浙ICP备05012345号', psb: '浙公网安备 33110202000001号' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  assert.equal(
    (
      await editor('POST', '/api/v1/sites', {
        code: 'qt2',
        name: '青田',
        siteCode: '3311210002',
        orgId: s.f.qingtian.id,
      })
    ).statusCode,
    403,
  );
  assert.equal((await editor('PATCH', `/api/v1/sites/${s.qingtian.id}`, { name: '改名' })).statusCode, 403);
});

test('one review level: editor writes and submits, an editor cannot publish, the reviewer publishes; search follows', async () => {
  const s = await cmsSetup();
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const reviewer = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const columnId = await s.col('qingtian', 'zwdt');
  const created = await editor('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId,
    title: '青田县举办华侨文化节',
    body: '<p>第十届青田华侨文化节在青田县城开幕，来自世界各地的侨胞齐聚家乡。</p>',
    tags: ['华侨'],
  });
  assert.equal(created.statusCode, 201, created.body);
  const a = json<{ id: string; status: string; url?: string }>(created);
  assert.equal(a.status, 'draft');
  assert.equal(a.url, undefined);
  // Not public yet: anonymous readers get 404.
  assert.equal((await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` })).statusCode, 404);
  assert.equal(
    (await editor('POST', `/api/v1/articles/${a.id}/publish`)).statusCode,
    403,
    'editor may not publish',
  );
  assert.equal(
    (await reviewer('POST', `/api/v1/articles/${a.id}/publish`)).statusCode,
    409,
    'a draft must be submitted first',
  );
  const sub = await editor('POST', `/api/v1/articles/${a.id}/submit`);
  assert.equal(json<{ status: string }>(sub).status, 'submitted');
  assert.equal((await editor('POST', `/api/v1/articles/${a.id}/publish`)).statusCode, 403);
  const pub = json<{ status: string; url: string }>(
    await reviewer('POST', `/api/v1/articles/${a.id}/publish`),
  );
  assert.equal(pub.status, 'published');
  assert.equal(pub.url, `/sites/qingtian/articles/${a.id}`);
  const got = json<{ url: string; status: string }>(await editor('GET', `/api/v1/articles/${a.id}`));
  assert.equal(got.url, `/sites/qingtian/articles/${a.id}`);
  const anon = json<{ title: string; url: string; status?: string }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` }),
  );
  assert.equal(anon.title, '青田县举办华侨文化节');
  assert.equal(anon.status, undefined, 'the public sees the published version, not the workflow');
  const hits = await inSearch(s.ctx, a.id);
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.url, `/sites/qingtian/articles/${a.id}`);
  const events = await s.ctx.pool.query(
    `SELECT 1 FROM platform_event WHERE type = 'cms.article.published' AND aggregate_id = $1`,
    [a.id],
  );
  assert.equal(events.rowCount, 1);
  const audit = await s.ctx.pool.query<{ action: string }>(
    'SELECT action FROM aud_entry WHERE object_id = $1 ORDER BY seq',
    [a.id],
  );
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    ['cms.article.create', 'cms.article.submit', 'cms.article.publish'],
  );
  const col = json<{ items: { id: string; lastPublishedAt: string | null }[] }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/sites/${s.qingtian.id}/columns` }),
  );
  assert.ok(col.items.find((c) => c.id === columnId)?.lastPublishedAt);
});

test('two review levels need two different reviewers; return needs a reason and sends it back', async () => {
  const s = await cmsSetup();
  const editor = as(s.app, await s.signIn(CMS_USERS.cityEditor));
  const r1 = as(s.app, await s.signIn(CMS_USERS.cityReviewer));
  const r2 = as(s.app, await s.signIn(CMS_USERS.cityReviewer2));
  const columnId = await s.col('city', 'wjzl');
  const base = {
    siteId: s.city.id,
    columnId,
    title: '丽水市人民政府关于进一步优化营商环境的若干意见',
    body: '<p>各县（市、区）人民政府：现提出如下意见。</p>',
  };
  const badDoc = await editor('POST', '/api/v1/articles', {
    ...base,
    docNumber: '丽政发[2026]18号',
    writtenOn: '2026-10-28',
  });
  assert.equal(badDoc.statusCode, 422);
  assert.match(json<Body>(badDoc).error!.details.find((d) => d.field === 'docNumber')!.message, /六角括号/);
  const noDate = await editor('POST', '/api/v1/articles', { ...base, docNumber: '丽政发〔2026〕18号' });
  assert.equal(json<Body>(noDate).error!.details[0]!.field, 'writtenOn');
  const a = json<{ id: string; validity: string; reviewLevels: number }>(
    await editor('POST', '/api/v1/articles', {
      ...base,
      docNumber: '丽政发〔2026〕18号',
      writtenOn: '2026-10-28',
    }),
  );
  assert.equal(a.validity, 'valid');
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  assert.equal(
    json<{ status: string }>(await r1('POST', `/api/v1/articles/${a.id}/publish`)).status,
    'reviewed',
  );
  const again = await r1('POST', `/api/v1/articles/${a.id}/publish`);
  assert.equal(again.statusCode, 409);
  assert.equal(json<Body>(again).error!.code, 'SAME_REVIEWER');
  const noReason = await r2('POST', `/api/v1/articles/${a.id}/return`, { reason: '   ' });
  assert.equal(noReason.statusCode, 422);
  const ret = json<{ status: string; returnReason: string }>(
    await r2('POST', `/api/v1/articles/${a.id}/return`, { reason: '成文日期有误，请核对' }),
  );
  assert.equal(ret.status, 'returned');
  assert.equal(ret.returnReason, '成文日期有误，请核对');
  await editor('PATCH', `/api/v1/articles/${a.id}`, { writtenOn: '2026-10-29' });
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  await r1('POST', `/api/v1/articles/${a.id}/publish`);
  const done = json<{ status: string; docNumber: string }>(
    await r2('POST', `/api/v1/articles/${a.id}/publish`),
  );
  assert.equal(done.status, 'published');
  const doc = await s.ctx.pool.query(`SELECT source_type, extra FROM search_document WHERE source_id = $1`, [
    a.id,
  ]);
  assert.equal(doc.rows[0].source_type, 'policy');
  assert.equal(doc.rows[0].extra.docNumber, '丽政发〔2026〕18号');
});

test('editing a published article makes a new revision; the public keeps the old one until it is reviewed; diff shows the change', async () => {
  const s = await cmsSetup();
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const reviewer = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const columnId = await s.col('qingtian', 'zwdt');
  const a = json<{ id: string }>(
    await editor('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '青田县召开防汛工作会议',
      body: '<p>会议部署今年防汛防台工作。</p>',
    }),
  );
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  await reviewer('POST', `/api/v1/articles/${a.id}/publish`);
  const edited = json<{ revision: number; publicRevision: number; status: string }>(
    await editor('PATCH', `/api/v1/articles/${a.id}`, {
      title: '青田县召开防汛防台工作会议',
      body: '<p>会议全面部署今年防汛防台工作。</p>',
      note: '标题补充防台',
    }),
  );
  assert.equal(edited.revision, 2);
  assert.equal(edited.publicRevision, 1);
  assert.equal(edited.status, 'draft');
  const anon = json<{ title: string }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` }),
  );
  assert.equal(anon.title, '青田县召开防汛工作会议', 'the published version stays public');
  const revs = json<{ items: { number: number; isPublic: boolean; isCurrent: boolean; note: string }[] }>(
    await editor('GET', `/api/v1/articles/${a.id}/revisions`),
  );
  assert.deepEqual(
    revs.items.map((r) => [r.number, r.isPublic, r.isCurrent]),
    [
      [2, false, true],
      [1, true, false],
    ],
  );
  assert.equal(revs.items[0]!.note, '标题补充防台');
  const diff = json<{ title: { op: string; text: string }[]; body: { op: string; text: string }[] }>(
    await editor('GET', `/api/v1/articles/${a.id}/diff?from=1&to=2`),
  );
  assert.deepEqual(
    diff.title.filter((p) => p.op !== 'equal'),
    [{ op: 'insert', text: '防台' }],
  );
  assert.deepEqual(
    diff.body.filter((p) => p.op !== 'equal'),
    [{ op: 'insert', text: '全面' }],
  );
  assert.equal((await editor('GET', `/api/v1/articles/${a.id}/diff?from=1&to=9`)).statusCode, 422);
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  await reviewer('POST', `/api/v1/articles/${a.id}/publish`);
  const after = json<{ title: string; revision: number }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` }),
  );
  assert.equal(after.title, '青田县召开防汛防台工作会议');
  assert.equal(after.revision, 2);
  const hit = await s.ctx.pool.query('SELECT title FROM search_document WHERE source_id = $1', [a.id]);
  assert.equal(hit.rows[0].title, '青田县召开防汛防台工作会议');
});

test('withdrawal needs a reason, keeps the page with the reason, and takes the article out of lists and search', async () => {
  const s = await cmsSetup();
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const reviewer = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const columnId = await s.col('qingtian', 'zwdt');
  const a = json<{ id: string }>(
    await editor('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '撤稿测试稿件',
      body: '<p>正文</p>',
    }),
  );
  assert.equal(
    (await reviewer('POST', `/api/v1/articles/${a.id}/withdraw`, { reason: '不应发布' })).statusCode,
    409,
    'a draft cannot be withdrawn',
  );
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  await reviewer('POST', `/api/v1/articles/${a.id}/publish`);
  assert.equal(
    (await editor('POST', `/api/v1/articles/${a.id}/withdraw`, { reason: '有误' })).statusCode,
    403,
  );
  assert.equal((await reviewer('POST', `/api/v1/articles/${a.id}/withdraw`, {})).statusCode, 400);
  const w = json<{ status: string; withdrawReason: string; url: string }>(
    await reviewer('POST', `/api/v1/articles/${a.id}/withdraw`, { reason: '信息有误，更正后重发' }),
  );
  assert.equal(w.status, 'withdrawn');
  assert.ok(w.url);
  const pub = json<{ withdrawn: { reason: string } }>(
    await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` }),
  );
  assert.equal(pub.withdrawn.reason, '信息有误，更正后重发');
  assert.equal((await inSearch(s.ctx, a.id)).length, 0);
  const { listPublishedArticles } = await import('./index.ts');
  const list = await listPublishedArticles(s.ctx.pool, { siteId: s.qingtian.id, columnId });
  assert.equal(list.total, 0);
  assert.equal(
    (
      await s.ctx.pool.query(
        `SELECT 1 FROM platform_event WHERE type = 'cms.article.withdrawn' AND aggregate_id = $1`,
        [a.id],
      )
    ).rowCount,
    1,
  );
});

test('a publish time in the future schedules the article; the job publishes it when the time comes', async () => {
  const s = await cmsSetup();
  const editor = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const reviewer = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const columnId = await s.col('qingtian', 'zwdt');
  const a = json<{ id: string }>(
    await editor('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '定时发布稿件',
      body: '<p>明早八点发布</p>',
      publishAt: '2026-11-25T00:00:00Z',
    }),
  );
  await editor('POST', `/api/v1/articles/${a.id}/submit`);
  assert.equal(
    json<{ status: string }>(await reviewer('POST', `/api/v1/articles/${a.id}/publish`)).status,
    'scheduled',
  );
  await s.ctx.jobs.drain();
  assert.equal(json<{ status: string }>(await editor('GET', `/api/v1/articles/${a.id}`)).status, 'scheduled');
  assert.equal((await s.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}` })).statusCode, 404);
  s.clock.set('2026-11-25T00:00:05Z');
  await s.ctx.jobs.drain();
  const again = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  assert.equal(json<{ status: string }>(await again('GET', `/api/v1/articles/${a.id}`)).status, 'published');
  assert.equal((await inSearch(s.ctx, a.id)).length, 1);
});

test('scope: a county editor cannot write in the city portal, nor use a column of another site; out-of-scope articles are 404', async () => {
  const s = await cmsSetup();
  const qt = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const qtRev = as(s.app, await s.signIn(CMS_USERS.qtReviewer));
  const cityEd = as(s.app, await s.signIn(CMS_USERS.cityEditor));
  const cityCol = await s.col('city', 'zwdt');
  const qtCol = await s.col('qingtian', 'zwdt');
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: s.city.id,
        columnId: cityCol,
        title: '越权',
        body: '<p>x</p>',
      })
    ).statusCode,
    403,
  );
  const forged = await qt('POST', '/api/v1/articles', {
    siteId: s.qingtian.id,
    columnId: cityCol,
    title: '伪造栏目',
    body: '<p>x</p>',
  });
  assert.equal(forged.statusCode, 422);
  assert.equal(json<Body>(forged).error!.details[0]!.field, 'columnId');
  const linkCol = await s.col('qingtian', 'bsfw');
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: s.qingtian.id,
        columnId: linkCol,
        title: '链接栏目',
        body: '<p>x</p>',
      })
    ).statusCode,
    422,
  );
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: '01900000-0000-7000-8000-00000000ffff',
        columnId: qtCol,
        title: 'x',
        body: '<p>x</p>',
      })
    ).statusCode,
    404,
  );
  const c = json<{ id: string }>(
    await cityEd('POST', '/api/v1/articles', {
      siteId: s.city.id,
      columnId: cityCol,
      title: '市级稿件',
      body: '<p>x</p>',
    }),
  );
  assert.equal((await qt('GET', `/api/v1/articles/${c.id}`)).statusCode, 404);
  assert.equal((await qt('PATCH', `/api/v1/articles/${c.id}`, { title: '改' })).statusCode, 404);
  await cityEd('POST', `/api/v1/articles/${c.id}/submit`);
  assert.equal((await qtRev('POST', `/api/v1/articles/${c.id}/publish`)).statusCode, 404);
  const list = json<{ items: { siteId: string }[] }>(await qt('GET', '/api/v1/articles'));
  assert.ok(list.items.every((i) => i.siteId === s.qingtian.id));
  assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/articles' })).statusCode, 401);
  const citizenless = await s.app.inject({
    method: 'POST',
    url: '/api/v1/articles',
    payload: { siteId: s.qingtian.id, columnId: qtCol, title: 'x', body: 'x' },
  });
  assert.ok([401, 403].includes(citizenless.statusCode));
});

test('bodies are sanitised; files the editor may not read are refused; bad input is named', async () => {
  const s = await cmsSetup();
  const qt = as(s.app, await s.signIn(CMS_USERS.qtEditor));
  const columnId = await s.col('qingtian', 'zwdt');
  const hostile =
    '<p onclick="steal()">正文<script>alert(1)</script></p><img src="x.png" onerror="alert(2)">' +
    '<a href="javascript:alert(3)">链接</a><a href="https://www.zj.gov.cn/" target="_blank">浙江</a>' +
    '<iframe src="https://evil.example/x"></iframe><iframe src="/sites/qingtian/"></iframe>' +
    '<table><tr><td colspan="2">表格</td></tr></table><video src="https://cdn.example/v.mp4" controls></video>';
  const a = json<{ id: string; body: string }>(
    await qt('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '<b>标题</b>',
      body: hostile,
    }),
  );
  assert.doesNotMatch(a.body, /script|onerror|onclick|javascript:|evil\.example/i);
  assert.match(a.body, /<iframe src="\/sites\/qingtian\/"><\/iframe>/);
  assert.match(a.body, /<td colspan="2">表格<\/td>/);
  // Video plays only from our own article files (cms.video.test.ts): another origin's is dropped.
  assert.doesNotMatch(a.body, /<video|cdn\.example/);
  assert.match(a.body, /<a href="https:\/\/www.zj.gov.cn\/" target="_blank" rel="noopener noreferrer">/);
  assert.match(a.body, /<img src="x.png" \/>|<img src="x.png">/);

  // A file uploaded by someone else (e.g. a citizen's ID scan) cannot be attached and so published.
  const other = await s.signIn(CMS_USERS.cityEditor);
  const boundary = 'zt';
  const upload = await s.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: {
      cookie: other.cookie,
      'x-csrf-token': other.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n内部材料\r\n--${boundary}--\r\n`,
  });
  void other;
  if (upload.statusCode === 201) {
    const fileId = json<{ id: string }>(upload).id;
    const r = await qt('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '附件',
      body: '<p>x</p>',
      attachmentIds: [fileId],
    });
    assert.equal(r.statusCode, 422);
    assert.equal(json<Body>(r).error!.details[0]!.field, 'attachmentIds[0]');
    const r2 = await qt('POST', '/api/v1/articles', {
      siteId: s.qingtian.id,
      columnId,
      title: '图片',
      body: `<img src="/api/v1/cms/files/${fileId}">`,
    });
    assert.equal(r2.statusCode, 422);
    assert.equal(
      (await s.app.inject({ method: 'GET', url: `/api/v1/cms/files/${fileId}` })).statusCode,
      404,
      'unpublished files are not public',
    );
  } else assert.fail(`upload failed: ${upload.statusCode} ${upload.body}`);

  assert.equal(
    (await qt('POST', '/api/v1/articles', { siteId: s.qingtian.id, columnId, title: '', body: '<p>x</p>' }))
      .statusCode,
    422,
  );
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: s.qingtian.id,
        columnId,
        title: '空正文',
        body: '<script>x</script>',
      })
    ).statusCode,
    422,
  );
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: s.qingtian.id,
        columnId,
        title: 'x'.repeat(201),
        body: '<p>x</p>',
      })
    ).statusCode,
    422,
  );
  assert.equal(
    (await qt('POST', '/api/v1/articles', { siteId: s.qingtian.id, columnId, title: 42, body: '<p>x</p>' }))
      .statusCode,
    400,
  );
  assert.equal(
    (await qt('POST', '/api/v1/articles', { siteId: "1' OR '1'='1", columnId, title: 'x', body: '<p>x</p>' }))
      .statusCode,
    400,
  );
  assert.equal(
    (
      await qt('POST', '/api/v1/articles', {
        siteId: s.qingtian.id,
        columnId,
        title: 'x',
        body: '<p>x</p>',
        publishAt: 'tomorrow',
      })
    ).statusCode,
    422,
  );
  assert.equal((await qt('GET', `/api/v1/articles?q=${encodeURIComponent("%' OR 1=1 --")}`)).statusCode, 200);
  assert.equal((await qt('GET', '/api/v1/articles/not-a-uuid')).statusCode, 400);
});
