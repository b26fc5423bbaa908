// The staff side of 依申请公开 through HTTP: the engine's generic extension route refused for
// disclosure cases (Art. 33 ¶2 goes through the request-extension action), requests registered by an
// officer for paper, post, fax and counter submissions (Art. 31 receipt dates, stored encrypted,
// audited), the 信息处理费 notice pausing the clock with its lapse closing the request (国办函〔2020〕
// 109号), the units a member of staff may work on, and hostile input throughout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeIdNumber } from '../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../platform/ids/gb32100.ts';
import { json } from '../../testing/harness.ts';
import { feeAmount } from './disclosure.model.ts';
import {
  type Api,
  type ApiError,
  type DisclosureSetup,
  disclosureSetup,
  fileRequest,
  type Submitted,
  signIn,
  signInAt,
} from './testing.ts';

async function taskOf(api: Api, caseId: string): Promise<{ id: string; step: string } | undefined> {
  const res = await api('GET', '/api/v1/tasks?caseType=disclosure&pageSize=100');
  assert.equal(res.statusCode, 200, res.body);
  return json<{ items: { id: string; caseId: string; step: string }[] }>(res).items.find(
    (t) => t.caseId === caseId,
  );
}

async function act(api: Api, caseId: string, action: string, extra: Record<string, unknown> = {}) {
  const task = await taskOf(api, caseId);
  assert.ok(task, `no task for ${caseId}`);
  return api('POST', `/api/v1/tasks/${task.id}/actions`, { action, ...extra });
}

describe('generic extensions (Art. 33 ¶2)', () => {
  test('the engine route refuses a disclosure case and points to the action; the console hides it', async () => {
    const s = await disclosureSetup();
    const { citizen, officer, head } = await signIn(s);
    const r = await fileRequest(citizen, s);
    for (const days of [5, 60]) {
      const res = await officer('POST', `/api/v1/cases/${r.caseId}/extensions`, { days, reason: '情况复杂' });
      assert.equal(res.statusCode, 409, res.body);
      const e = json<ApiError>(res).error;
      assert.equal(e.code, 'EXTENSION_USE_ACTION');
      assert.match(e.message, /申请延期答复/);
    }
    // The approver is refused the same way; nothing was recorded and the deadline has not moved.
    const byHead = await head('POST', `/api/v1/cases/${r.caseId}/extensions`, { days: 5, reason: 'x' });
    assert.ok([403, 404, 409].includes(byHead.statusCode), byHead.body);
    const detail = json<{
      case: { legalDeadline: string };
      extensions: unknown[];
      permissions: { requestExtension: boolean };
    }>(await officer('GET', `/api/v1/cases/${r.caseId}`));
    assert.equal(detail.case.legalDeadline, '2026-12-22');
    assert.deepEqual(detail.extensions, []);
    assert.equal(detail.permissions.requestExtension, false, 'the console offers no generic extension');
  });
});

const ID = makeIdNumber('331102', '19790305', 17);

function paper(s: DisclosureSetup, extra: Record<string, unknown> = {}) {
  return {
    orgId: s.office.id,
    channel: 'letter',
    receivedOn: '2026-11-20',
    applicantType: 'person',
    applicantName: '季红英',
    idType: '居民身份证',
    idNumber: ID,
    phone: '13857800123',
    address: '丽水市莲都区紫金路 8 号',
    description: '2026年莲都区城中村改造项目补偿标准文件',
    delivery: 'mail',
    ...extra,
  };
}

