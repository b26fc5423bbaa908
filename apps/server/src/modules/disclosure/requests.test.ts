// 依申请公开 on the 2026 calendar, through HTTP: the Art. 31 receipt date (a request sent during the
// National Day holiday counts from the first working day after it), the 20-working-day reply limit,
// 补正 within 7 working days restarting the clock on the day the correction arrives, third-party
// consultation excluded from the period, one extension of at most 20 working days approved by the
// unit's approver, every Art. 36 outcome with its reply letter (numbered, with the remedies sentence),
// the applicant's own list, supervision seeing the case, and hostile input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractPdfText } from '../../platform/documents/testing.ts';
import { as, json, login } from '../../testing/harness.ts';
import { makeCitizen } from '../hall/testing.ts';
import { makeStaff, principalOf } from '../identity/testing.ts';
import { OUTCOMES } from './disclosure.model.ts';
import {
  type Api,
  type ApiError,
  type DisclosureSetup,
  disclosureSetup,
  fileRequest,
  PASSWORD,
  type Submitted,
  signIn,
  signInAt,
  TEST_PASSWORD,
} from './testing.ts';

type Req = {
  id: string;
  status: string;
  statusName: string;
  dueDate: string | null;
  outcome: string | null;
  replyNumber: string | null;
  replyLetterUrl: string | null;
  correction: { dueOn: string | null; correctedOn: string | null };
  extension: { days: number | null };
  applicantName: string;
  applicantIdMasked: string | null;
  description: string;
};

/** The officer's open task on a case, and acting on it. */
async function act(api: Api, caseId: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await api('GET', '/api/v1/tasks?caseType=disclosure&pageSize=100');
  assert.equal(res.statusCode, 200, res.body);
  const tasks = json<{ items: { id: string; caseId: string; stepKey: string }[] }>(res);
  const task = tasks.items.find((t) => t.caseId === caseId);
  assert.ok(task, `no task for ${caseId}`);
  return api('POST', `/api/v1/tasks/${task.id}/actions`, { action, ...extra });
}

