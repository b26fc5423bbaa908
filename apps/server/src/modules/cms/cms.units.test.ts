// The sanitiser and the diff on their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffText } from './cms.diff.ts';
import { fileIdsInBody, sanitizeArticleHtml } from './cms.sanitize.ts';
import { siteCodeProblem } from './use-cases/manage-sites.ts';

test('sanitiser removes script, handlers, javascript: links, foreign iframes, and keeps allowed markup', () => {
  const out = sanitizeArticleHtml(
    '<h2>标题</h2><p style="text-align:center;color:red">居中</p><script>x()</script><style>p{}</style>' +
      '<img src="/api/v1/cms/files/01900000-0000-7000-8000-000000000001" alt="图" onload="x()">' +
      '<a href="JaVaScRiPt:alert(1)">a</a><a href="//evil.example/">b</a><iframe src="https://www.youtube.com/embed/x"></iframe>' +
      '<svg><script>alert(1)</script></svg><object data="x.swf"></object><form action="/x"><input name="p"></form>',
  );
  assert.match(out, /<h2>标题<\/h2>/);
  assert.match(out, /<p style="text-align:center">居中<\/p>/);
  assert.match(out, /<img src="\/api\/v1\/cms\/files\/01900000-0000-7000-8000-000000000001" alt="图" \/>/);
  assert.doesNotMatch(out, /script|onload|javascript|evil|youtube|iframe|svg|object|form|input|color/i);
  assert.deepEqual(fileIdsInBody(out), ['01900000-0000-7000-8000-000000000001']);
});

test('diff by words for Chinese text, with prefix and suffix kept, and a bounded fallback for huge texts', () => {
  assert.deepEqual(diffText('青田县召开会议', '青田县隆重召开会议'), [
    { op: 'equal', text: '青田县' },
    { op: 'insert', text: '隆重' },
    { op: 'equal', text: '召开会议' },
  ]);
  assert.deepEqual(diffText('the quick fox', 'the slow fox'), [
    { op: 'equal', text: 'the ' },
    { op: 'delete', text: 'quick' },
    { op: 'insert', text: 'slow' },
    { op: 'equal', text: ' fox' },
  ]);
  const big = '政'.repeat(5000);
  const parts = diffText(`${big}\n甲`, `乙\n${big}\n`);
  assert.equal(
    parts
      .filter((p) => p.op === 'equal')
      .map((p) => p.text)
      .join('').length >= 5000,
    true,
  );
});

test('网站标识码: region code + sequence, or bm + 8 digits', () => {
  assert.equal(siteCodeProblem('3311000001'), null);
  assert.equal(siteCodeProblem('bm12000001'), null);
  assert.match(siteCodeProblem('9911000001') ?? '', /行政区划/);
  assert.match(siteCodeProblem('3311000000') ?? '', /0000/);
  assert.match(siteCodeProblem('33110000') ?? '', /10 位/);
});
