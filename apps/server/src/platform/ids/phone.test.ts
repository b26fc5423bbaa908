import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateMobile, validatePhone } from './phone.ts';

test('validateMobile accepts 1[3-9] numbers and strips +86 / 86 / 0086', () => {
  for (const input of [
    '13812345678',
    '+8613812345678',
    '+86 138 1234 5678',
    '8613812345678',
    '008613812345678',
    '138-1234-5678',
    '(+86) 138 1234 5678',
    '１３８１２３４５６７８',
  ]) {
    assert.deepEqual(validateMobile(input), { ok: true, normalized: '13812345678' }, input);
  }
  assert.deepEqual(validateMobile('19912345678'), { ok: true, normalized: '19912345678' });
});

test('validateMobile rejects other numbers with Chinese reasons', () => {
  const reason = (s: string): string => {
    const r = validateMobile(s);
    assert.equal(r.ok, false, s);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason(''), /请填写/);
  assert.match(reason('12812345678'), /13-19开头的11位/);
  assert.match(reason('1381234567'), /11位/);
  assert.match(reason('138123456789'), /11位/);
  assert.match(reason('1381234567a'), /只能包含数字/);
  assert.match(reason('+85261234567'), /中国大陆/);
  assert.match(reason('05782123456'), /11位/);
});

test('validatePhone: landlines with area codes', () => {
  const cases: [string, string][] = [
    ['0578-2123456', '0578-2123456'],
    ['05782123456', '0578-2123456'],
    ['0578 2123456', '0578-2123456'],
    ['(0578)2123456', '0578-2123456'],
    ['（0578）2123456', '0578-2123456'],
    ['0571-87654321', '0571-87654321'],
    ['010-65123456', '010-65123456'],
    ['01065123456', '010-65123456'],
    ['021-62345678', '021-62345678'],
    ['+86 578 2123456', '0578-2123456'],
    ['0578-2123456-801', '0578-2123456-801'],
    ['0578-2123456转801', '0578-2123456-801'],
    ['0578-2123456-8', '0578-2123456-8'],
    ['0578-212-3456', '0578-2123456'],
    ['0578-2123456 ext 801', '0578-2123456-801'],
  ];
  for (const [input, normalized] of cases) {
    assert.deepEqual(validatePhone(input), { ok: true, kind: 'landline', normalized }, input);
  }
});

test('validatePhone: mobiles and service numbers', () => {
  assert.deepEqual(validatePhone('+86 138 1234 5678'), {
    ok: true,
    kind: 'mobile',
    normalized: '13812345678',
  });
  assert.deepEqual(validatePhone('12345'), { ok: true, kind: 'service', normalized: '12345' });
  assert.deepEqual(validatePhone('400-123-4567'), { ok: true, kind: 'service', normalized: '4001234567' });
  assert.deepEqual(validatePhone('800 123 4567'), { ok: true, kind: 'service', normalized: '8001234567' });
  assert.deepEqual(validatePhone('400-123-4567转2'), {
    ok: true,
    kind: 'service',
    normalized: '4001234567-2',
  });
});

test('validatePhone rejects numbers without area code or with impossible parts', () => {
  const reason = (s: string): string => {
    const r = validatePhone(s);
    assert.equal(r.ok, false, s);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason(''), /请填写/);
  assert.match(reason('2123456'), /请加区号/);
  assert.match(reason('87654321'), /请加区号/);
  assert.match(reason('010-6512345'), /0578-2123456/, 'Beijing local numbers have 8 digits');
  assert.match(reason('0578-0123456'), /0578-2123456/, 'local numbers do not start with 0');
  assert.match(reason('0578-212345'), /0578-2123456/);
  assert.match(reason('0578-212345678'), /0578-2123456/);
  assert.match(reason('0178-2123456'), /0578-2123456/);
  assert.match(reason('call me'), /格式不正确/);
  assert.match(reason('12245'), /0578-2123456/, 'only 123xx hotlines have 5 digits');
  assert.match(reason('12345'.repeat(2)), /0578-2123456/);
});
