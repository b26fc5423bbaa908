import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskEmail, maskIdNumber, maskMobile, maskName } from './mask.ts';

test('maskIdNumber keeps the first 3 and last 4 characters', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '110***********002X');
  assert.equal(maskIdNumber('11010519491231002x'), '110***********002X');
  assert.equal(maskIdNumber('110105491231002'), '110********1002');
  assert.equal(maskIdNumber('110105491231002').length, 15);
  assert.equal(maskIdNumber('1234567'), '*******', 'too short to show anything');
  assert.equal(maskIdNumber(''), '');
  // The birth date must never survive masking.
  assert.ok(!maskIdNumber('33110219850315123X').includes('1985'));
});

test('maskMobile: 138****5678, with +86 dropped', () => {
  assert.equal(maskMobile('13812345678'), '138****5678');
  assert.equal(maskMobile('+86 138 1234 5678'), '138****5678');
  assert.equal(maskMobile('0578-2123456'), '********3456');
  assert.equal(maskMobile('123'), '***');
});

test('maskName keeps the surname', () => {
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('张三丰'), '张**');
  assert.equal(maskName('欧阳娜娜'), '欧阳**');
  assert.equal(maskName('欧阳娜'), '欧阳*');
  assert.equal(maskName('欧阳'), '欧*', 'a two-character name keeps one character');
  assert.equal(maskName('诸葛亮'), '诸葛*');
  assert.equal(maskName('李'), '*');
  assert.equal(maskName(''), '');
  assert.equal(maskName(' 王小明 '), '王**');
  assert.equal(maskName('买买提·艾力'), '买**·**');
  assert.equal(maskName('𠮷田'), '𠮷*', 'characters outside the BMP count as one');
  assert.equal(maskName('John Smith'), 'J*** *****');
});

test('maskEmail hides the local part and its length', () => {
  assert.equal(maskEmail('zhangsan@example.com'), 'z***@example.com');
  assert.equal(maskEmail('zs@example.com'), 'z***@example.com');
  assert.equal(maskEmail('z@example.com'), '***@example.com');
  assert.equal(maskEmail(' li.si@gov.cn '), 'l***@gov.cn');
  assert.equal(maskEmail('not-an-email'), 'n***********');
  assert.equal(maskEmail('@example.com'), '@***********');
});
