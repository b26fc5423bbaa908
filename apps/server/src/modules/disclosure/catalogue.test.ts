// 公开目录 and 年度报告 through HTTP: 索引号 per unit and year (and a configured pattern), the Art. 26
// alert on the 2026 calendar (20 working days is fine, 21 is late), search indexing and withdrawal,
// scope (another county's officer, forged ids), hostile text on the public pages, the report tables
// computed from requests with the cross-check refusing publication, and the published page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { as, json, login } from '../../testing/harness.ts';
import { PASSWORD, TEST_PASSWORD, disclosureSetup, type DisclosureSetup } from './testing.ts';

type Err = { error: { code: string; details: { field: string; message: string }[] } };
type Entry = { id: string; indexNumber: string; url: string; lateWorkingDays: number | null; status: string };
type Report = {
  status: string;
  table1: { normativeDocuments: { issued: number; repealed: number; inForce: number } };
  table2: { columns: string[]; rows: { key: string; counts: number[] }[] };
  table3: { reconsideration: { total: number } };
  crossCheck: { ok: boolean };
  narrative: { overview: string } | null;
};

async function officers(s: DisclosureSetup) {
  return {
    officer: as(s.app, await login(s.app, 'xxgk.officer', TEST_PASSWORD)),
    qtOfficer: as(s.app, await login(s.app, 'qt.xxgk', TEST_PASSWORD)),
  };
}

const entry = (s: DisclosureSetup, extra: Record<string, unknown> = {}) => ({
  orgId: s.office.id,
  title: '丽水市人民政府办公室关于进一步优化营商环境的若干意见',
  docNumber: '丽政办发〔2026〕21号',
  writtenOn: '2026-11-20',
  publishedOn: '2026-11-24',
  topic: '国民经济管理、国有资产监管',
  genre: '行政规范性文件',
  keywords: ['营商环境'],
  summary: '围绕市场准入、政务服务、要素保障等方面提出二十条措施。',
  ...extra,
});

