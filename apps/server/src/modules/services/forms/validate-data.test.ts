// Server-side validation of submitted values: strict types, required and conditional fields, group
// limits, identifier checks, Chinese messages naming the label, and hostile input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeIdNumber } from '../../../platform/ids/gb11643.ts';
import { makeCreditCode } from '../../../platform/ids/gb32100.ts';
import { sampleForm } from '../testing.ts';
import type { FormDefinition } from './form-types.ts';
import { validateFormData } from './validate-data.ts';

const ID = makeIdNumber('331102', '19850312', '123');
const ID2 = makeIdNumber('331121', '19900708', '246');
const CREDIT = makeCreditCode('91', '331102', 'MA2HK1A0');
const TODAY = '2026-03-02';

function good(): Record<string, unknown> {
  return {
    applicantType: 'person',
    name: '张三',
    idNumber: ID,
    phone: '138 5781 0001',
    category: 'catering',
    scope: ['cold', 'hot'],
    area: 45.5,
    openDate: '2026-04-01',
    region: '331102001',
    address: { region: '331102', detail: '紫金路 8 号' },
    employees: [
      { name: '李四', idNumber: ID2, healthCert: 'yes', certNo: 'JK-2026-001' },
      { name: '王五', idNumber: ID2.toLowerCase(), healthCert: 'no' },
    ],
  };
}

function problems(data: unknown, def: FormDefinition = sampleForm()) {
  const r = validateFormData(def, data, { today: TODAY });
  assert.equal(r.ok, false, 'expected problems');
  return r.ok ? [] : r.problems;
}

test('valid values come back cleaned: trimmed, normalised, in definition order', () => {
  const r = validateFormData(sampleForm(), { ...good(), name: '  张三 ' }, { today: TODAY });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.equal(r.values.name, '张三');
  assert.equal(r.values.phone, '13857810001');
  assert.deepEqual(r.values.scope, ['hot', 'cold'], 'checkbox values follow the option order');
  assert.equal(r.values.area, 45.5);
  assert.deepEqual(r.values.address, { region: '331102', detail: '紫金路 8 号' });
  const employees = r.values.employees as Record<string, unknown>[];
  assert.equal(employees.length, 2);
  assert.equal(employees[1]!.idNumber, ID2, 'ID numbers are upper-cased');
  assert.ok(!('certNo' in employees[1]!));
  assert.deepEqual(Object.keys(r.values).slice(0, 3), ['applicantType', 'name', 'idNumber']);
});

test('required fields are named by label and path', () => {
  const p = problems({});
  const byField = new Map(p.map((x) => [x.field, x.message]));
  assert.equal(byField.get('form.name'), '请填写“申请人姓名”');
  assert.equal(byField.get('form.applicantType'), '请选择“申请人类型”');
  assert.equal(byField.get('form.region'), '请选择“所在区县”');
  assert.equal(byField.get('form.employees'), '“从业人员”至少需要填写 1 条');
  assert.ok(!byField.has('form.companyName'), 'hidden fields are not required');
  assert.ok(!byField.has('form.openDate'), 'optional fields may be left out');
  // Blank strings and empty lists count as missing.
  const blank = problems({ ...good(), name: '   ', scope: [] });
  assert.deepEqual(blank.map((x) => x.field).sort(), ['form.name', 'form.scope']);
});

test('conditional fields: required when shown, dropped when hidden', () => {
  const asEnterprise = problems({ ...good(), applicantType: 'enterprise' });
  assert.deepEqual(asEnterprise.map((x) => x.field).sort(), ['form.companyName', 'form.creditCode']);

  const ok = validateFormData(
    sampleForm(),
    {
      ...good(),
      applicantType: 'enterprise',
      companyName: '丽水市瓯江生态农业有限公司',
      creditCode: CREDIT.toLowerCase(),
    },
    { today: TODAY },
  );
  assert.ok(ok.ok);
  assert.equal(ok.values.creditCode, CREDIT);

  const hidden = validateFormData(
    sampleForm(),
    { ...good(), companyName: '不该保存', creditCode: 'garbage' },
    { today: TODAY },
  );
  assert.ok(hidden.ok, 'values of hidden fields are not validated');
  assert.ok(!('companyName' in hidden.values) && !('creditCode' in hidden.values), 'and are dropped');

  // Inside a group row the condition looks at the row.
  const rowProblems = problems({
    ...good(),
    employees: [{ name: '李四', idNumber: ID2, healthCert: 'yes' }],
  });
  assert.deepEqual(rowProblems, [
    { field: 'form.employees[0].certNo', message: '请填写“从业人员”第 1 条的“健康证明编号”' },
  ]);
});

test('wrong types are refused, never coerced', () => {
  const p = problems({
    ...good(),
    area: '45',
    scope: 'hot',
    applicantType: ['person'],
    name: 123,
    openDate: '2026-02-30',
    address: '紫金路',
  });
  const byField = new Map(p.map((x) => [x.field, x.message]));
  assert.equal(byField.get('form.area'), '“经营场所面积”应为数字');
  assert.equal(byField.get('form.scope'), '“经营项目”应为选项列表');
  assert.match(byField.get('form.applicantType')!, /选项无效/);
  assert.equal(byField.get('form.name'), '“申请人姓名”应为文本');
  assert.match(byField.get('form.openDate')!, /有效日期/);
  assert.match(byField.get('form.address')!, /所在地区和详细地址/);

  const numbers = problems({ ...good(), area: 0, copies: 1.5 });
  const nb = new Map(numbers.map((x) => [x.field, x.message]));
  assert.equal(nb.get('form.area'), '“经营场所面积”不能小于 1平方米');
  assert.equal(nb.get('form.copies'), '“加发证书份数”应为整数');
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, null, true, {}]) {
    const r = validateFormData(sampleForm(), { ...good(), area: bad }, { today: TODAY });
    assert.equal(r.ok, false, `area ${String(bad)}`);
  }
});

