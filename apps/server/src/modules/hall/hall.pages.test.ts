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

    const clerk = await login(app, f.clerk.username, TEST_PASSWORD);
    const chief = await login(app, f.chief.username, TEST_PASSWORD);
    const taskOf = async (s: typeof clerk) => {
      const r = await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: s.cookie } });
      const items = json<{ items: { id: string; caseId: string }[] }>(r).items;
      const detail = json<{ caseId: string }>(
        await app.inject({
          method: 'GET',
          url: `/api/v1/applications/${appId}`,
          headers: { cookie: s.cookie },
        }),
      );
      const t = items.find((x) => x.caseId === detail.caseId);
      assert.ok(t, 'task in the inbox');
      return t.id;
    };
    const act = async (s: typeof clerk, action: string, extra: Record<string, unknown> = {}) => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${await taskOf(s)}/actions`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { action, ...extra },
      });
      assert.equal(r.statusCode, 200, r.body);
    };

    await act(clerk, 'request-correction', {
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

    await act(clerk, 'accept');
    await act(chief, 'approve');
    const done = await b.get(`/hall/my/${appId}`);
    assert.match(done.body, /准予许可|已办结/);
    assert.match(done.body, /服务评价（好差评）/);
    for (const level of ['非常满意', '满意', '基本满意', '不满意', '非常不满意'])
      assert.ok(done.body.includes(level), level);
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