describe('catalogue', () => {
  test('index numbers per unit and year; 21 working days late raises the alert, 20 does not', async () => {
    const s = await disclosureSetup();
    const { officer } = await officers(s);
    const a = await officer('POST', '/api/v1/disclosure/catalogue', entry(s));
    assert.equal(a.statusCode, 201, a.body);
    const credit = (await s.ctx.pool.query('SELECT credit_code FROM idn_org WHERE id = $1', [s.office.id]))
      .rows[0].credit_code as string;
    assert.equal(json<Entry>(a).indexNumber, `${credit}/2026-00001`);
    // 2026-03-02 → 03-30 is 20 working days; → 03-31 is 21.
    const onTime = json<Entry>(
      await officer(
        'POST',
        '/api/v1/disclosure/catalogue',
        entry(s, { writtenOn: '2026-03-02', publishedOn: '2026-03-30' }),
      ),
    );
    assert.equal(onTime.indexNumber, `${credit}/2026-00002`);
    assert.equal(onTime.lateWorkingDays, null);
    const late = json<Entry>(
      await officer(
        'POST',
        '/api/v1/disclosure/catalogue',
        entry(s, { writtenOn: '2026-03-02', publishedOn: '2026-03-31' }),
      ),
    );
    assert.equal(late.lateWorkingDays, 21);
    const alerts = json<{ items: { entryId: string; workingDays: number }[] }>(
      await officer('GET', '/api/v1/disclosure/alerts'),
    );
    assert.deepEqual(
      alerts.items.map((x) => [x.entryId, x.workingDays]),
      [[late.id, 21]],
    );
    const inbox = await s.ctx.pool.query(
      `SELECT title FROM platform_inbox WHERE user_id = $1 AND title LIKE '主动公开超期提醒%'`,
      [s.officer.id],
    );
    assert.equal(inbox.rowCount, 1, 'the officer got one in-app alert');
    // Editing it to an on-time date clears the alert.
    const fixed = await officer(
      'PUT',
      `/api/v1/disclosure/catalogue/${late.id}`,
      entry(s, { writtenOn: '2026-03-05', publishedOn: '2026-03-31' }),
    );
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(json<Entry>(fixed).indexNumber, late.indexNumber, '索引号 never changes');
    assert.equal(
      json<{ items: unknown[] }>(await officer('GET', '/api/v1/disclosure/alerts')).items.length,
      0,
    );
  });

  test('the index pattern is configurable', async () => {
    const s = await disclosureSetup(undefined, { disclosureIndexPattern: '{orgcode}/{yyyymm}-{seq:3}' });
    const { officer } = await officers(s);
    const e = json<Entry>(await officer('POST', '/api/v1/disclosure/catalogue', entry(s)));
    assert.match(e.indexNumber, /^[0-9A-Z]{9}\/202611-001$/);
  });

  test('entries are searchable at once; a withdrawn entry disappears from search and the public list', async () => {
    const s = await disclosureSetup();
    const { officer } = await officers(s);
    const e = json<Entry>(await officer('POST', '/api/v1/disclosure/catalogue', entry(s)));
    const found = await s.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('营商环境')}`,
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.ok(found.body.includes(e.url), 'the catalogue entry is a search hit');
    const w = await officer('POST', `/api/v1/disclosure/catalogue/${e.id}/withdraw`, { reason: '内容有误' });
    assert.equal(json<Entry>(w).status, 'withdrawn');
    const gone = await s.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('营商环境')}`,
    });
    assert.ok(!gone.body.includes(e.url));
    const list = json<{ total: number }>(
      await s.app.inject({ method: 'GET', url: `/api/v1/disclosure/catalogue?orgId=${s.office.id}` }),
    );
    assert.equal(list.total, 0);
    assert.equal(
      (await s.app.inject({ method: 'GET', url: `/api/v1/disclosure/catalogue/${e.id}` })).statusCode,
      404,
    );
  });

  test('scope, forged ids and bad input', async () => {
    const s = await disclosureSetup();
    const { officer, qtOfficer } = await officers(s);
    const e = json<Entry>(await officer('POST', '/api/v1/disclosure/catalogue', entry(s)));
    // Another county's officer: the city office is not found, neither is its entry.
    const other = await qtOfficer('POST', '/api/v1/disclosure/catalogue', entry(s));
    assert.equal(other.statusCode, 404);
    assert.equal(json<Err>(other).error.details[0]?.field, 'orgId');
    assert.equal((await qtOfficer('PUT', `/api/v1/disclosure/catalogue/${e.id}`, entry(s))).statusCode, 404);
    assert.equal(
      (await qtOfficer('POST', `/api/v1/disclosure/catalogue/${e.id}/withdraw`, { reason: 'x' })).statusCode,
      404,
    );
    // A citizen has no permission at all.
    const citizen = as(s.app, await login(s.app, s.citizen.username, PASSWORD));
    assert.equal((await citizen('POST', '/api/v1/disclosure/catalogue', entry(s))).statusCode, 403);
    assert.equal((await citizen('GET', '/api/v1/disclosure/alerts')).statusCode, 403);
    // Forged ids and malformed fields.
    assert.equal(
      (await officer('PUT', '/api/v1/disclosure/catalogue/00000000-0000-7000-8000-000000000000', entry(s)))
        .statusCode,
      404,
    );
    const bad = await officer(
      'POST',
      '/api/v1/disclosure/catalogue',
      entry(s, {
        writtenOn: '2026-02-30',
        topic: '不存在的分类',
        publishedOn: '2027-01-05',
        articleId: "1'; DROP TABLE x;--",
      }),
    );
    assert.equal(bad.statusCode, 422);
    const fields = json<Err>(bad)
      .error.details.map((d) => d.field)
      .sort();
    assert.deepEqual(fields, ['articleId', 'publishedOn', 'topic', 'writtenOn']);
    const noArticle = await officer(
      'POST',
      '/api/v1/disclosure/catalogue',
      entry(s, { articleId: '00000000-0000-7000-8000-000000000000' }),
    );
    assert.equal(noArticle.statusCode, 422, 'the linked cms article must exist');
    assert.equal(json<Err>(noArticle).error.details[0]?.field, 'articleId');
    assert.equal(
      (await officer('POST', '/api/v1/disclosure/catalogue', entry(s, { title: 42 }))).statusCode,
      400,
    );
    assert.equal(
      (await officer('POST', '/api/v1/disclosure/catalogue', entry(s, { title: '题'.repeat(201) })))
        .statusCode,
      422,
    );
  });

  test('public pages show entries as text, never markup', async () => {
    const s = await disclosureSetup();
    const { officer } = await officers(s);
    const e = json<Entry>(
      await officer(
        'POST',
        '/api/v1/disclosure/catalogue',
        entry(s, { title: '<script>alert("x")</script>通知', summary: '<img src=x onerror=alert(1)>' }),
      ),
    );
    const list = await s.app.inject({ method: 'GET', url: `/disclosure/${s.office.id}/catalogue` });
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes('<script>alert'), 'escaped');
    assert.ok(list.body.includes('&lt;script&gt;'));
    const page = await s.app.inject({ method: 'GET', url: e.url });
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<img src=x'));
    assert.ok(page.body.includes(e.indexNumber));
    const guide = await s.app.inject({ method: 'GET', url: `/disclosure/${s.office.id}` });
    assert.equal(guide.statusCode, 200);
    assert.ok(guide.body.includes('丽水市人民政府办公室政务公开科'));
    const searched = await s.app.inject({
      method: 'GET',
      url: `/disclosure/${s.office.id}/catalogue?q=${encodeURIComponent('"><script>')}&topic=x&page=abc`,
    });
    assert.equal(searched.statusCode, 200);
    assert.ok(!searched.body.includes('"><script>'));
    assert.equal((await s.app.inject({ method: 'GET', url: '/disclosure/not-a-unit' })).statusCode, 404);
    assert.equal(
      (await s.app.inject({ method: 'GET', url: `/disclosure/${s.qtOffice.id}/catalogue/${e.id}` }))
        .statusCode,
      404,
    );
  });
});