test('identifiers, phones, regions and addresses use the platform checks', () => {
  const badId = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
  const p = problems({
    ...good(),
    idNumber: badId,
    phone: '12345678',
    region: '110101',
    address: { region: '331199', detail: '' },
    email: 'not-an-email',
  });
  const byField = new Map(p.map((x) => [x.field, x.message]));
  assert.match(byField.get('form.idNumber')!, /^“公民身份号码”：身份证号码校验码不正确/);
  assert.match(byField.get('form.phone')!, /^“联系电话”：/);
  assert.match(byField.get('form.region')!, /不在本平台的行政区划列表中/);
  assert.match(byField.get('form.address.region')!, /“经营场所”的所在地区/);
  assert.equal(byField.get('form.address.detail'), '请填写“经营场所”的详细地址');
  assert.equal(byField.get('form.email'), '“电子邮箱”不是有效的电子邮箱地址');

  const future = makeIdNumber('331102', '20260310', '123');
  const inFuture = problems({ ...good(), idNumber: future });
  assert.match(inFuture[0]!.message, /晚于今天/);
});

test('repeating groups: row limits, row shape, paths with indexes', () => {
  const row = { name: '李四', idNumber: ID2, healthCert: 'no' };
  const tooMany = problems({ ...good(), employees: Array.from({ length: 6 }, () => row) });
  assert.deepEqual(tooMany, [{ field: 'form.employees', message: '“从业人员”最多填写 5 条' }]);
  const notList = problems({ ...good(), employees: { 0: row } });
  assert.equal(notList[0]!.message, '“从业人员”应为列表');
  const badRows = problems({ ...good(), employees: [row, 'x', { ...row, name: ['李四'], extra: 1 }] });
  assert.deepEqual(badRows.map((x) => x.field).sort(), [
    'form.employees[1]',
    'form.employees[2].extra',
    'form.employees[2].name',
  ]);
  assert.equal(
    badRows.find((x) => x.field === 'form.employees[2].name')!.message,
    '“从业人员”第 3 条的“姓名”应为文本',
  );
});

test('hostile input: unknown and prototype keys, huge arrays, script text, control characters', () => {
  const polluted = JSON.parse(
    '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"name":"张三"}',
  ) as Record<string, unknown>;
  const p = problems({ ...good(), ...polluted, toString: 'x' });
  const fields = p.map((x) => x.field);
  assert.ok(fields.includes('form.__proto__'), fields.join(','));
  assert.ok(fields.includes('form.constructor'));
  assert.ok(fields.includes('form.toString'));
  assert.match(p.find((x) => x.field === 'form.__proto__')!.message, /表单中没有“__proto__”这一项/);
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype untouched');

  // A field whose key is an Object.prototype member is read from the data only.
  const def: FormDefinition = {
    sections: [
      { key: 's', title: 'S', fields: [{ key: 'constructor', label: '构造', type: 'text', required: true }] },
    ],
  };
  assert.deepEqual(problems({}, def), [{ field: 'form.constructor', message: '请填写“构造”' }]);

  const huge = new Array(1_000_000).fill('hot');
  assert.match(problems({ ...good(), scope: huge })[0]!.message, /选项无效/);
  const hugeGroup = new Array(1_000_000).fill({});
  assert.deepEqual(problems({ ...good(), employees: hugeGroup }), [
    { field: 'form.employees', message: '“从业人员”最多填写 5 条' },
  ]);

  const script = '<script>alert("x")</script>';
  const r = validateFormData(
    sampleForm(),
    { ...good(), name: script, remark: `${script}\n第二行` },
    { today: TODAY },
  );
  assert.ok(r.ok, 'markup is plain text to the validator');
  assert.equal(r.values.name, script, 'kept exactly as typed; escaping is the renderer’s job');

  const ctl = problems({ ...good(), name: 'a\u0000b', remark: 'ok\u0007' });
  assert.deepEqual(ctl.map((x) => x.field).sort(), ['form.name', 'form.remark']);
  assert.match(problems({ ...good(), name: '张\n三' })[0]!.message, /不能包含换行/);
  assert.match(problems({ ...good(), name: '\ud800' })[0]!.message, /控制字符/);
  assert.match(problems({ ...good(), name: '长'.repeat(201) })[0]!.message, /不能超过 200 个字符/);

  for (const notObject of [null, [], 'x', 1, true]) {
    const r2 = validateFormData(sampleForm(), notObject, { today: TODAY });
    assert.deepEqual(r2, {
      ok: false,
      problems: [{ field: 'form', message: '表单内容应为对象（键为字段标识）' }],
    });
  }

  // Problems stop at 100 however much is wrong.
  const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
  assert.equal(problems(flood).length, 100);
});

test('problem paths can use another root', () => {
  const r = validateFormData(sampleForm(), {}, { today: TODAY, root: '' });
  assert.ok(!r.ok && r.problems.some((x) => x.field === 'name'));
});
