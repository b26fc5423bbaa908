// Definition validation: what the designer may publish, and the Chinese problems it shows otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parallelLicenceDefinition, standardLicenceDefinition } from './testing.ts';
import { type ProcessDefinition, type StepDef, validateDefinition } from './workflow.definition.ts';

const A = '01900000-0000-7000-8000-0000000000a1';
const B = '01900000-0000-7000-8000-0000000000b2';

function problems(def: unknown): { path: string; message: string }[] {
  const r = validateDefinition(def);
  return r.ok ? [] : r.problems;
}
function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
function step(def: ProcessDefinition, key: string): StepDef {
  return def.steps.find((s) => s.key === key) as StepDef;
}

test('the sample licence definitions are valid', () => {
  assert.deepEqual(problems(standardLicenceDefinition()), []);
  assert.deepEqual(problems(parallelLicenceDefinition(A, B)), []);
  assert.deepEqual(problems(parallelLicenceDefinition(A, B, 'any')), []);
  const r = validateDefinition(standardLicenceDefinition());
  assert.ok(r.ok && r.definition.steps.length === 7);
});

test('shape problems name the field in Chinese', () => {
  assert.match(problems(null)[0]!.message, /流程定义应为对象/);
  assert.match(problems({ start: 'a', steps: [] })[0]!.message, /至少需要一个步骤/);
  const p = problems({ start: 'a', steps: [{ key: '1x', name: '', type: 'task' }], extra: 1 });
  assert.ok(p.some((x) => x.path === 'extra' && /不支持字段/.test(x.message)));
  assert.ok(p.some((x) => x.path === 'steps[0].key'));
  const badType = problems({ start: 'a', steps: [{ key: 'a', name: '甲', type: 'loop' }] });
  assert.equal(badType[0]?.path, 'steps[0].type');
});

test('duplicate and unknown step keys, missing start', () => {
  const dup = standardLicenceDefinition();
  dup.steps.push({ ...step(dup, 'review') });
  assert.ok(problems(dup).some((p) => p.path === 'steps[7].key' && /重复/.test(p.message)));

  const unknown = standardLicenceDefinition();
  step(unknown, 'review').actions![0]!.to = 'nowhere';
  const up = problems(unknown);
  assert.ok(
    up.some((p) => p.path === 'steps[2].actions[0].to' && /“nowhere”不存在/.test(p.message)),
    JSON.stringify(up),
  );

  const noStart = standardLicenceDefinition();
  noStart.start = 'missing';
  assert.ok(problems(noStart).some((p) => p.path === 'start' && /不存在/.test(p.message)));
  const endStart = standardLicenceDefinition();
  endStart.start = 'approved';
  assert.ok(problems(endStart).some((p) => p.path === 'start'));
});

test('tasks need an assignee and at least one action; actions need a target; limits and effects are checked', () => {
  const d = clone(standardLicenceDefinition());
  delete step(d, 'review').assignee;
  assert.ok(problems(d).some((p) => p.path === 'steps[2].assignee' && /办理人/.test(p.message)));

  const d2 = clone(standardLicenceDefinition());
  step(d2, 'decide').actions = [];
  assert.ok(problems(d2).some((p) => p.path === 'steps[3].actions' && /至少需要一个操作/.test(p.message)));

  const d3 = clone(standardLicenceDefinition());
  delete step(d3, 'review').actions![0]!.to;
  assert.ok(problems(d3).some((p) => p.path === 'steps[2].actions[0].to'));

  const d4 = clone(standardLicenceDefinition()) as unknown as { steps: Record<string, unknown>[] };
  (d4.steps[0] as { limit: unknown }).limit = { days: 0, unit: 'weeks' };
  ((d4.steps[0] as { actions: { effects?: unknown }[] }).actions[0] as { effects: unknown }).effects = [
    'clock.pause:nap',
  ];
  const p4 = problems(d4);
  assert.ok(p4.some((p) => p.path === 'steps[0].limit'));
  assert.ok(p4.some((p) => p.path === 'steps[0].actions[0].effects[0]' && /未知的时钟效果/.test(p.message)));

  const d5 = clone(standardLicenceDefinition());
  step(d5, 'review').assignee = { type: 'role', role: 'Reviewer!' };
  assert.ok(problems(d5).some((p) => p.path === 'steps[2].assignee.role'));
  step(d5, 'review').assignee = { type: 'unit', orgId: 'not-a-uuid' };
  assert.ok(problems(d5).some((p) => p.path === 'steps[2].assignee.orgId'));

  const d6 = clone(standardLicenceDefinition());
  step(d6, 'await_correction').signal = '';
  delete step(d6, 'await_correction').next;
  const p6 = problems(d6);
  assert.ok(p6.some((p) => p.path === 'steps[1].signal'));
  assert.ok(p6.some((p) => p.path === 'steps[1].next'));
});

