import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDocNumber } from './doc-number.ts';

test('valid 文号 are accepted and parsed', () => {
  for (const [s, agency, year, seq] of [
    ['浙政发〔2024〕12号', '浙政发', 2024, 12],
    ['国办公开办函〔2021〕30号', '国办公开办函', 2021, 30],
    ['丽政办发〔2026〕1号', '丽政办发', 2026, 1],
    [' 国办发〔2017〕47号 ', '国办发', 2017, 47],
  ] as const) {
    const r = validateDocNumber(s);
    assert.ok(r.ok, s);
    assert.equal(r.agency, agency);
    assert.equal(r.year, year);
    assert.equal(r.seq, seq);
    assert.equal(r.value, s.trim());
  }
});

test('wrong brackets, 第, leading zeros, short years and junk are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['浙政发[2024]12号', /六角括号/],
    ['浙政发（2024）12号', /六角括号/],
    ['浙政发〔2024〕第12号', /第/],
    ['浙政发〔2024〕012号', /虚位/],
    ['浙政发〔24〕12号', /全称/],
    ['浙政发〔2024〕12', /机关代字/],
    ['〔2024〕12号', /机关代字/],
    ['<script>〔2024〕1号', /机关代字/],
    ["浙政发〔2024〕1号' OR 1=1", /机关代字/],
    ['', /不能为空/],
    ['浙'.repeat(60), /过长/],
  ];
  for (const [s, reason] of cases) {
    const r = validateDocNumber(s);
    assert.equal(r.ok, false, s);
    if (!r.ok) assert.match(r.reason, reason, s);
  }
  const future = validateDocNumber('丽政发〔2099〕1号', { maxYear: 2026 });
  assert.equal(future.ok, false);
});