async function read(api: Api, id: string): Promise<Req> {
  const res = await api('GET', `/api/v1/disclosure/requests/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return json<Req>(res);
}

describe('receipt date and reply deadline (Art. 31, 33)', () => {
  test('a request sent on a working day is received that day; 20 working days later is the deadline', async () => {
    const s = await disclosureSetup();
    const { citizen } = await signIn(s);
    const r = await fileRequest(citizen, s);
    assert.equal(r.receivedOn, '2026-11-24');
    assert.equal(r.dueDate, '2026-12-22');
    assert.match(r.number, /^\d{6}20261124\d{6}$/);
  });

  test('a request sent during the National Day holiday is received on the first working day after it', async () => {
    // Saturday 2026-10-03, inside 10-01..10-07; 10-10 is a 调休 working Saturday and counts.
    const s = await disclosureSetup('2026-10-03T02:00:00Z');
    const { citizen } = await signIn(s);
    const r = await fileRequest(citizen, s);
    assert.equal(r.receivedOn, '2026-10-08');
    assert.equal(r.dueDate, '2026-11-04');
  });

  test('without orgId the request goes to the default unit; an enterprise picks its category; a citizen cannot', async () => {
    const s = await disclosureSetup();
    await s.ctx.pool.query('UPDATE dsc_guide SET default_for_requests = true WHERE org_id = $1', [
      s.office.id,
    ]);
    const { citizen, enterprise, officer } = await signIn(s);
    const r = await fileRequest(enterprise, s, { orgId: undefined, applicantCategory: '法律服务机构' });
    const detail = await read(officer, r.id);
    assert.equal(detail.applicantName, '丽水市瓯江生态农业有限公司');
    assert.match(detail.applicantIdMasked ?? '', /\*/, 'staff see the credit code masked');
    const bad = await citizen('POST', '/api/v1/disclosure/requests', {
      description: '某某文件的全文',
      delivery: 'electronic',
      applicantCategory: '商业企业',
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(json<ApiError>(bad).error.details[0]?.field, 'applicantCategory');
  });
});

describe('correction (Art. 30)', () => {
  test('asked within 7 working days, the correction restarts the 20 working days from the day it arrives', async () => {
    const s = await disclosureSetup();
    let { citizen, officer } = await signIn(s);
    const r = await fileRequest(citizen, s, { description: '关于那个项目的文件' });
    ({ citizen, officer } = await signInAt(s, '2026-11-26T02:00:00Z'));
    const asked = await act(officer, r.caseId, 'request-correction', {
      comment: '请写明项目名称或文号',
      data: { dueDays: 10 },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    let d = await read(citizen, r.id);
    assert.equal(d.status, 'paused');
    assert.equal(d.statusName, '待申请人补正');
    assert.equal(d.correction.dueOn, '2026-12-10');
    ({ citizen, officer } = await signInAt(s, '2026-12-01T02:00:00Z'));
    const corrected = await citizen('POST', `/api/v1/disclosure/requests/${r.id}/correction`, {
      text: '2026年丽水市城东片区老旧小区改造项目清单',
    });
    assert.equal(corrected.statusCode, 200, corrected.body);
    d = json<Req>(corrected);
    assert.equal(d.status, 'open');
    assert.equal(d.correction.correctedOn, '2026-12-01');
    assert.equal(d.dueDate, '2026-12-29', '20 working days counted again from 2026-12-01');
    const again = await citizen('POST', `/api/v1/disclosure/requests/${r.id}/correction`, {
      text: '再次补正',
    });
    assert.equal(again.statusCode, 409);
  });

  test('a correction notice after 7 working days is refused; closing needs the correction deadline to pass', async () => {
    const s = await disclosureSetup();
    let { citizen, officer } = await signIn(s);
    const late = await fileRequest(citizen, s);
    ({ citizen, officer } = await signInAt(s, '2026-12-04T02:00:00Z')); // receipt 11-24 + 7 working days = 12-03
    const res = await act(officer, late.caseId, 'request-correction', { comment: '请补正' });
    assert.equal(res.statusCode, 422);
    assert.equal(json<ApiError>(res).error.code, 'CORRECTION_TOO_LATE');
    assert.match(json<ApiError>(res).error.message, /2026-12-03/);

    const r = await fileRequest(citizen, s);
    await act(officer, r.caseId, 'request-correction', { comment: '请补正', data: { dueDays: 5 } });
    const early = await act(officer, r.caseId, 'close-no-correction', { comment: '逾期未补正' });
    assert.equal(early.statusCode, 422);
    assert.equal(json<ApiError>(early).error.code, 'CORRECTION_NOT_EXPIRED');
    ({ citizen, officer } = await signInAt(s, '2026-12-14T02:00:00Z')); // due 12-11
    const closed = await act(officer, r.caseId, 'close-no-correction', { comment: '逾期未补正' });
    assert.equal(closed.statusCode, 200, closed.body);
    const d = await read(citizen, r.id);
    assert.equal(d.outcome, 'OTHER_NO_CORRECTION');
    assert.equal(d.statusName, '已答复');
  });
});

describe('consultation and extension (Art. 32–33)', () => {
  test('third-party consultation time is not counted', async () => {
    const s = await disclosureSetup();
    let { citizen, officer } = await signIn(s);
    const r = await fileRequest(citizen, s);
    ({ citizen, officer } = await signInAt(s, '2026-11-26T02:00:00Z'));
    assert.equal(
      (await act(officer, r.caseId, 'consult-third-party', { comment: '涉及企业商业秘密' })).statusCode,
      200,
    );
    assert.equal((await read(citizen, r.id)).statusName, '征求第三方意见中（暂停计时）');
    ({ citizen, officer } = await signInAt(s, '2026-12-03T02:00:00Z'));
    assert.equal((await act(officer, r.caseId, 'opinion-received')).statusCode, 200);
    assert.equal((await read(citizen, r.id)).dueDate, '2026-12-29', '5 working days of consultation added');
  });

  test('one extension of at most 20 working days, approved by the approver', async () => {
    const s = await disclosureSetup('2026-09-01T02:00:00Z');
    const { citizen, officer, head } = await signIn(s);
    const r = await fileRequest(citizen, s);
    assert.equal(r.dueDate, '2026-09-29');
    const tooLong = await act(officer, r.caseId, 'request-extension', {
      comment: '情况复杂',
      data: { days: 21 },
    });
    assert.equal(tooLong.statusCode, 422);
    assert.equal(json<ApiError>(tooLong).error.details[0]?.field, 'data.days');
    assert.equal(
      (await act(officer, r.caseId, 'request-extension', { comment: '情况复杂', data: { days: 15 } }))
        .statusCode,
      200,
    );
    // The officer cannot approve it; the unit's approver can.
    const tasks = json<{ items: { caseId: string }[] }>(
      await officer('GET', '/api/v1/tasks?caseType=disclosure'),
    );
    assert.ok(!tasks.items.some((t) => t.caseId === r.caseId));
    assert.equal((await act(head, r.caseId, 'approve', { comment: '同意' })).statusCode, 200);
    const d = await read(citizen, r.id);
    assert.equal(d.dueDate, '2026-10-26');
    assert.equal(d.extension.days, 15);
    const second = await act(officer, r.caseId, 'request-extension', { comment: '再延', data: { days: 5 } });
    assert.equal(second.statusCode, 409);
    assert.equal(json<ApiError>(second).error.code, 'EXTENSION_USED');
  });
});

describe('replies (Art. 36)', () => {
  test('every outcome code is accepted with its reasons, numbered and shown to the applicant', async () => {
    const s = await disclosureSetup();
    const { citizen, officer } = await signIn(s);
    const numbers = new Set<string>();
    for (const o of OUTCOMES) {
      const r = await fileRequest(citizen, s);
      const res = await act(officer, r.caseId, 'reply', {
        data: { outcome: o.code, reasons: `理由：${o.name}`, content: '随本答复书提供。' },
      });
      assert.equal(res.statusCode, 200, `${o.code}: ${res.body}`);
      const d = await read(citizen, r.id);
      assert.equal(d.outcome, o.code);
      assert.match(d.replyNumber ?? '', /^丽政办公复〔2026〕\d+号$/);
      numbers.add(d.replyNumber as string);
    }
    assert.equal(numbers.size, OUTCOMES.length, 'reply numbers are unique');
  });

  test('the reply letter PDF carries the number, the decision and the remedies sentence', async () => {
    const s = await disclosureSetup();
    const { citizen, officer } = await signIn(s);
    const r = await fileRequest(citizen, s);
    const missing = await act(officer, r.caseId, 'reply', {
      data: { outcome: 'PARTIAL', content: '提供可公开部分' },
    });
    assert.equal(missing.statusCode, 422, 'partial disclosure needs reasons');
    assert.equal(json<ApiError>(missing).error.details[0]?.field, 'data.reasons');
    const bogus = await act(officer, r.caseId, 'reply', {
      data: { outcome: 'GRANTED; DROP TABLE dsc_request' },
    });
    assert.equal(bogus.statusCode, 422);
    const ok = await act(officer, r.caseId, 'reply', {
      data: {
        outcome: 'PARTIAL',
        reasons: '涉及第三方个人信息的部分不予公开',
        content: '现提供可以公开的部分。',
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const d = await read(citizen, r.id);
    const pdf = await citizen('GET', d.replyLetterUrl as string);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = extractPdfText(pdf.rawPayload).replace(/\s+/g, '');
    assert.ok(text.includes(d.replyNumber as string), 'the number is printed');
    assert.ok(text.includes('第三十七条'), 'the partial-disclosure basis is printed');
    assert.ok(text.includes('60日内向浙江省人民政府申请行政复议'), 'remedies sentence');
    assert.ok(text.includes('6个月内向丽水市中级人民法院提起行政诉讼'), 'court');
    // Another citizen, another county's officer, or a forged id: not found.
    const { qtOfficer } = await signIn(s);
    assert.equal((await qtOfficer('GET', d.replyLetterUrl as string)).statusCode, 404);
    assert.equal((await qtOfficer('GET', `/api/v1/disclosure/requests/${r.id}`)).statusCode, 404);
    assert.equal(
      (await citizen('GET', '/api/v1/disclosure/requests/00000000-0000-7000-8000-000000000000')).statusCode,
      404,
    );
    assert.equal((await citizen('GET', "/api/v1/disclosure/requests/1' OR '1'='1")).statusCode, 404);
  });

  test('another county cannot act on the request; supervision sees it; it is in the applicant list', async () => {
    const s = await disclosureSetup();
    const { citizen, qtOfficer } = await signIn(s);
    const r = await fileRequest(citizen, s);
    const tasks = json<{ items: { caseId: string }[] }>(
      await qtOfficer('GET', '/api/v1/tasks?caseType=disclosure'),
    );
    assert.ok(!tasks.items.some((t) => t.caseId === r.caseId), '青田 officer has no task of the city office');
    const root = await principalOf(s.ctx, s.f.platformAdmin.id);
    await makeStaff(s.ctx, root, {
      username: 'jc.supervisor',
      orgId: s.f.city.id,
      roles: [{ code: 'supervisor' }],
    });
    const sup = as(s.app, await login(s.app, 'jc.supervisor', TEST_PASSWORD));
    const list = await sup('GET', '/api/v1/supervision/cases?pageSize=100');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.body.includes(r.number), 'supervision lists the disclosure request');
    const mine = json<{ items: { number: string; statusName: string }[] }>(
      await citizen('GET', '/api/v1/disclosure/requests/my'),
    );
    assert.equal(mine.items[0]?.number, r.number);
    assert.equal(mine.items[0]?.statusName, '办理中');
  });
});

describe('bad input', () => {
  test('hostile and malformed requests are refused or stored as plain text', async () => {
    const s = await disclosureSetup();
    const { citizen, officer } = await signIn(s);
    const anon = await s.app.inject({
      method: 'POST',
      url: '/api/v1/disclosure/requests',
      payload: { description: '文件', delivery: 'electronic' },
    });
    assert.ok(anon.statusCode === 401 || anon.statusCode === 403, String(anon.statusCode));
    const staff = await officer('POST', '/api/v1/disclosure/requests', {
      description: '某文件全文',
      delivery: 'electronic',
    });
    assert.equal(staff.statusCode, 403);
    const wrongType = await citizen('POST', '/api/v1/disclosure/requests', {
      description: 42,
      delivery: 'electronic',
    });
    assert.equal(wrongType.statusCode, 400);
    const delivery = await citizen('POST', '/api/v1/disclosure/requests', {
      description: '某文件全文',
      delivery: 'pigeon',
      orgId: s.office.id,
    });
    assert.equal(delivery.statusCode, 422);
    assert.equal(json<ApiError>(delivery).error.details[0]?.field, 'delivery');
    const huge = await citizen('POST', '/api/v1/disclosure/requests', {
      description: '长'.repeat(3000),
      delivery: 'electronic',
      orgId: s.office.id,
    });
    assert.equal(huge.statusCode, 422);
    const forged = await citizen('POST', '/api/v1/disclosure/requests', {
      description: '某文件全文',
      delivery: 'electronic',
      orgId: '00000000-0000-7000-8000-000000000000',
    });
    assert.equal(forged.statusCode, 404);
    assert.equal(json<ApiError>(forged).error.details[0]?.field, 'orgId');
    const script = await fileRequest(citizen, s, { description: '<script>alert(1)</script> 文件\u0007' });
    const d = await read(officer, script.id);
    assert.equal(d.description, '<script>alert(1)</script> 文件', 'kept as text, control characters removed');
  });

  test('the same Idempotency-Key returns the same request; different content with it is refused', async () => {
    const s = await disclosureSetup();
    const session = await login(s.app, s.citizen.username, PASSWORD);
    const post = (description: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/disclosure/requests',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': 'dsc-key-0001' },
        payload: { description, delivery: 'electronic', orgId: s.office.id },
      });
    const a = json<Submitted>(await post('某文件全文'));
    const b = await post('某文件全文');
    assert.equal(b.statusCode, 201);
    assert.equal(json<Submitted>(b).id, a.id);
    assert.equal((await post('另一份文件')).statusCode, 409);
    // Two at once with a fresh key: one request, both answered with it.
    const both = await Promise.all(
      [1, 2].map(() =>
        s.app.inject({
          method: 'POST',
          url: '/api/v1/disclosure/requests',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'idempotency-key': 'dsc-key-0002',
          },
          payload: { description: '某文件全文', delivery: 'electronic', orgId: s.office.id },
        }),
      ),
    );
    assert.deepEqual(
      both.map((r) => r.statusCode),
      [201, 201],
    );
    assert.equal(json<Submitted>(both[0]!).id, json<Submitted>(both[1]!).id);
  });
});

describe('applicant pages', () => {
  test('sign-in first, staff turned away, CSRF required, another applicant or a forged id not found', async () => {
    const s = await disclosureSetup();
    const anon = await s.app.inject({ method: 'GET', url: '/disclosure/apply' });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/login\?next=%2Fdisclosure%2Fapply/);
    const officer = await login(s.app, 'xxgk.officer', TEST_PASSWORD);
    const staff = await s.app.inject({
      method: 'GET',
      url: '/disclosure/apply',
      headers: { cookie: officer.cookie },
    });
    assert.equal(staff.statusCode, 403);
    const c = await login(s.app, s.citizen.username, PASSWORD);
    const form = await s.app.inject({
      method: 'GET',
      url: '/disclosure/apply',
      headers: { cookie: c.cookie },
    });
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'private, no-store');
    const post = (payload: string, csrf = c.csrf) =>
      s.app.inject({
        method: 'POST',
        url: '/disclosure/apply',
        headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}&${payload}`,
      });
    const forged = await post(
      `orgId=${s.office.id}&description=${encodeURIComponent('某文件全文')}&delivery=electronic`,
      'x',
    );
    assert.equal(forged.statusCode, 403, 'a form without the session token is refused');
    const invalid = await post(
      `orgId=${s.office.id}&description=&delivery=electronic&docNumber=${encodeURIComponent('<b>x</b>')}`,
    );
    assert.equal(invalid.statusCode, 422);
    assert.ok(invalid.body.includes('请填写所需政府信息'));
    assert.ok(invalid.body.includes('&lt;b&gt;x&lt;/b&gt;'), 'typed values come back escaped');
    const ok = await post(
      `orgId=${s.office.id}&description=${encodeURIComponent('某文件全文')}&delivery=electronic&_key=form-key-0001`,
    );
    assert.equal(ok.statusCode, 303);
    const again = await post(
      `orgId=${s.office.id}&description=${encodeURIComponent('某文件全文')}&delivery=electronic&_key=form-key-0001`,
    );
    assert.equal(again.headers.location, ok.headers.location, 'a double click is one request');
    const path = String(ok.headers.location).replace(/\?.*$/, '');
    const mine = await s.app.inject({ method: 'GET', url: path, headers: { cookie: c.cookie } });
    assert.equal(mine.statusCode, 200);
    assert.ok(mine.body.includes('某文件全文'));
    // The hall's 我的办件 lists it with the licence applications, linking to its page; not for others.
    const hallMine = await s.app.inject({ method: 'GET', url: '/hall/my', headers: { cookie: c.cookie } });
    assert.equal(hallMine.statusCode, 200);
    assert.match(hallMine.body, /政府信息公开申请（1）/);
    assert.ok(hallMine.body.includes(`href="${path}"`), 'links to the request page');
    const other = await makeCitizenSession(s);
    const hallOther = await s.app.inject({ method: 'GET', url: '/hall/my', headers: { cookie: other } });
    assert.ok(!hallOther.body.includes('政府信息公开申请'));
    assert.equal(
      (await s.app.inject({ method: 'GET', url: path, headers: { cookie: other } })).statusCode,
      404,
    );
    assert.equal(
      (await s.app.inject({ method: 'GET', url: '/disclosure/my/not-an-id', headers: { cookie: c.cookie } }))
        .statusCode,
      404,
    );
  });
});

async function makeCitizenSession(s: DisclosureSetup): Promise<string> {
  const other = await makeCitizen(s.ctx, '陈静');
  return (await login(s.app, other.username, PASSWORD)).cookie;
}
