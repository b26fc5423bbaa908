import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createTestApp, json, login } from '../../testing/harness.ts';
import { TEST_PASSWORD } from '../identity/testing.ts';
import type { ServiceItem } from '../services/index.ts';
import { type CaseFixture, seedCaseFixture } from '../workflow/testing.ts';
import {
  type Applicant,
  Browser,
  hiddenCsrf,
  location,
  makeCitizen,
  makeHallItem,
  tinyPdf,
} from './testing.ts';

const { app, ctx } = await createTestApp();

let f: CaseFixture;
let item: ServiceItem;
let citizen: Applicant;
let other: Applicant;

/** A complete, valid form post for hallForm(). */
function validForm(
  c: Applicant,
  over: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    'f.name': c.realName,
    'f.idNumber': c.idNumber,
    'f.phone': c.phone,
    'f.shopKind': 'store',
    'f.storeName': '晓芳小吃',
    'f.category': 'catering',
    'f.scope': ['hot', 'cold'],
    'f.area': '36',
    'f.district': '331121',
    'f.address.region': '331121001',
    'f.address.detail': '龙津路 18 号',
    'rows.employees': '1',
    'f.employees.0.name': '叶晓芳',
    'f.employees.0.healthCert': 'yes',
    'f.employees.0.certNo': 'JK2026001',
    ...over,
  };
}

/** Signs in, fills the form, uploads the required material: returns the draft id. */
async function draftWithMaterial(b: Browser, c: Applicant): Promise<string> {
  const page = await b.get(`/hall/apply/${item.id}`);
  assert.equal(page.statusCode, 200);
  const next = await b.post(`/hall/apply/${item.id}`, {
    _csrf: hiddenCsrf(page.body),
    _op: 'next',
    ...validForm(c),
  });
  assert.equal(next.statusCode, 303, next.body.slice(0, 400));
  const m = /^\/hall\/drafts\/([0-9a-f-]{36})\/materials$/.exec(location(next));
  assert.ok(m, location(next));
  const draftId = m[1] as string;
  const mats = await b.get(`/hall/drafts/${draftId}/materials`);
  const up = await b.upload(`/hall/drafts/${draftId}/materials/${item.materials[0]!.id}`, [
    { name: '_csrf', value: hiddenCsrf(mats.body) },
    { name: 'file', filename: '申请书.pdf', contentType: 'application/pdf', data: tinyPdf() },
  ]);
  assert.equal(up.statusCode, 303, up.body.slice(0, 400));
  return draftId;
}

async function submitDraft(b: Browser, draftId: string): Promise<string> {
  const review = await b.get(`/hall/drafts/${draftId}/review`);
  assert.equal(review.statusCode, 200);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(review.body)?.[1];
  assert.ok(key, 'the review page carries an idempotency key');
  const res = await b.post(`/hall/drafts/${draftId}/submit`, {
    _csrf: hiddenCsrf(review.body),
    idempotencyKey: key,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  const m = /^\/hall\/my\/([0-9a-f-]{36})\/receipt$/.exec(location(res));
  assert.ok(m, location(res));
  return m[1] as string;
}

/** A staff member acts on the open task of an application's case through the tasks API. */
async function staffAct(
  username: string,
  appId: string,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const s = await login(app, username, TEST_PASSWORD);
  const detail = json<{ caseId: string }>(
    await app.inject({ method: 'GET', url: `/api/v1/applications/${appId}`, headers: { cookie: s.cookie } }),
  );
  const tasks = json<{ items: { id: string; caseId: string }[] }>(
    await app.inject({ method: 'GET', url: '/api/v1/tasks?pageSize=100', headers: { cookie: s.cookie } }),
  ).items;
  const task = tasks.find((x) => x.caseId === detail.caseId);
  assert.ok(task, `${username} has the task of ${appId} in the inbox`);
  const r = await app.inject({
    method: 'POST',
    url: `/api/v1/tasks/${task.id}/actions`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    payload: { action, ...extra },
  });
  assert.equal(r.statusCode, 200, r.body);
}

before(async () => {
  f = await seedCaseFixture(ctx);
  item = await makeHallItem(ctx, f.qingtianDept.id);
  citizen = await makeCitizen(ctx, '叶晓芳');
  other = await makeCitizen(ctx, '潘志强');
});

describe('browsing the hall', () => {
  test('home, list and guide render with the item; anonymous pages are cacheable', async () => {
    const home = await app.inject({ method: 'GET', url: '/hall' });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /网上办事大厅/);
    assert.match(home.body, /青田县市场监督管理局/, 'department with published items');
    assert.match(home.body, /开餐馆/, 'life events');
    assert.match(home.body, /面向企业/);
    assert.match(String(home.headers['cache-control']), /public/);
    assert.match(home.body, /css\/hall\.css/);

    const list = await app.inject({ method: 'GET', url: `/hall/items?q=${encodeURIComponent('小餐饮')}` });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`/hall/items/${item.id}`));
    assert.match(String(list.headers['cache-control']), /no-store/, 'a search is not shared');
    const none = await app.inject({
      method: 'GET',
      url: `/hall/items?q=${encodeURIComponent('不存在的事项名称')}`,
    });
    assert.match(none.body, /共 0 个事项/);

    const guide = await app.inject({ method: 'GET', url: `/hall/items/${item.id}` });
    assert.equal(guide.statusCode, 200);
    for (const s of [
      '基本信息',
      '受理条件',
      '申请材料',
      '收费标准',
      '办理时限',
      '特别程序',
      '办理流程',
      '办理地点和时间',
      '咨询和投诉',
      '行政复议和行政诉讼',
      '常见问题',
    ])
      assert.ok(guide.body.includes(s), `guide section ${s}`);
    assert.match(guide.body, /必要/);
    assert.match(guide.body, /容缺/);
    assert.match(guide.body, /承诺件：受理后 5 个工作日内办结/);
    assert.match(guide.body, /不计算在内/, 'the special procedure does not count toward the limit');
    assert.match(guide.body, new RegExp(`href="/hall/apply/${item.id}"`), '在线申请');
  });

  test('unknown or forged item ids are 404 pages', async () => {
    for (const url of [
      '/hall/items/00000000-0000-7000-8000-000000000000',
      '/hall/items/not-a-uuid',
      "/hall/items/1'--",
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<html lang="zh-CN"/);
    }
  });
});