describe('requests registered by staff (Art. 29, 31)', () => {
  test('a letter received last Friday: deadlines from that day, identity encrypted and masked, audited', async () => {
    const s = await disclosureSetup();
    const { officer } = await signIn(s);
    const res = await officer('POST', '/api/v1/disclosure/requests/registered', paper(s));
    assert.equal(res.statusCode, 201, res.body);
    const r = json<Submitted & { queryCode: string }>(res);
    assert.equal(r.receivedOn, '2026-11-20');
    assert.equal(r.dueDate, '2026-12-18', '20 working days from the day after the letter was confirmed');
    assert.match(r.queryCode, /\S+/, 'a query code for the applicant, who has no account');
    const d = json<{
      applicantName: string;
      applicantIdMasked: string;
      applicantPhoneMasked: string;
      channel: string;
      channelName: string;
      applicantCategory: string;
    }>(await officer('GET', `/api/v1/disclosure/requests/${r.id}`));
    assert.equal(d.applicantName, '季红英');
    assert.equal(d.channelName, '平常信函');
    assert.equal(d.applicantCategory, '自然人');
    assert.ok(!d.applicantIdMasked.includes(ID) && d.applicantIdMasked.endsWith(ID.slice(-4)));
    assert.equal(d.applicantPhoneMasked, '138****0123');
    const row = await s.ctx.pool.query<{
      applicant_id_enc: string;
      applicant_phone_enc: string;
      registered_by: string;
    }>('SELECT applicant_id_enc, applicant_phone_enc, registered_by FROM dsc_request WHERE id = $1', [r.id]);
    assert.ok(!row.rows[0]?.applicant_id_enc.includes(ID.slice(6, 14)), 'stored encrypted');
    assert.ok(!row.rows[0]?.applicant_phone_enc.includes('13857800123'));
    assert.equal(row.rows[0]?.registered_by, s.officer.id);
    const audit = await s.ctx.pool.query<{ summary: string }>(
      `SELECT summary FROM aud_entry WHERE action = 'disclosure.request.register' AND object_id = $1`,
      [r.id],
    );
    assert.equal(audit.rowCount, 1);
    assert.ok(!audit.rows[0]?.summary.includes(ID), 'no identity number in the audit summary');
    // Same case type and process: the officer's task is there and the reply works, with its letter.
    assert.equal(
      (await act(officer, r.caseId, 'reply', { data: { outcome: 'GRANTED', content: '随文提供。' } }))
        .statusCode,
      200,
    );
    const pdf = await officer('GET', `/api/v1/disclosure/requests/${r.id}/reply-letter`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
  });

  test('an organisation at the counter today, with its credit code and category', async () => {
    const s = await disclosureSetup();
    const { officer } = await signIn(s);
    const res = await officer(
      'POST',
      '/api/v1/disclosure/requests/registered',
      paper(s, {
        channel: 'counter',
        receivedOn: '2026-11-24',
        applicantType: 'organisation',
        applicantName: '浙江丽阳律师事务所',
        idType: undefined,
        idNumber: makeCreditCode('31', '331100', '55812340'),
        applicantCategory: '法律服务机构',
        delivery: 'pickup',
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(json<Submitted>(res).dueDate, '2026-12-22');
  });

  test('hostile input: future dates, bad check digits, wrong types, other units, no permission', async () => {
    const s = await disclosureSetup();
    const { officer, qtOfficer, citizen } = await signIn(s);
    const post = (api: Api, body: Record<string, unknown>) =>
      api('POST', '/api/v1/disclosure/requests/registered', body);
    const fields = (res: Awaited<ReturnType<Api>>) =>
      json<ApiError>(res)
        .error.details.map((d) => d.field)
        .sort();

    const bad = await post(
      officer,
      paper(s, {
        receivedOn: '2026-11-25',
        idNumber: `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`,
        phone: '123',
        channel: 'pigeon',
        description: '文',
        applicantCategory: '商业企业',
      }),
    );
    assert.equal(bad.statusCode, 422, bad.body);
    assert.deepEqual(fields(bad), [
      'applicantCategory',
      'channel',
      'description',
      'idNumber',
      'phone',
      'receivedOn',
    ]);
    const old = await post(officer, paper(s, { receivedOn: '2025-10-01' }));
    assert.equal(old.statusCode, 422);
    assert.equal(json<ApiError>(old).error.details[0]?.field, 'receivedOn');
    const notDate = await post(officer, paper(s, { receivedOn: '2026-02-30' }));
    assert.equal(json<ApiError>(notDate).error.details[0]?.field, 'receivedOn');
    const badCode = await post(
      officer,
      paper(s, { applicantType: 'organisation', idNumber: '91331100MA2HK1A0X9', applicantCategory: '其他' }),
    );
    assert.equal(badCode.statusCode, 422);
    assert.equal(json<ApiError>(badCode).error.details[0]?.field, 'idNumber');
    // Wrong types and unknown fields are refused by the schema; oversized text by its limits.
    assert.equal((await post(officer, paper(s, { applicantName: 42 }))).statusCode, 400);
    assert.equal((await post(officer, paper(s, { isAdmin: true }))).statusCode, 400);
    assert.equal((await post(officer, paper(s, { description: 'x'.repeat(4001) }))).statusCode, 400);
    const long = await post(officer, paper(s, { description: '信'.repeat(2001) }));
    assert.equal(long.statusCode, 422);
    assert.equal(json<ApiError>(long).error.details[0]?.field, 'description');
    // Another county's unit, a forged id, a malformed id: not found. A citizen: forbidden.
    assert.equal((await post(qtOfficer, paper(s))).statusCode, 404);
    assert.equal(
      (await post(officer, paper(s, { orgId: '01900000-0000-7000-8000-00000000dead' }))).statusCode,
      404,
    );
    assert.equal((await post(officer, paper(s, { orgId: "x' OR 1=1 --" }))).statusCode, 404);
    assert.equal((await post(citizen, paper(s))).statusCode, 403);
    const anon = await s.app.inject({
      method: 'POST',
      url: '/api/v1/disclosure/requests/registered',
      payload: paper(s),
    });
    assert.equal(anon.statusCode, 401);
    const count = await s.ctx.pool.query('SELECT 1 FROM dsc_request');
    assert.equal(count.rowCount, 0, 'nothing was registered');
  });
});

describe('信息处理费 (国办函〔2020〕109号)', () => {
  test('the standards: 按件 per applicant per month, 按量 per request, progressive', () => {
    assert.equal(feeAmount('piece', 10, 0), 0);
    assert.equal(feeAmount('piece', 1, 10), 100);
    assert.equal(feeAmount('piece', 1, 29), 100);
    assert.equal(feeAmount('piece', 1, 30), 200, 'the 31st piece');
    assert.equal(feeAmount('piece', 1, 40), 300, 'the 41st piece');
    assert.equal(feeAmount('piece', 25, 0), 15 * 100);
    assert.equal(feeAmount('piece', 12, 30), 10 * 200 + 2 * 300);
    assert.equal(feeAmount('volume', 30), 0);
    assert.equal(feeAmount('volume', 31), 10);
    assert.equal(feeAmount('volume', 100), 700);
    assert.equal(feeAmount('volume', 101), 720);
    assert.equal(feeAmount('volume', 201), 700 + 2000 + 40);
  });

  test('the 11th request of the month is charged; the clock stops until payment; a lapse closes it', async () => {
    const s = await disclosureSetup('2026-11-02T02:00:00Z');
    let { officer, qtOfficer } = await signIn(s);
    const ids: Submitted[] = [];
    for (let i = 0; i < 11; i += 1) {
      const res = await officer(
        'POST',
        '/api/v1/disclosure/requests/registered',
        paper(s, { receivedOn: '2026-11-02', description: `2026年第${i + 1}批城中村改造项目补偿标准` }),
      );
      assert.equal(res.statusCode, 201, res.body);
      ids.push(json<Submitted>(res));
    }
    const first = ids[0] as Submitted;
    const eleventh = ids[10] as Submitted;
    // The first is within the free ten.
    const free = await act(officer, first.caseId, 'charge-fee', {
      comment: '申请数量明显超过合理范围',
      data: { method: 'piece', quantity: 1 },
    });
    assert.equal(free.statusCode, 422, free.body);
    assert.equal(json<ApiError>(free).error.code, 'FEE_NOT_DUE');
    // Hostile data.
    for (const data of [
      { method: 'both', quantity: 1 },
      { method: 'piece', quantity: -3 },
      { method: 'volume', quantity: '50' },
      {},
    ]) {
      const res = await act(officer, eleventh.caseId, 'charge-fee', { comment: '收费', data });
      assert.equal(res.statusCode, 422, JSON.stringify(data));
    }
    assert.equal(eleventh.dueDate, '2026-11-30');
    ({ officer, qtOfficer } = await signInAt(s, '2026-11-04T02:00:00Z'));
    const charged = await act(officer, eleventh.caseId, 'charge-fee', {
      comment: '同一申请人本月第 11 件申请',
      data: { method: 'piece', quantity: 1 },
    });
    assert.equal(charged.statusCode, 200, charged.body);
    const again = await taskOf(officer, eleventh.caseId);
    assert.equal(again?.step, 'await_fee');
    let d = json<{
      status: string;
      statusName: string;
      fee: { amountYuan: number; dueOn: string; monthCount: number; status: string };
    }>(await officer('GET', `/api/v1/disclosure/requests/${eleventh.id}`));
    assert.equal(d.fee.amountYuan, 100);
    assert.equal(d.fee.monthCount, 11);
    assert.equal(d.fee.dueOn, '2026-12-02', '20 working days from the day after the notice');
    assert.equal(d.statusName, '待申请人缴纳信息处理费（暂停计时）');
    const c = json<{ case: { status: string } }>(await officer('GET', `/api/v1/cases/${eleventh.caseId}`));
    assert.equal(c.case.status, 'paused');
    // Closing before the payment period ends is refused; paying resumes the clock with the days added.
    const early = await act(officer, eleventh.caseId, 'close-fee-unpaid', { comment: '未缴费' });
    assert.equal(early.statusCode, 422);
    assert.equal(json<ApiError>(early).error.code, 'FEE_NOT_EXPIRED');
    ({ officer, qtOfficer } = await signInAt(s, '2026-11-11T02:00:00Z'));
    assert.equal((await act(officer, eleventh.caseId, 'fee-paid')).statusCode, 200);
    d = json<typeof d & { dueDate: string }>(
      await officer('GET', `/api/v1/disclosure/requests/${eleventh.id}`),
    );
    assert.equal(d.fee.status, 'paid');
    assert.equal(
      (d as unknown as { dueDate: string }).dueDate,
      '2026-12-07',
      '5 working days of waiting not counted',
    );
    const twice = await act(officer, eleventh.caseId, 'charge-fee', {
      comment: '再收',
      data: { method: 'volume', quantity: 40 },
    });
    assert.equal(twice.statusCode, 409);

    // 按量 on another request; not paid within 20 working days → closed as OTHER_FEE_UNPAID.
    const tenth = ids[9] as Submitted;
    assert.equal(
      (
        await act(officer, tenth.caseId, 'charge-fee', {
          comment: '复制 40 页',
          data: { method: 'volume', quantity: 40 },
        })
      ).statusCode,
      200,
    );
    // Another unit's officer cannot touch it.
    const foreign = await qtOfficer('GET', `/api/v1/disclosure/requests/${tenth.id}`);
    assert.equal(foreign.statusCode, 404);
    ({ officer } = await signInAt(s, '2026-12-10T02:00:00Z'));
    const lapsed = await act(officer, tenth.caseId, 'close-fee-unpaid', { comment: '逾期未缴纳信息处理费' });
    assert.equal(lapsed.statusCode, 200, lapsed.body);
    const t = json<{ outcome: string; fee: { status: string; amountYuan: number } }>(
      await officer('GET', `/api/v1/disclosure/requests/${tenth.id}`),
    );
    assert.equal(t.outcome, 'OTHER_FEE_UNPAID');
    assert.equal(t.fee.status, 'lapsed');
    assert.equal(t.fee.amountYuan, 100);
    // The report: row （六）2 counts it; the fee summary counts the notices and what was paid.
    const report = json<{
      table2: { rows: { key: string; counts: number[] }[] };
      informationFees: { notices: number; paid: number; lapsed: number; amountYuan: number };
    }>(await officer('GET', `/api/v1/disclosure/annual-report?orgId=${s.office.id}&year=2026`));
    assert.deepEqual(
      report.table2.rows.find((r) => r.key === 'OTHER_FEE_UNPAID')?.counts,
      [1, 0, 0, 0, 0, 0, 1],
    );
    assert.deepEqual(report.informationFees, { notices: 2, paid: 1, waived: 0, lapsed: 1, amountYuan: 100 });
  });
});

describe('the units of a member of staff, withdrawn entries', () => {
  test("officers see their units; others 403; withdrawn entries only for the unit's officers", async () => {
    const s = await disclosureSetup();
    const { officer, qtOfficer, citizen } = await signIn(s);
    const units = json<{
      items: { orgId: string; catalogue: boolean; requests: boolean; report: boolean; hasGuide: boolean }[];
    }>(await officer('GET', '/api/v1/disclosure/staff-units'));
    assert.deepEqual(
      units.items.map((u) => [u.orgId, u.catalogue, u.requests, u.report, u.hasGuide]),
      [[s.office.id, true, true, true, true]],
    );
    assert.equal((await citizen('GET', '/api/v1/disclosure/staff-units')).statusCode, 403);
    assert.equal(
      (await s.app.inject({ method: 'GET', url: '/api/v1/disclosure/staff-units' })).statusCode,
      401,
    );
    const e = json<{ id: string }>(
      await officer('POST', '/api/v1/disclosure/catalogue', {
        orgId: s.office.id,
        title: '关于调整市区公共停车收费标准的通知',
        writtenOn: '2026-11-20',
        topic: '综合政务',
        genre: '通知',
      }),
    );
    assert.equal(
      (await officer('POST', `/api/v1/disclosure/catalogue/${e.id}/withdraw`, { reason: '内容有误' }))
        .statusCode,
      200,
    );
    const mine = json<{ items: { id: string; status: string }[] }>(
      await officer('GET', `/api/v1/disclosure/catalogue?orgId=${s.office.id}&status=withdrawn`),
    );
    assert.deepEqual(
      mine.items.map((i) => [i.id, i.status]),
      [[e.id, 'withdrawn']],
    );
    const pub = json<{ total: number }>(
      await officer('GET', `/api/v1/disclosure/catalogue?orgId=${s.office.id}`),
    );
    assert.equal(pub.total, 0);
    assert.equal(
      (await qtOfficer('GET', `/api/v1/disclosure/catalogue?orgId=${s.office.id}&status=all`)).statusCode,
      404,
    );
    assert.equal(
      (await citizen('GET', `/api/v1/disclosure/catalogue?orgId=${s.office.id}&status=all`)).statusCode,
      403,
    );
    assert.equal(
      (await officer('GET', `/api/v1/disclosure/catalogue?orgId=${s.office.id}&status=secret`)).statusCode,
      422,
    );
  });
});
