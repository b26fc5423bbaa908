import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeIdCheckDigit, makeIdNumber, validateIdNumber } from './gb11643.ts';

const TODAY = '2026-06-01';

test('GB 11643 example 11010519491231002X is valid (DOMAIN §7.1 self-test)', () => {
  assert.equal(computeIdCheckDigit('11010519491231002'), 'X');
  const r = validateIdNumber('11010519491231002X', TODAY);
  assert.deepEqual(r, {
    ok: true,
    kind: 'resident',
    normalized: '11010519491231002X',
    convertedFromLegacy: false,
    birthDate: '1949-12-31',
    sex: 'female',
    regionCode: '110105',
  });
});

test('check digit: independent recomputation with the 2^(18-i) mod 11 weights', () => {
  // Recompute the weights from their definition rather than trusting the table in the module.
  const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
  for (const first17 of [
    '33110219850315123',
    '33112119900101001',
    '44030119780620555',
    '00000000000000000',
  ]) {
    const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
    assert.equal(computeIdCheckDigit(first17), '10X98765432'[sum % 11]);
  }
  assert.throws(() => computeIdCheckDigit('1234'), RangeError);
});

test('lower-case x is accepted and normalised; spaces and full-width digits too', () => {
  const r = validateIdNumber('11010519491231002x', TODAY);
  assert.ok(r.ok);
  assert.equal(r.normalized, '11010519491231002X');
  const wide = validateIdNumber(' １１０１０５ １９４９１２３１ ００２Ｘ ', TODAY);
  assert.ok(wide.ok);
  assert.equal(wide.normalized, '11010519491231002X');
});

test('a wrong check digit is rejected', () => {
  const r = validateIdNumber('110105194912310021', TODAY);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /校验码/);
  // A single transposition in the body is caught too.
  assert.equal(validateIdNumber('11010519491321002X', TODAY).ok, false);
});

test('sex comes from the 17th digit: odd male, even female', () => {
  const male = validateIdNumber(makeIdNumber('331102', '19850315', '123'), TODAY);
  assert.ok(male.ok);
  assert.equal(male.sex, 'male');
  const female = validateIdNumber(makeIdNumber('331102', '19850315', '124'), TODAY);
  assert.ok(female.ok);
  assert.equal(female.sex, 'female');
});

test('birth date: must be a real date, not after today, not before 1900', () => {
  const feb30 = '33110219850230' + '123';
  assert.match(reason(validateIdNumber(feb30 + computeIdCheckDigit(feb30), TODAY)), /不是有效日期/);
  const leap = makeIdNumber('331102', '20000229', '001');
  assert.equal(validateIdNumber(leap, TODAY).ok, true);
  const nonLeap = '33110219000229' + '001';
  assert.match(reason(validateIdNumber(nonLeap + computeIdCheckDigit(nonLeap), TODAY)), /不是有效日期/);

  const born = makeIdNumber('331102', '20260601', '002');
  assert.equal(validateIdNumber(born, '2026-06-01').ok, true, 'born today is fine');
  assert.match(reason(validateIdNumber(born, '2026-05-31')), /晚于今天/);

  const old = makeIdNumber('331102', '18991231', '001');
  assert.match(reason(validateIdNumber(old, TODAY)), /早于1900年/);
  assert.equal(validateIdNumber(makeIdNumber('331102', '19000101', '001'), TODAY).ok, true);
});

test('today defaults to the current Shanghai date', () => {
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  assert.match(reason(validateIdNumber(makeIdNumber('331102', tomorrow, '001'))), /晚于今天/);
  assert.equal(validateIdNumber(makeIdNumber('331102', '19900101', '001')).ok, true);
});

test('address code: first two digits must be a province-level code', () => {
  for (const prefix of [
    '11',
    '15',
    '21',
    '23',
    '31',
    '37',
    '41',
    '46',
    '50',
    '54',
    '61',
    '65',
    '71',
    '81',
    '82',
  ]) {
    const id = makeIdNumber(`${prefix}0101`, '19900101', '001');
    assert.equal(validateIdNumber(id, TODAY).ok, true, prefix);
  }
  for (const prefix of [
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '84',
  ]) {
    const id = makeIdNumber(`${prefix}0101`, '19900101', '001');
    assert.match(reason(validateIdNumber(id, TODAY)), /地址码无效/, prefix);
  }
});

test('Taiwan residence permit (830000) is accepted', () => {
  const r = validateIdNumber(makeIdNumber('830000', '19900101', '001'), TODAY);
  assert.ok(r.ok);
  assert.equal(r.regionCode, '830000');
});

test('legacy 15-digit numbers are converted to 18 digits', () => {
  // 110105491231002 is the 1989 form of the GB 11643 example.
  const r = validateIdNumber('110105491231002', TODAY);
  assert.ok(r.ok);
  assert.equal(r.normalized, '11010519491231002X');
  assert.equal(r.convertedFromLegacy, true);
  assert.equal(r.birthDate, '1949-12-31');
  assert.equal(r.sex, 'female');
  assert.match(reason(validateIdNumber('110105490231002', TODAY)), /不是有效日期/);
  assert.match(reason(validateIdNumber('11010549123100X', TODAY)), /全部为数字/);
});

test('foreign permanent resident ID (2023, first digit 9) is its own kind', () => {
  // 9 + 33 (Zhejiang) + 840 (nationality) + 19800515 + 001, check computed.
  const first17 = '93384019800515001';
  const id = first17 + computeIdCheckDigit(first17);
  const r = validateIdNumber(id, TODAY);
  assert.ok(r.ok, reason(r));
  assert.equal(r.kind, 'foreign-permanent-resident');
  assert.equal(r.regionCode, '330000');
  assert.equal(r.nationalityCode, '840');
  assert.equal(r.birthDate, '1980-05-15');
  assert.equal(r.sex, 'male');
  // Same MOD 11-2 check applies.
  const wrong = first17 + (computeIdCheckDigit(first17) === '0' ? '1' : '0');
  assert.match(reason(validateIdNumber(wrong, TODAY)), /校验码/);
  // Issuing province must exist.
  const badProvince = '99984019800515001';
  assert.match(reason(validateIdNumber(badProvince + computeIdCheckDigit(badProvince), TODAY)), /受理地/);
});

test('wrong length and characters are rejected with Chinese reasons', () => {
  assert.match(reason(validateIdNumber('', TODAY)), /请填写/);
  assert.match(reason(validateIdNumber('1101051949123100', TODAY)), /应为18位.*16位/);
  assert.match(reason(validateIdNumber('1101051949123100A2', TODAY)), /格式不正确/);
  assert.match(reason(validateIdNumber('X10105194912310021', TODAY)), /格式不正确/);
});

test('makeIdNumber builds valid numbers and refuses bad parts', () => {
  const id = makeIdNumber('331121', '19850315', 7);
  assert.equal(id.slice(0, 17), '33112119850315007');
  assert.equal(validateIdNumber(id, TODAY).ok, true);
  assert.throws(() => makeIdNumber('33112', '19850315', '001'), RangeError);
  assert.throws(() => makeIdNumber('331121', '19850230', '001'), RangeError);
  assert.throws(() => makeIdNumber('331121', '19850315', '1000'), RangeError);
});

function reason(r: ReturnType<typeof validateIdNumber>): string {
  return r.ok ? '' : r.reason;
}