describe('applying', () => {
  test('anonymous visitors are sent to sign in and come back to the form', async () => {
    const b = new Browser(app);
    const res = await b.get(`/hall/apply/${item.id}`);
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), `/login?next=${encodeURIComponent(`/hall/apply/${item.id}`)}`);
    await b.signIn(citizen.username);
    const page = await b.get(`/login?next=${encodeURIComponent(`/hall/apply/${item.id}`)}`);
    assert.equal(location(page), `/hall/apply/${item.id}`);
    // Posting without a session is not an application either.
    const anon = new Browser(app);
    const post = await anon.post(`/hall/apply/${item.id}`, { _op: 'next', ...validForm(citizen) });
    assert.equal(post.statusCode, 303);
    assert.match(location(post), /^\/login\?next=/);
  });

  test('staff accounts cannot apply', async () => {
    const b = new Browser(app);
    await b.signIn(f.clerk.username, TEST_PASSWORD);
    const res = await b.get(`/hall/apply/${item.id}`);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /个人或法人账号/);
  });

  test('the form is prefilled from the verified profile and renders every field type', async () => {
    const b = new Browser(app);
    await b.signIn(citizen.username);
    const res = await b.get(`/hall/apply/${item.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`id="f-name" name="f.name" value="${citizen.realName}"`));
    assert.match(res.body, /已按实名信息预填/);
    assert.match(res.body, /<legend class="field-label">经营方式/);
    assert.match(res.body, /type="checkbox" id="f-scope-0" name="f.scope"/);
    assert.match(res.body, /<select class="field-input" id="f-district" name="f.district"/);
    assert.match(res.body, /<option value="331121001">鹤城街道<\/option>/, 'GB/T 2260 townships');
    assert.match(res.body, /id="f-address-detail" name="f.address.detail"/);
    assert.match(res.body, /name="f.employees.0.name"/);
    assert.match(res.body, /name="_op" value="add:employees"/);
    assert.match(
      res.body,
      /id="f-storeName-wrap" hidden data-when-name="f.shopKind"/,
      'conditional field hidden',
    );
    assert.match(res.body, /aria-describedby="f-phone-hint"/);
    assert.match(res.body, /js\/hall\.js/);
  });

  test('CSRF: a form post without the session token is refused and saves nothing', async () => {
    const b = new Browser(app);
    await b.signIn(other.username);
    const res = await b.post(`/hall/apply/${item.id}`, { _op: 'save', ...validForm(other) });
    assert.equal(res.statusCode, 403);
    const my = await b.get('/hall/my');
    assert.match(my.body, /没有未提交的草稿/);
  });

  test('validation errors render next to the fields with a summary; script tags are escaped', async () => {
    const b = new Browser(app);
    await b.signIn(citizen.username);
    const page = await b.get(`/hall/apply/${item.id}`);
    const res = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'next',
      ...validForm(citizen, {
        'f.storeName': '<script>alert(1)</script>',
        'f.area': '很大',
        'f.idNumber': '331121198604120000',
        'f.address.detail': '',
        'f.employees.0.certNo': '',
      }),
    });
    assert.equal(res.statusCode, 422);
    assert.ok(!res.body.includes('<script>alert(1)</script>'), 'no raw script tag');
    assert.match(res.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(res.body, /id="error-summary"/);
    assert.match(res.body, /href="#f-area"/);
    assert.match(res.body, /href="#f-idNumber"/);
    assert.match(res.body, /href="#f-address-detail"/);
    assert.match(res.body, /href="#f-employees-0-certNo"/);
    assert.match(res.body, /<p class="field-error" id="f-area-error">/);
    assert.match(
      res.body,
      /id="f-area" name="f.area" value="很大"[^>]*aria-invalid="true"[^>]*aria-describedby="f-area-error"/,
    );
    assert.match(res.body, /填写内容已保存为草稿/);
  });

  test('add-row and 更新 re-render the form on the server (no JavaScript needed)', async () => {
    const b = new Browser(app);
    await b.signIn(citizen.username);
    const page = await b.get(`/hall/apply/${item.id}`);
    const added = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'add:employees',
      ...validForm(citizen, { 'f.shopKind': 'online', 'f.storeName': '' }),
    });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="rows.employees" value="2"/);
    assert.match(added.body, /name="f.employees.1.name"/);
    assert.match(added.body, /value="叶晓芳"/, 'typed values survive');
    assert.match(added.body, /id="f-storeName-wrap" hidden/, 'online shops have no 门店招牌');
    const shown = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'refresh',
      ...validForm(citizen, { 'f.shopKind': 'store' }),
    });
    assert.match(shown.body, /id="f-storeName-wrap" data-when-name/, 'shown after choosing 实体门店');
    const removed = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'remove:employees:0',
      ...validForm(citizen, { 'rows.employees': '2', 'f.employees.1.name': '王二' }),
    });
    assert.match(removed.body, /name="rows.employees" value="1"/);
    assert.match(removed.body, /name="f.employees.0.name" value="王二"/);
  });

  test('a citizen saves a draft, uploads a PDF, comes back, submits and gets the receipt', async () => {
    const b = new Browser(app);
    await b.signIn(citizen.username);
    const page = await b.get(`/hall/apply/${item.id}`);
    const saved = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'save',
      ...validForm(citizen),
    });
    assert.equal(saved.statusCode, 303);
    const draftId = /^\/hall\/drafts\/([0-9a-f-]{36})\?saved=1$/.exec(location(saved))?.[1];
    assert.ok(draftId, location(saved));

    // Later: 我的办件 lists the draft; continuing shows what was typed.
    const my = await b.get('/hall/my');
    assert.match(my.body, new RegExp(`/hall/drafts/${draftId}`));
    const again = await b.get(`/hall/drafts/${draftId}`);
    assert.match(again.body, /value="晓芳小吃"/);

    const next = await b.post(`/hall/drafts/${draftId}`, {
      _csrf: hiddenCsrf(again.body),
      _op: 'next',
      ...validForm(citizen),
    });
    assert.equal(location(next), `/hall/drafts/${draftId}/materials`);
    const mats = await b.get(`/hall/drafts/${draftId}/materials`);
    assert.match(mats.body, /enctype="multipart\/form-data"/);
    const token = hiddenCsrf(mats.body);
    const materialId = item.materials[0]!.id;

    // A file that lies about its type is refused next to its input.
    const fake = await b.upload(`/hall/drafts/${draftId}/materials/${materialId}`, [
      { name: '_csrf', value: token },
      {
        name: 'file',
        filename: '申请书.pdf',
        contentType: 'application/pdf',
        data: Buffer.from('MZ\x90\x00not a pdf at all'),
      },
    ]);
    assert.equal(fake.statusCode, 415);
    assert.match(fake.body, /aria-invalid="true"/);
    assert.match(fake.body, /id="error-summary"/);

    // Without the token nothing is kept.
    const forged = await b.upload(`/hall/drafts/${draftId}/materials/${materialId}`, [
      { name: 'file', filename: '申请书.pdf', contentType: 'application/pdf', data: tinyPdf() },
    ]);
    assert.equal(forged.statusCode, 403);

    const up = await b.upload(`/hall/drafts/${draftId}/materials/${materialId}`, [
      { name: '_csrf', value: token },
      { name: 'file', filename: '申请书.pdf', contentType: 'application/pdf', data: tinyPdf() },
    ]);
    assert.equal(up.statusCode, 303);
    const after = await b.get(location(up));
    assert.match(after.body, /已上传：申请书\.pdf/);
    assert.equal((after.body.match(/已上传：/g) ?? []).length, 1, 'only the real PDF was attached');

    const review = await b.get(`/hall/drafts/${draftId}/review`);
    assert.match(review.body, /晓芳小吃/);
    assert.match(review.body, /热食类食品制售、冷食类食品制售/);
    assert.match(review.body, /浙江省丽水市青田县鹤城街道龙津路 18 号/);
    assert.match(review.body, /确认提交申请/);

    const appId = await submitDraft(b, draftId);
    const receipt = await b.get(`/hall/my/${appId}/receipt`);
    assert.equal(receipt.statusCode, 200);
    const number = /id="case-number">([^<]+)</.exec(receipt.body)?.[1];
    const code = /id="query-code">([^<]+)</.exec(receipt.body)?.[1];
    assert.ok(number && /^331121\d{8}\d{6}$/.test(number), `case number ${number}`);
    assert.ok(code, 'query code shown to the applicant');
    const pdfHref = /href="(\/hall\/my\/[^"]+\/documents\/[^"]+)">下载《接收回执》/.exec(receipt.body)?.[1];
    assert.ok(pdfHref, '接收回执 link');
    const pdf = await b.get(pdfHref);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    // The draft went with the submission; a second click on 提交 makes no second application.
    const twice = await b.post(`/hall/drafts/${draftId}/submit`, {
      _csrf: hiddenCsrf(review.body),
      idempotencyKey: `hall-draft-${draftId}`,
    });
    assert.equal(location(twice), '/hall/my?submitted=1');
    const list = await b.get('/hall/my');
    assert.equal((list.body.match(new RegExp(number, 'g')) ?? []).length, 1);
    assert.match(list.body, /待受理/);

    // Anyone with the number and the code sees the status, without personal data.
    const anon = new Browser(app);
    const lookup = await anon.get('/hall/lookup');
    const found = await anon.post('/hall/lookup', {
      _csrf: hiddenCsrf(lookup.body),
      number,
      queryCode: code,
    });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /id="result-title">查询结果/);
    assert.ok(!found.body.includes(citizen.realName), 'no applicant name');
    assert.ok(!found.body.includes(citizen.phone), 'no phone');
    const wrong = await anon.post('/hall/lookup', {
      _csrf: hiddenCsrf(lookup.body),
      number,
      queryCode: 'WRONG1',
    });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /未查询到办件。请核对办件编号和查询码/);
    const wrongNumber = await anon.post('/hall/lookup', {
      _csrf: hiddenCsrf(lookup.body),
      number: `${number}9`,
      queryCode: code,
    });
    assert.equal(wrongNumber.statusCode, 404);
    assert.equal(
      wrong.body.match(/<h2 class="error-summary-title"[^>]*>([^<]+)</)?.[1],
      wrongNumber.body.match(/<h2 class="error-summary-title"[^>]*>([^<]+)</)?.[1],
      'the same answer whichever part is wrong',
    );
    const noToken = await anon.post('/hall/lookup', { number, queryCode: code });
    assert.equal(noToken.statusCode, 403);
    assert.ok(!noToken.body.includes('id="result-title"'));
  });

  test("another applicant's draft, application and documents are 404", async () => {
    const owner = new Browser(app);
    await owner.signIn(citizen.username);
    const draftId = await draftWithMaterial(owner, citizen);
    const appId = await submitDraft(owner, await draftWithMaterial(owner, citizen));

    const intruder = new Browser(app);
    await intruder.signIn(other.username);
    for (const url of [
      `/hall/drafts/${draftId}`,
      `/hall/drafts/${draftId}/materials`,
      `/hall/drafts/${draftId}/review`,
      `/hall/my/${appId}`,
      `/hall/my/${appId}/receipt`,
      `/hall/my/${appId}/withdraw`,
      `/hall/my/${appId}/resubmit`,
    ]) {
      const res = await intruder.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes(citizen.realName), `${url} leaks nothing`);
    }
    const my = await intruder.get('/hall/my');
    const token = hiddenCsrf(my.body);
    const del = await intruder.post(`/hall/drafts/${draftId}/delete`, { _csrf: token });
    assert.equal(del.statusCode, 404);
    const wd = await intruder.post(`/hall/my/${appId}/withdraw`, { _csrf: token, reason: 'x' });
    assert.equal(wd.statusCode, 404);
    // The owner's draft is still there.
    assert.equal((await owner.get(`/hall/drafts/${draftId}`)).statusCode, 200);
  });

  test('withdrawing an application', async () => {
    const b = new Browser(app);
    await b.signIn(other.username);
    const appId = await submitDraft(b, await draftWithMaterial(b, other));
    const confirm = await b.get(`/hall/my/${appId}/withdraw`);
    assert.equal(confirm.statusCode, 200);
    const noCsrf = await b.post(`/hall/my/${appId}/withdraw`, { reason: '信息填错' });
    assert.equal(noCsrf.statusCode, 403);
    const res = await b.post(`/hall/my/${appId}/withdraw`, {
      _csrf: hiddenCsrf(confirm.body),
      reason: '信息填错，重新申请',
    });
    assert.equal(location(res), '/hall/my?withdrawn=1');
    const detail = await b.get(`/hall/my/${appId}`);
    assert.match(detail.body, /已撤回/);
    assert.ok(!detail.body.includes(`/hall/my/${appId}/withdraw"`), 'no second withdrawal');
  });
});

