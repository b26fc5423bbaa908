// The shared vocabulary stays importable by both sides (pure, erasable TypeScript with no imports
// beyond this folder), and its helpers behave as the server's validation and the console's designer
// and form preview rely on.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { type FormField, fieldVisible } from './forms.ts';
import {
  analyseForks,
  isEffect,
  PAUSE_KIND_CODES,
  PAUSE_KIND_NAMES,
  type ProcessDefinition,
} from './process.ts';

const dir = import.meta.dirname;
const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('apps/shared', () => {
  test('every module imports only files of this folder and loads as plain (erasable) TypeScript', async () => {
    assert.ok(modules.length >= 8, `modules found: ${modules.join(', ')}`);
    for (const file of modules) {
      // Comments apart: they may well say "process." or "window".
      const text = readFileSync(path.join(dir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'([^']+)'/gm)].map(
        (m) => m[1],
      );
      for (const s of specifiers)
        assert.match(s ?? '', /^\.\/[a-z-]+\.ts$/, `${file} imports ${s}: only ./<file>.ts of apps/shared`);
      assert.doesNotMatch(
        text,
        /\b(process|window|document|globalThis|require)\s*[.(]/,
        `${file} uses a runtime API`,
      );
      // Node refuses enums, namespaces and parameter properties when it strips types.
      await import(path.join(dir, file));
    }
  });

  test('pause kinds are offered in one order, each with its name, and only they make clock effects', () => {
    assert.deepEqual(PAUSE_KIND_CODES, [
      'correction',
      'hearing',
      'expert_review',
      'inspection',
      'third_party',
      'consultation',
      'fee',
      'other',
    ]);
    assert.equal(PAUSE_KIND_NAMES.correction, '补正');
    assert.equal(isEffect('clock.pause:hearing'), true);
    assert.equal(isEffect('clock.pause:toString'), false);
    assert.equal(isEffect('clock.pause:'), false);
  });

  test('a conditional field looks at its own row first, then at the top level', () => {
    const kind: FormField = { key: 'kind', label: '类型', type: 'radio' };
    const seats: FormField = {
      key: 'seats',
      label: '座位数',
      type: 'number',
      visibleWhen: { field: 'kind', equals: ['堂食', '外卖'] },
    };
    assert.equal(fieldVisible(seats, [kind, seats], { kind: '堂食' }, { kind: '外卖' }), true);
    assert.equal(fieldVisible(seats, [kind, seats], { kind: '其他' }, { kind: '堂食' }), false);
    // Not a sibling: the top-level value decides.
    assert.equal(fieldVisible(seats, [seats], { kind: '其他' }, { kind: '堂食' }), true);
    // A checkbox shows it when any chosen value matches; numbers compare as text.
    assert.equal(fieldVisible(seats, [kind, seats], { kind: ['其他', '外卖'] }, {}), true);
    const big: FormField = { key: 'b', label: 'b', type: 'text', visibleWhen: { field: 'n', equals: '3' } };
    assert.equal(fieldVisible(big, [], {}, { n: 3 }), true);
    // A missing value compares as empty text.
    const empty: FormField = {
      key: 'e',
      label: 'e',
      type: 'text',
      visibleWhen: { field: 'note', equals: '' },
    };
    assert.equal(fieldVisible(empty, [], {}, {}), true);
    assert.equal(fieldVisible(empty, [], {}, { note: '有' }), false);
    assert.equal(fieldVisible(kind, [kind], {}, {}), true, 'an unconditional field always shows');
  });

  test('forks: each branch’s steps up to the join, which is recorded for the fork', () => {
    const def: ProcessDefinition = {
      start: 'accept',
      steps: [
        { key: 'accept', name: '受理', type: 'task', actions: [{ key: 'go', label: '提交', to: 'fork' }] },
        { key: 'fork', name: '并行审查', type: 'fork', next: ['a', 'b'] },
        { key: 'a', name: '甲审查', type: 'task', actions: [{ key: 'ok', label: '同意', to: 'a2' }] },
        { key: 'a2', name: '甲复核', type: 'task', actions: [{ key: 'ok', label: '同意', to: 'join' }] },
        { key: 'b', name: '乙审查', type: 'task', actions: [{ key: 'ok', label: '同意', to: 'join' }] },
        { key: 'join', name: '汇合', type: 'join', next: ['done'], rejectTo: 'accept' },
        { key: 'done', name: '办结', type: 'end', outcome: 'approved' },
      ],
    };
    const forks = analyseForks(def);
    assert.deepEqual([...forks.keys()], ['fork']);
    const info = forks.get('fork');
    assert.equal(info?.join, 'join');
    assert.deepEqual(
      info?.branches.map((b) => [...b].sort()),
      [['a', 'a2'], ['b']],
    );
  });
});
