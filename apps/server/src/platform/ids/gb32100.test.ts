import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeCreditCode, validateCreditCode } from './gb32100.ts';

test('DOMAIN §7.2 self-test codes pass', () => {
  for (const code of [
    '91350200776049653A',
    '91440101MA5CJQ4N59',
    '913502000728319549',
    '123502001549897397',
  ]) {
    const r = validateCreditCode(code);
    assert.ok(r.ok, `${code}: ${r.ok ? '' : r.reason}`);
    assert.equal(r.normalized, code);
  }
});

test('parts are decoded', () => {
  const r = validateCreditCode('91440101MA5CJQ4N59');
  assert.ok(r.ok);
  assert.deepEqual(r.registrationDept, { code: '9', name: '工商' });
  assert.deepEqual(r.category, { code: '1', name: '企业' });
  assert.equal(r.regionCode, '440101');
  assert.equal(r.orgCode, 'MA5CJQ4N5');
  const unit = validateCreditCode('123502001549897397');
  assert.ok(unit.ok);
  assert.deepEqual(unit.registrationDept, { code: '1', name: '机构编制' });
  assert.deepEqual(unit.category, { code: '2', name: '事业单位' });
});

test('Fujian pilot codes fail only on the final check character', () => {
  for (const code of ['91350100M0001TGQXM', '91350203M0001QAY9B']) {
    const r = validateCreditCode(code);
    assert.equal(r.ok, false, code);
    assert.ok(!r.ok);
    assert.equal(r.checkDigitOnly, true, code);
    assert.match(r.reason, /校验码/);
    assert.equal(r.normalized, code);
    assert.equal(r.parts?.regionCode, code.slice(2, 8));
  }
});

test('final check character: independent recomputation from 3^(i-1) mod 31', () => {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
  const code = makeCreditCode('91', '331102', 'MA2A0B1C');
  const sum = [...code.slice(0, 17)].reduce((acc, ch, i) => acc + charset.indexOf(ch) * weights[i]!, 0);
  assert.equal(code[17], charset[(31 - (sum % 31)) % 31]);
  // Every other final character is rejected, and only as a check-digit failure.
  for (const ch of charset) {
    if (ch === code[17]) continue;
    const r = validateCreditCode(code.slice(0, 17) + ch);
    assert.ok(!r.ok && r.checkDigitOnly, ch);
  }
});

test('a broken embedded 组织机构代码 is a structural failure, not checkDigitOnly', () => {
  // Change the org-code check char (position 17) and recompute nothing: both checks now fail.
  const r = validateCreditCode('91350200776049654A');
  assert.ok(!r.ok);
  assert.equal(r.checkDigitOnly, false);
  assert.match(r.reason, /组织机构代码/);
});

test('forbidden characters I, O, S, V, Z are rejected', () => {
  for (const ch of ['I', 'O', 'S', 'V', 'Z']) {
    const r = validateCreditCode(`91350200776049653${ch}`);
    assert.ok(!r.ok);
    assert.equal(r.checkDigitOnly, false);
    assert.match(r.reason, /不允许的字符/);
  }
});

test('structure: department, category, region and length', () => {
  const bad = (code: string, pattern: RegExp): void => {
    const r = validateCreditCode(code);
    assert.ok(!r.ok, code);
    assert.equal(r.checkDigitOnly, false);
    assert.match(r.reason, pattern);
  };
  bad('', /请填写/);
  bad('91350200776049653', /应为18位/);
  bad('B1350200776049653A', /登记管理部门/);
  bad('90350200776049653A', /机构类别/);
  bad('91990200776049653A', /行政区划码/);
  bad('9135020A776049653A', /行政区划码/);
});

test('lower case, spaces and full-width input are normalised', () => {
  const r = validateCreditCode(' 91440101ma5cjq4n59 ');
  assert.ok(r.ok);
  assert.equal(r.normalized, '91440101MA5CJQ4N59');
  const wide = validateCreditCode('９１４４０１０１ＭＡ５ＣＪＱ４Ｎ５９');
  assert.ok(wide.ok);
});

test('national registrations (100000) and categories outside the 2015 table', () => {
  const national = validateCreditCode(makeCreditCode('51', '100000', '50000012'));
  assert.ok(national.ok);
  assert.equal(national.regionCode, '100000');
  assert.deepEqual(national.category, { code: '1', name: '社会团体' });
  const newer = validateCreditCode(makeCreditCode('54', '331102', '12345678'));
  assert.ok(newer.ok);
  assert.deepEqual(newer.category, { code: '4', name: null });
});

test('makeCreditCode reproduces real codes from their parts', () => {
  assert.equal(makeCreditCode('91', '350200', '77604965'), '91350200776049653A');
  assert.equal(makeCreditCode('91', '440101', 'MA5CJQ4N'), '91440101MA5CJQ4N59');
  assert.equal(makeCreditCode('12', '350200', '15498973'), '123502001549897397');
  // The org-code check char is 'X' for value 10, '0' for value 11.
  assert.equal(makeCreditCode('91', '350100', 'M0001TGQ').slice(8, 17), 'M0001TGQX');
  assert.throws(() => makeCreditCode('B1', '331102', '12345678'), RangeError);
  assert.throws(() => makeCreditCode('91', '991102', '12345678'), RangeError);
  assert.throws(() => makeCreditCode('91', '331102', '1234567O'), RangeError);
});

test('demo codes for the Lishui region validate', () => {
  for (const [prefix, body] of [
    ['11', '00252813'],
    ['12', '47098736'],
    ['91', 'MA2HX0Q1'],
    ['92', 'MA2HY1R2'],
    ['93', 'MA2HW2T3'],
    ['51', 'MJ9A1B2C'],
  ] as const) {
    const code = makeCreditCode(prefix, '331100', body);
    const r = validateCreditCode(code);
    assert.ok(r.ok, `${code}: ${r.ok ? '' : r.reason}`);
  }
});