test('unreachable steps and paths that never end', () => {
  const d = standardLicenceDefinition();
  d.steps.push({
    key: 'orphan',
    name: '孤立步骤',
    type: 'task',
    assignee: { type: 'role', role: 'window' },
    actions: [{ key: 'ok', label: '完成', to: 'approved' }],
  });
  assert.ok(problems(d).some((p) => p.path === 'steps[7]' && /无法从开始步骤到达/.test(p.message)));

  // A loop between two steps with no way out.
  const loop: ProcessDefinition = {
    start: 'a',
    steps: [
      {
        key: 'a',
        name: '甲',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        actions: [{ key: 'go', label: '下一步', to: 'b' }],
      },
      {
        key: 'b',
        name: '乙',
        type: 'task',
        assignee: { type: 'role', role: 'window' },
        actions: [{ key: 'go', label: '下一步', to: 'a' }],
      },
      { key: 'x', name: '结束', type: 'end', outcome: 'done' },
    ],
  };
  const lp = problems(loop);
  assert.ok(lp.some((p) => /从步骤“甲”出发无法到达任何结束步骤/.test(p.message)));
  assert.ok(lp.some((p) => /“结束”无法从开始步骤到达/.test(p.message)));
});

test('returns go only to an earlier step', () => {
  const d = standardLicenceDefinition();
  step(d, 'review').actions!.push({ key: 'skip', label: '跳回', kind: 'return', to: 'decide' });
  assert.ok(
    problems(d).some((p) => p.path === 'steps[2].actions[3].to' && /只能退回到之前的步骤/.test(p.message)),
  );
  const transferTo = standardLicenceDefinition();
  step(transferTo, 'review').actions![2]!.to = 'decide';
  assert.ok(problems(transferTo).some((p) => p.path === 'steps[2].actions[2].to'));
});

test('forks: at least two branches, each reaching the same single join; no nesting; join needs next', () => {
  const one = parallelLicenceDefinition(A, B);
  step(one, 'parallel').next = ['review_a'];
  assert.ok(problems(one).some((p) => p.path === 'steps[2].next' && /至少需要两个分支/.test(p.message)));

  // A branch that ends the case instead of reaching the join.
  const leak = parallelLicenceDefinition(A, B);
  step(leak, 'review_b').actions![0]!.to = 'approved';
  const lp = problems(leak);
  assert.ok(
    lp.some((p) => /并行分支内不能结束流程/.test(p.message)),
    JSON.stringify(lp),
  );

  // Two different joins.
  const two = parallelLicenceDefinition(A, B);
  two.steps.push({ key: 'join2', name: '另一汇聚', type: 'join', next: ['decide'], rejectTo: 'decide' });
  step(two, 'review_b').actions![0]!.to = 'join2';
  step(two, 'review_b').actions![1]!.to = 'join2';
  assert.ok(problems(two).some((p) => /须汇聚到同一个汇聚步骤/.test(p.message)));

  // Nested fork.
  const nested = parallelLicenceDefinition(A, B);
  nested.steps.push(
    { key: 'inner', name: '内层分支', type: 'fork', next: ['x1', 'x2'] },
    {
      key: 'x1',
      name: '内一',
      type: 'task',
      assignee: { type: 'role', role: 'reviewer' },
      actions: [{ key: 'ok', label: '同意', to: 'innerjoin' }],
    },
    {
      key: 'x2',
      name: '内二',
      type: 'task',
      assignee: { type: 'role', role: 'reviewer' },
      actions: [{ key: 'ok', label: '同意', to: 'innerjoin' }],
    },
    { key: 'innerjoin', name: '内层汇聚', type: 'join', next: ['join'] },
  );
  step(nested, 'review_a').actions![0]!.to = 'inner';
  assert.ok(problems(nested).some((p) => /不支持嵌套的并行分支/.test(p.message)));

  const noNext = parallelLicenceDefinition(A, B);
  delete step(noNext, 'join').next;
  assert.ok(problems(noNext).some((p) => p.path === 'steps[5].next' && /唯一的后续步骤/.test(p.message)));

  const noReject = parallelLicenceDefinition(A, B);
  delete step(noReject, 'join').rejectTo;
  assert.ok(problems(noReject).some((p) => p.path === 'steps[5].rejectTo'));

  // Entering a branch step from outside the fork.
  const sideDoor = parallelLicenceDefinition(A, B);
  step(sideDoor, 'accept').actions![0]!.to = 'review_a';
  assert.ok(problems(sideDoor).some((p) => /只能经由“并联审查”进入/.test(p.message)));

  // Outcomes only mean something inside a branch.
  const stray = standardLicenceDefinition();
  step(stray, 'review').actions![0]!.outcome = 'agree';
  assert.ok(problems(stray).some((p) => p.path === 'steps[2].actions[0].outcome'));
});