test('the OpenAPI document describes the disclosure API', async () => {
  const s = await disclosureSetup();
  const doc = json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
    await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' }),
  );
  for (const [path, method] of [
    ['/api/v1/disclosure/requests', 'post'],
    ['/api/v1/disclosure/catalogue', 'post'],
    ['/api/v1/disclosure/annual-report', 'get'],
    ['/api/v1/disclosure/annual-report/publish', 'post'],
    ['/api/v1/disclosure/alerts', 'get'],
  ] as const) {
    assert.deepEqual(doc.paths[path]?.[method]?.tags, ['政府信息公开'], `${method} ${path}`);
  }
});

describe('annual report', () => {
  test('tables computed from requests; cross-check refuses publishing; the published page shows them', async () => {
    const s = await disclosureSetup();
    const { officer } = await officers(s);
    const citizen = as(s.app, await login(s.app, s.citizen.username, PASSWORD));
    const enterprise = as(s.app, await login(s.app, s.enterprise.username, PASSWORD));
    await officer('POST', '/api/v1/disclosure/catalogue', entry(s));
    const submit = async (api: typeof citizen, extra: Record<string, unknown> = {}) =>
      json<{ caseId: string }>(
        await api('POST', '/api/v1/disclosure/requests', {
          description: '某项目资金分配表',
          delivery: 'electronic',
          orgId: s.office.id,
          ...extra,
        }),
      );
    const a = await submit(citizen);
    const b = await submit(enterprise, { applicantCategory: '科研机构' });
    await submit(citizen); // stays open: carried forward
    const tasks = json<{ items: { id: string; caseId: string }[] }>(
      await officer('GET', '/api/v1/tasks?caseType=disclosure'),
    );
    const taskOf = (caseId: string) => tasks.items.find((t) => t.caseId === caseId)?.id;
    await officer('POST', `/api/v1/tasks/${taskOf(a.caseId)}/actions`, {
      action: 'reply',
      data: { outcome: 'PARTIAL', reasons: '部分涉及个人隐私', content: '提供可公开部分' },
    });
    await officer('POST', `/api/v1/tasks/${taskOf(b.caseId)}/actions`, {
      action: 'reply',
      data: { outcome: 'GRANTED', content: '随本答复书提供' },
    });
    const url = `/api/v1/disclosure/annual-report?orgId=${s.office.id}&year=2026`;
    const r = json<Report>(await s.app.inject({ method: 'GET', url }));
    const row = (k: string) => r.table2.rows.find((x) => x.key === k)?.counts;
    assert.deepEqual(r.table2.columns, [
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ]);
    assert.deepEqual(row('new'), [2, 0, 1, 0, 0, 0, 3]);
    assert.deepEqual(row('PARTIAL'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row('GRANTED'), [0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(row('resultsTotal'), [1, 0, 1, 0, 0, 0, 2]);
    assert.deepEqual(row('carriedForward'), [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(r.crossCheck.ok, true);
    assert.equal(r.table1.normativeDocuments.issued, 1);
    assert.equal(r.narrative, null, 'drafts show no narrative to the public');

    // Offline requests entered inconsistently: publishing is refused, naming the column.
    const save = await officer('PUT', '/api/v1/disclosure/annual-report', {
      orgId: s.office.id,
      year: 2026,
      narrative: { overview: '2026年，本机关认真贯彻政府信息公开条例。' },
      entered: {
        offline: { new: [0, 2, 0, 0, 0, 0], GRANTED: [0, 1, 0, 0, 0, 0] },
        table3: { reconsideration: { maintained: 1, pending: 1 } },
      },
    });
    assert.equal(save.statusCode, 200, save.body);
    assert.equal(json<Report>(save).crossCheck.ok, false);
    const refused = await officer('POST', '/api/v1/disclosure/annual-report/publish', {
      orgId: s.office.id,
      year: 2026,
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(json<Err>(refused).error.code, 'REPORT_CROSS_CHECK_FAILED');
    assert.deepEqual(
      json<Err>(refused).error.details.map((d) => d.field),
      ['table2.商业企业', 'table2.总计'],
    );
    // Balanced: one more offline carried forward.
    await officer('PUT', '/api/v1/disclosure/annual-report', {
      orgId: s.office.id,
      year: 2026,
      entered: {
        offline: { new: [0, 2, 0, 0, 0, 0], GRANTED: [0, 1, 0, 0, 0, 0], carriedForward: [0, 1, 0, 0, 0, 0] },
      },
    });
    const published = await officer('POST', '/api/v1/disclosure/annual-report/publish', {
      orgId: s.office.id,
      year: 2026,
    });
    assert.equal(published.statusCode, 200, published.body);
    const p = json<Report>(published);
    assert.equal(p.status, 'published');
    assert.deepEqual(p.table2.rows.find((x) => x.key === 'new')?.counts, [2, 2, 1, 0, 0, 0, 5]);
    assert.equal(p.table3.reconsideration.total, 2, 'table 3 kept from the first save');
    assert.equal(
      (await officer('PUT', '/api/v1/disclosure/annual-report', { orgId: s.office.id, year: 2026 }))
        .statusCode,
      409,
    );
    const page = await s.app.inject({ method: 'GET', url: `/disclosure/${s.office.id}/reports/2026` });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('2026年，本机关认真贯彻政府信息公开条例。'));
    assert.ok(page.body.includes('部分公开'));
    assert.equal(
      (await s.app.inject({ method: 'GET', url: `/disclosure/${s.office.id}/reports/2025` })).statusCode,
      404,
    );
    // Another county's officer cannot edit or publish the city's report.
    const { qtOfficer } = await officers(s);
    assert.equal(
      (
        await qtOfficer('POST', '/api/v1/disclosure/annual-report/publish', {
          orgId: s.office.id,
          year: 2025,
        })
      ).statusCode,
      404,
    );
  });
});