describe('after submission: correction, resubmission, decision and rating', () => {
  test('the applicant resubmits the listed materials, the case is approved and rated', async () => {
    const b = new Browser(app);
    await b.signIn(citizen.username);
    const appId = await submitDraft(b, await draftWithMaterial(b, citizen));

    await staffAct(f.clerk.username, appId, 'request-correction', {
      comment: '健康证明缺失',
      data: {
        items: [
          {
            materialId: item.materials[1]!.id,
            name: item.materials[1]!.name,
            problem: '未提交从业人员健康证明',
          },
        ],
      },
    });
    const detail = await b.get(`/hall/my/${appId}`);
    assert.match(detail.body, /需要补正的材料/);
    assert.match(detail.body, /未提交从业人员健康证明/);
    const form = await b.get(`/hall/my/${appId}/resubmit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="晓芳小吃"/, 'the form comes back filled in');
    const inputName = `file.${item.materials[1]!.id}`;
    const parts = [
      { name: '_csrf', value: hiddenCsrf(form.body) },
      ...Object.entries(validForm(citizen)).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => ({ name: k, value: x })),
      ),
      { name: inputName, filename: '健康证明.pdf', contentType: 'application/pdf', data: tinyPdf('health') },
      { name: '_op', value: 'resubmit' },
    ];
    const noToken = await b.upload(`/hall/my/${appId}/resubmit`, parts.slice(1));
    assert.equal(noToken.statusCode, 403);
    const res = await b.upload(`/hall/my/${appId}/resubmit`, parts);
    assert.equal(res.statusCode, 303, res.body.slice(0, 600));
    assert.equal(location(res), `/hall/my/${appId}?resubmitted=1`);

    await staffAct(f.clerk.username, appId, 'accept');
    await staffAct(f.chief.username, appId, 'approve');
    const done = await b.get(`/hall/my/${appId}`);
    assert.match(done.body, /准予许可|已办结/);
    assert.match(done.body, /服务评价（好差评）/);
    // The five levels, best first, each a radio button with its value and name ("满意" alone is also
    // part of the other names, so the pairs are checked in order).
    const levels = [
      ...done.body.matchAll(/name="score" value="(\d)"[^>]*>\s*<label[^>]*><span>([^<]+)<\/span>/g),
    ];
    assert.deepEqual(
      levels.map((m) => `${m[1]}${m[2]}`),
      ['5非常满意', '4满意', '3基本满意', '2不满意', '1非常不满意'],
    );
    const verify = /href="([^"]*verify[^"]*)">查看电子证照/.exec(done.body)?.[1];
    assert.ok(verify, 'licence verification link');

    const token = hiddenCsrf(done.body);
    const missing = await b.post(`/hall/my/${appId}/rate`, { _csrf: token, comment: '' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#f-score"/);
    assert.match(missing.body, /请选择一个评价等级/);
    const rated = await b.post(`/hall/my/${appId}/rate`, {
      _csrf: token,
      score: '5',
      comment: '<b>办事很快</b>',
    });
    assert.equal(location(rated), `/hall/my/${appId}?rated=1`);
    const shown = await b.get(`/hall/my/${appId}?rated=1`);
    assert.match(shown.body, /您的评价：<strong>非常满意<\/strong>/);
    assert.match(shown.body, /&lt;b&gt;办事很快&lt;\/b&gt;/);
    const twice = await b.post(`/hall/my/${appId}/rate`, { _csrf: token, score: '1' });
    assert.equal(twice.statusCode, 409);
  });
});

describe('hostile input on the hall forms', () => {
  /** A signed-in browser with the session's form token (the sign-out form carries it on every page). */
  async function signedIn(c: Applicant): Promise<{ b: Browser; token: string }> {
    const b = new Browser(app);
    await b.signIn(c.username);
    return { b, token: hiddenCsrf((await b.get('/hall/my')).body) };
  }

  /** The first uploaded file of a draft (from the remove button of its materials page). */
  async function firstFileOf(b: Browser, draftId: string): Promise<string> {
    const page = await b.get(`/hall/drafts/${draftId}/materials`);
    const id = new RegExp(`/hall/drafts/${draftId}/files/([0-9a-f-]{36})/remove`).exec(page.body)?.[1];
    assert.ok(id, 'an uploaded file with a remove button');
    return id;
  }

  /** What the applicant's own draft holds, read through the drafts API. */
  async function draftForm(b: Browser, draftId: string): Promise<Record<string, unknown>> {
    const res = await b.get(`/api/v1/application-drafts/${draftId}`);
    assert.equal(res.statusCode, 200, res.body);
    return json<{ form: Record<string, unknown> }>(res).form;
  }

  const draftCount = async (b: Browser) => ((await b.get('/hall/my')).body.match(/继续填写/g) ?? []).length;

  test('every signed-in form refuses a post without the session token, or with another account’s, and changes nothing', async () => {
    const { b: owner } = await signedIn(citizen);
    const draftId = await draftWithMaterial(owner, citizen);
    const fileId = await firstFileOf(owner, draftId);
    const appId = await submitDraft(owner, await draftWithMaterial(owner, citizen));
    const { token: othersToken } = await signedIn(other);

    const posts: [string, Record<string, string | string[]>][] = [
      [`/hall/apply/${item.id}`, { _op: 'save', ...validForm(citizen) }],
      [`/hall/drafts/${draftId}`, { _op: 'save', ...validForm(citizen, { 'f.storeName': '被改掉的招牌' }) }],
      [`/hall/drafts/${draftId}/delete`, {}],
      [`/hall/drafts/${draftId}/files/${fileId}/remove`, {}],
      [`/hall/drafts/${draftId}/submit`, { idempotencyKey: `hall-draft-${draftId}` }],
      [`/hall/my/${appId}/withdraw`, { reason: '不想办了' }],
      [`/hall/my/${appId}/rate`, { score: '1' }],
    ];
    const before = await draftCount(owner);
    for (const [url, form] of posts) {
      for (const token of [null, othersToken, `${othersToken.slice(0, -1)}x`]) {
        const res = await owner.post(url, token === null ? form : { ...form, _csrf: token });
        assert.equal(res.statusCode, 403, `${url} with ${token === null ? 'no token' : 'a wrong token'}`);
        assert.match(res.body, /<html lang="zh-CN"/, `${url}: a page, not JSON`);
        assert.match(res.body, /页面已过期/, `${url}: says what to do`);
      }
    }
    // Nothing moved: the draft is there with its text and file, the application is still pending.
    assert.equal(await draftCount(owner), before);
    assert.equal((await draftForm(owner, draftId)).storeName, '晓芳小吃');
    assert.match((await owner.get(`/hall/drafts/${draftId}/materials`)).body, /已上传：申请书\.pdf/);
    const detail = await owner.get(`/hall/my/${appId}`);
    assert.match(detail.body, /待受理/);
    assert.match(detail.body, new RegExp(`href="/hall/my/${appId}/withdraw"`), 'still withdrawable');
  });

  test('bodies over the limit get a themed 413 page and change nothing', async () => {
    const { b, token } = await signedIn(other);
    const draftId = await draftWithMaterial(b, other);
    const appId = await submitDraft(b, await draftWithMaterial(b, other));
    const big = 'x'.repeat(ctx.config.bodyLimitBytes + 1);
    const before = await draftCount(b);
    for (const [url, form] of [
      [`/hall/apply/${item.id}`, { _op: 'save', ...validForm(other), 'f.remark': big }],
      [`/hall/drafts/${draftId}`, { _op: 'save', ...validForm(other), 'f.storeName': big }],
      [`/hall/drafts/${draftId}/submit`, { idempotencyKey: big }],
      [`/hall/my/${appId}/withdraw`, { reason: big }],
      [`/hall/my/${appId}/rate`, { score: '5', comment: big }],
      ['/hall/lookup', { number: big, queryCode: 'ABCDEF' }],
    ] as const) {
      const res = await b.post(url, { _csrf: token, ...form });
      assert.equal(res.statusCode, 413, url);
      assert.match(res.body, /<html lang="zh-CN"/, url);
      assert.match(res.body, /提交的内容过大/, url);
    }
    // Multipart forms: more files or fields than a form can have is refused before anything is kept.
    const materialUrl = `/hall/drafts/${draftId}/materials/${item.materials[0]!.id}`;
    const manyFiles = await b.upload(materialUrl, [
      { name: '_csrf', value: token },
      ...Array.from({ length: 21 }, (_, i) => ({
        name: 'file',
        filename: `第${i + 1}份.pdf`,
        contentType: 'application/pdf',
        data: tinyPdf(`many ${i}`),
      })),
    ]);
    assert.equal(manyFiles.statusCode, 400);
    assert.match(manyFiles.body, /一次提交的文件或字段过多/);
    const manyFields = await b.upload(materialUrl, [
      { name: '_csrf', value: token },
      ...Array.from({ length: 1001 }, (_, i) => ({ name: `x${i}`, value: '1' })),
      { name: 'file', filename: '申请书.pdf', contentType: 'application/pdf', data: tinyPdf('fields') },
    ]);
    assert.equal(manyFields.statusCode, 400);
    assert.match(manyFields.body, /一次提交的文件或字段过多/);

    assert.equal(await draftCount(b), before, 'no draft was made');
    assert.equal((await draftForm(b, draftId)).storeName, '晓芳小吃');
    const mats = await b.get(`/hall/drafts/${draftId}/materials`);
    assert.equal((mats.body.match(/已上传：/g) ?? []).length, 1, 'no file was attached');
    assert.match((await b.get(`/hall/my/${appId}`)).body, /待受理/, 'not withdrawn');
  });

  test('unknown fields and values of the wrong type are never stored', async () => {
    const { b, token } = await signedIn(citizen);
    // A JSON body with nested values, lists where one value belongs, and fields no form has.
    const res = await b.app.inject({
      method: 'POST',
      url: `/hall/apply/${item.id}`,
      headers: {
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/json',
        accept: 'text/html',
      },
      payload: {
        _csrf: token,
        _op: 'save',
        'f.name': { $ne: null },
        'f.storeName': ['甲店', '乙店'],
        'f.area': { value: 36 },
        'f.shopKind': 'store',
        'f.unknown': '不应保存',
        status: 'approved',
        applicantUserId: '00000000-0000-7000-8000-000000000001',
        itemId: '00000000-0000-7000-8000-000000000002',
      },
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const draftId = /\/hall\/drafts\/([0-9a-f-]{36})/.exec(location(res))?.[1];
    assert.ok(draftId);
    const form = await draftForm(b, draftId);
    assert.deepEqual(Object.keys(form).sort(), ['shopKind', 'storeName'], JSON.stringify(form));
    assert.equal(form.storeName, '甲店', 'a repeated one-value field keeps its first value');
    const page = await b.get(`/hall/drafts/${draftId}`);
    assert.match(
      page.body,
      new RegExp(`<h1[^>]*>[^<]*${item.name}`),
      'the draft is of the item in the address',
    );
    assert.ok(!page.body.includes('不应保存'));

    // Upload: a file under another field name, an unknown material, a forged material id.
    const token2 = hiddenCsrf((await b.get(`/hall/drafts/${draftId}/materials`)).body);
    const pdf = { filename: '申请书.pdf', contentType: 'application/pdf', data: tinyPdf('wrong field') };
    const wrongField = await b.upload(`/hall/drafts/${draftId}/materials/${item.materials[0]!.id}`, [
      { name: '_csrf', value: token2 },
      { name: 'attachment', ...pdf },
    ]);
    assert.equal(wrongField.statusCode, 422);
    assert.match(wrongField.body, /请选择要上传的文件/);
    for (const mid of ['no-such-material', "1'%20OR%20'1'%3D'1"]) {
      const r = await b.upload(`/hall/drafts/${draftId}/materials/${mid}`, [
        { name: '_csrf', value: token2 },
        { name: 'file', ...pdf },
      ]);
      assert.equal(r.statusCode, 404, mid);
    }
    assert.ok(!(await b.get(`/hall/drafts/${draftId}/materials`)).body.includes('已上传：'));

    // Rating: only one of the five levels is a choice; the comment limit is the ratings module's.
    const appId = await submitDraft(b, await draftWithMaterial(b, citizen));
    const notYet = await b.post(`/hall/my/${appId}/rate`, { _csrf: token, score: '5' });
    assert.equal(notYet.statusCode, 409, 'not completed yet');
    assert.match(notYet.body, /办结后方可评价/);
    await staffAct(f.clerk.username, appId, 'accept');
    await staffAct(f.chief.username, appId, 'approve');
    for (const score of ['0', '6', '5.0', ' 5', '五', '5 OR 1=1', ['5', '1']]) {
      const r = await b.post(`/hall/my/${appId}/rate`, { _csrf: token, score });
      assert.equal(r.statusCode, 422, JSON.stringify(score));
      assert.match(r.body, /请选择一个评价等级/, JSON.stringify(score));
    }
    const long = await b.post(`/hall/my/${appId}/rate`, {
      _csrf: token,
      score: '4',
      comment: '慢'.repeat(501),
    });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /href="#f-comment"/);
    assert.match(long.body, /不能超过 500 字/);
    assert.match(long.body, /name="score" value="4" checked/, 'the choice is kept');
    const detail = await b.get(`/hall/my/${appId}`);
    assert.match(detail.body, /服务评价（好差评）/, 'still open for rating: nothing was stored');

    // Lookup: lists and missing values name the field to fill in.
    const lookup = await b.post('/hall/lookup', { _csrf: token, number: ['1', '2'] });
    assert.equal(lookup.statusCode, 422);
    assert.match(lookup.body, /请输入查询码/);
    assert.match(lookup.body, /name="number" type="text" value="1"/);
  });

  test('script tags in any field come back as text', async () => {
    const { b, token } = await signedIn(other);
    const draftId = await draftWithMaterial(b, other);
    const script = '<script>alert(1)</script>';
    const mats = await b.get(`/hall/drafts/${draftId}/materials`);
    const up = await b.upload(`/hall/drafts/${draftId}/materials/${item.materials[1]!.id}`, [
      { name: '_csrf', value: hiddenCsrf(mats.body) },
      { name: 'file', filename: `${script}.pdf`, contentType: 'application/pdf', data: tinyPdf('script') },
    ]);
    assert.equal(up.statusCode, 303);
    for (const url of [`/hall/drafts/${draftId}/materials`, `/hall/drafts/${draftId}/review`]) {
      const page = await b.get(url);
      assert.ok(!page.body.includes(script), url);
      // The file store keeps the last path segment and replaces markup characters.
      assert.match(page.body, />[^<>]*script[^<>]*\.pdf/, `${url} shows the file's name as text`);
    }

    const lookup = await b.post('/hall/lookup', { _csrf: token, number: script, queryCode: script });
    assert.equal(lookup.statusCode, 404);
    assert.ok(!lookup.body.includes(script));
    assert.match(lookup.body, /name="number" type="text" value="&lt;script&gt;alert\(1\)/);

    const appId = await submitDraft(b, draftId);
    const wd = await b.post(`/hall/my/${appId}/withdraw`, { _csrf: token, reason: `${script}填错了` });
    assert.equal(location(wd), '/hall/my?withdrawn=1');
    const detail = await b.get(`/hall/my/${appId}`);
    assert.ok(!detail.body.includes(script));
    assert.ok(
      detail.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;填错了'),
      'the reason is shown as text',
    );
  });

  test("another applicant's drafts, files and applications cannot be changed through any form", async () => {
    const { b: owner, token: ownerToken } = await signedIn(citizen);
    const draftId = await draftWithMaterial(owner, citizen);
    const ownerFile = await firstFileOf(owner, draftId);
    const appId = await submitDraft(owner, await draftWithMaterial(owner, citizen));
    await staffAct(f.clerk.username, appId, 'request-correction', {
      comment: '健康证明缺失',
      data: {
        items: [{ materialId: item.materials[1]!.id, name: item.materials[1]!.name, problem: '未提交' }],
      },
    });

    const { b: intruder, token } = await signedIn(other);
    const intruderDraft = await draftWithMaterial(intruder, other);
    const intruderFile = await firstFileOf(intruder, intruderDraft);
    const intruderApps =
      (await intruder.get('/hall/my')).body.match(/\/hall\/my\/[0-9a-f-]{36}"/g)?.length ?? 0;

    const save = await intruder.post(`/hall/drafts/${draftId}`, {
      _csrf: token,
      _op: 'save',
      ...validForm(other, { 'f.storeName': '冒名修改' }),
    });
    assert.equal(save.statusCode, 404);
    const upload = await intruder.upload(`/hall/drafts/${draftId}/materials/${item.materials[1]!.id}`, [
      { name: '_csrf', value: token },
      { name: 'file', filename: '冒名.pdf', contentType: 'application/pdf', data: tinyPdf('intruder') },
    ]);
    assert.equal(upload.statusCode, 404);
    const remove = await intruder.post(`/hall/drafts/${draftId}/files/${ownerFile}/remove`, { _csrf: token });
    assert.equal(remove.statusCode, 404);
    // Submitting someone else's draft id is answered like a draft already submitted: it shows the
    // intruder's own list, and nothing is submitted for anyone.
    const submit = await intruder.post(`/hall/drafts/${draftId}/submit`, { _csrf: token });
    assert.equal(location(submit), '/hall/my?submitted=1');
    const intruderList = await intruder.get('/hall/my');
    assert.equal(intruderList.body.match(/\/hall\/my\/[0-9a-f-]{36}"/g)?.length ?? 0, intruderApps);
    assert.ok(!intruderList.body.includes(citizen.realName));
    const rate = await intruder.post(`/hall/my/${appId}/rate`, { _csrf: token, score: '1' });
    assert.equal(rate.statusCode, 404);
    const resubmit = await intruder.upload(`/hall/my/${appId}/resubmit`, [
      { name: '_csrf', value: token },
      {
        name: `file.${item.materials[1]!.id}`,
        filename: '冒名.pdf',
        contentType: 'application/pdf',
        data: tinyPdf('x'),
      },
    ]);
    assert.equal(resubmit.statusCode, 404);
    for (const r of [save, upload, remove, rate, resubmit]) assert.ok(!r.body.includes(citizen.realName));

    // The owner cannot take the intruder's file either: not by removing it from their own draft…
    const foreignRemove = await owner.post(`/hall/drafts/${draftId}/files/${intruderFile}/remove`, {
      _csrf: ownerToken,
    });
    assert.equal(foreignRemove.statusCode, 404);
    // …nor by naming it as an already-uploaded file of the resubmission.
    const form = await owner.get(`/hall/my/${appId}/resubmit`);
    const steal = await owner.upload(`/hall/my/${appId}/resubmit`, [
      { name: '_csrf', value: hiddenCsrf(form.body) },
      ...Object.entries(validForm(citizen)).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => ({ name: k, value: x })),
      ),
      { name: `keep.${item.materials[1]!.id}`, value: intruderFile },
      { name: '_op', value: 'resubmit' },
    ]);
    assert.equal(steal.statusCode, 422);
    assert.match(steal.body, /请上传需要补正的材料/);

    // Everything of the owner is as it was.
    assert.equal((await draftForm(owner, draftId)).storeName, '晓芳小吃');
    assert.match((await owner.get(`/hall/drafts/${draftId}/materials`)).body, /已上传：申请书\.pdf/);
    assert.match((await owner.get(`/hall/my/${appId}`)).body, /补正并重新提交/);
    assert.match((await intruder.get(`/hall/drafts/${intruderDraft}/materials`)).body, /已上传：申请书\.pdf/);
  });

  test('the resubmission form: too many fields are refused, script tags come back as text', async () => {
    const { b } = await signedIn(citizen);
    const appId = await submitDraft(b, await draftWithMaterial(b, citizen));
    await staffAct(f.clerk.username, appId, 'request-correction', {
      comment: '请补充健康证明',
      data: {
        items: [{ materialId: item.materials[1]!.id, name: item.materials[1]!.name, problem: '未提交' }],
      },
    });
    const form = await b.get(`/hall/my/${appId}/resubmit`);
    const token = hiddenCsrf(form.body);
    const fields = (over: Record<string, string> = {}) =>
      Object.entries(validForm(citizen, over)).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => ({ name: k, value: x })),
      );
    const many = await b.upload(`/hall/my/${appId}/resubmit`, [
      { name: '_csrf', value: token },
      ...Array.from({ length: 1001 }, (_, i) => ({ name: `x${i}`, value: '1' })),
      { name: '_op', value: 'resubmit' },
    ]);
    assert.equal(many.statusCode, 400);
    assert.match(many.body, /一次提交的文件或字段过多/);
    const script = '<script>alert(1)</script>';
    const shown = await b.upload(`/hall/my/${appId}/resubmit`, [
      { name: '_csrf', value: token },
      ...fields({ 'f.storeName': script }),
      { name: '_op', value: 'refresh' },
    ]);
    assert.equal(shown.statusCode, 200);
    assert.ok(!shown.body.includes(script));
    assert.match(shown.body, /name="f.storeName" value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(
      (await b.get(`/hall/my/${appId}`)).body,
      /补正并重新提交/,
      'still waiting for the correction',
    );
  });

  test('SQL fragments are plain text: no match, no error, stored as typed', async () => {
    const { b, token } = await signedIn(citizen);
    const anon = new Browser(app);
    const lookupToken = hiddenCsrf((await anon.get('/hall/lookup')).body);
    for (const [number, queryCode] of [
      ["33112120260101000001' OR '1'='1", "' OR 1=1 --"],
      ['%', '%'],
      ["'; DROP TABLE wf_case; --", 'x'],
    ] as const) {
      const r = await anon.post('/hall/lookup', { _csrf: lookupToken, number, queryCode });
      assert.equal(r.statusCode, 404, number);
      assert.match(r.body, /未查询到办件/);
      assert.ok(!r.body.includes('id="result-title"'));
    }
    for (const url of [
      `/hall/apply/1'%20OR%201=1--`,
      `/hall/drafts/1'%20OR%201=1--`,
      `/hall/drafts/1'%20OR%201=1--/delete`,
      `/hall/drafts/1'%20OR%201=1--/submit`,
      `/hall/my/1'%20OR%201=1--/withdraw`,
      `/hall/my/1'%20OR%201=1--/rate`,
    ]) {
      const r = await b.post(url, { _csrf: token, _op: 'save', score: '5' });
      assert.ok(r.statusCode === 404 || location(r) === '/hall/my?submitted=1', `${url}: ${r.statusCode}`);
      assert.notEqual(r.statusCode, 500, url);
    }
    const search = await app.inject({
      method: 'GET',
      url: `/hall/items?q=${encodeURIComponent("%' OR 1=1 --")}`,
    });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /共 0 个事项/);

    const typed = "晓芳'); DELETE FROM lic_draft; --";
    const page = await b.get(`/hall/apply/${item.id}`);
    const saved = await b.post(`/hall/apply/${item.id}`, {
      _csrf: hiddenCsrf(page.body),
      _op: 'save',
      ...validForm(citizen, { 'f.storeName': typed }),
    });
    const draftId = /\/hall\/drafts\/([0-9a-f-]{36})/.exec(location(saved))?.[1];
    assert.ok(draftId);
    assert.equal((await draftForm(b, draftId)).storeName, typed);
    assert.ok(
      (await b.get(`/hall/drafts/${draftId}`)).body.includes('晓芳&#39;); DELETE FROM lic_draft; --'),
    );
  });
});
