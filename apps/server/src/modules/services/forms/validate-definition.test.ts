// The form editor's checks: a definition that passes can be rendered and validated against; each
// mistake an editor can make is named by its path with a Chinese message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleForm } from '../testing.ts';
import { validateFormDefinition } from './validate-definition.ts';

function problemsOf(def: unknown): { path: string; message: string }[] {
  const r = validateFormDefinition(def);
  assert.equal(r.ok, false, 'expected problems');
  return r.ok ? [] : r.problems;
}

function field(over: Record<string, unknown>) {
  return { sections: [{ key: 's', title: '分组', fields: [over] }] };
}

test('the sample form, which uses every field type, is valid and comes back unchanged', () => {
  const r = validateFormDefinition(sampleForm());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  assert.deepEqual(r.definition, sampleForm());
});

test('an empty form is a valid draft; an empty section is not', () => {
  assert.ok(validateFormDefinition({ sections: [] }).ok);
  const p = problemsOf({ sections: [{ key: 'a', title: '空分组', fields: [] }] });
  assert.deepEqual(
    p.map((x) => x.path),
    ['sections[0].fields'],
  );
  assert.match(p[0]!.message, /空分组.*至少需要一个字段/);
});

test('keys must be well-formed and unique at their level; group keys may repeat top-level ones', () => {
  const p = problemsOf({
    sections: [
      { key: 'a', title: '一', fields: [{ key: 'name', label: '姓名', type: 'text' }] },
      {
        key: 'a',
        title: '二',
        fields: [
          { key: 'name', label: '另一个姓名', type: 'text' },
          { key: '1bad', label: '坏标识', type: 'text' },
          { key: '__proto__', label: '原型', type: 'text' },
          {
            key: 'people',
            label: '人员',
            type: 'group',
            fields: [
              { key: 'name', label: '姓名', type: 'text' },
              { key: 'name', label: '重复', type: 'text' },
            ],
          },
        ],
      },
    ],
  });
  const paths = p.map((x) => x.path);
  assert.ok(paths.includes('sections[1].key'), 'duplicate section key');
  assert.ok(paths.includes('sections[1].fields[0].key'), 'duplicate top-level key');
  assert.ok(paths.includes('sections[1].fields[1].key'), 'key starting with a digit');
  assert.ok(paths.includes('sections[1].fields[2].key'), '__proto__ is not a key');
  assert.ok(paths.includes('sections[1].fields[3].fields[1].key'), 'duplicate key inside the group');
  assert.ok(!paths.includes('sections[1].fields[3].fields[0].key'), 'a group may reuse a top-level key');
  assert.match(p.find((x) => x.path === 'sections[1].fields[0].key')!.message, /name.*重复/);
});

test('choice fields need options with unique values; other fields may not have options', () => {
  const noOptions = problemsOf(field({ key: 'x', label: '类别', type: 'select' }));
  assert.equal(noOptions[0]!.path, 'sections[0].fields[0].options');
  assert.match(noOptions[0]!.message, /“类别”.*至少需要一个选项/);

  const dup = problemsOf(
    field({
      key: 'x',
      label: '类别',
      type: 'radio',
      options: [
        { value: 'a', label: '甲' },
        { value: 'a', label: '乙' },
        { value: '', label: '空' },
      ],
    }),
  );
  assert.deepEqual(dup.map((x) => x.path).sort(), [
    'sections[0].fields[0].options[1].value',
    'sections[0].fields[0].options[2].value',
  ]);

  const stray = problemsOf(
    field({ key: 'x', label: '名称', type: 'text', options: [{ value: 'a', label: 'A' }] }),
  );
  assert.equal(stray[0]!.path, 'sections[0].fields[0].options');
});

test('visibleWhen must refer to an earlier field and use its option values', () => {
  const later = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'b', label: '说明', type: 'text', visibleWhen: { field: 'a', equals: 'yes' } },
          { key: 'a', label: '是否', type: 'radio', options: [{ value: 'yes', label: '是' }] },
        ],
      },
    ],
  });
  assert.equal(later[0]!.path, 'sections[0].fields[0].visibleWhen.field');
  assert.match(later[0]!.message, /前面的字段/);

  const badValue = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'a', label: '是否', type: 'radio', options: [{ value: 'yes', label: '是' }] },
          { key: 'b', label: '说明', type: 'text', visibleWhen: { field: 'a', equals: ['yes', 'maybe'] } },
        ],
      },
    ],
  });
  assert.equal(badValue[0]!.path, 'sections[0].fields[1].visibleWhen.equals');
  assert.match(badValue[0]!.message, /maybe/);

  const onAddress = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'a', label: '地址', type: 'address' },
          { key: 'b', label: '说明', type: 'text', visibleWhen: { field: 'a', equals: 'x' } },
        ],
      },
    ],
  });
  assert.match(onAddress[0]!.message, /不能依据地址字段/);

  // Inside a group, a later sibling does not silently resolve to a top-level field of that name.
  const shadow = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'flag', label: '顶层', type: 'radio', options: [{ value: 'y', label: '是' }] },
          {
            key: 'g',
            label: '人员',
            type: 'group',
            fields: [
              { key: 'note', label: '备注', type: 'text', visibleWhen: { field: 'flag', equals: 'y' } },
              { key: 'flag', label: '行内', type: 'radio', options: [{ value: 'y', label: '是' }] },
            ],
          },
        ],
      },
    ],
  });
  assert.equal(shadow[0]!.path, 'sections[0].fields[1].fields[0].visibleWhen.field');
});

test('groups nest one level only, with sensible row limits and no prefill inside', () => {
  const nested = problemsOf(
    field({
      key: 'g',
      label: '外层',
      type: 'group',
      fields: [{ key: 'h', label: '内层', type: 'group', fields: [{ key: 'x', label: 'X', type: 'text' }] }],
    }),
  );
  assert.equal(nested[0]!.path, 'sections[0].fields[0].fields[0].type');
  assert.match(nested[0]!.message, /不能再嵌套/);

  const limits = problemsOf(
    field({
      key: 'g',
      label: '人员',
      type: 'group',
      minItems: 5,
      maxItems: 2,
      fields: [{ key: 'x', label: '姓名', type: 'text', prefill: 'name' }],
    }),
  );
  const paths = limits.map((x) => x.path);
  assert.ok(paths.includes('sections[0].fields[0].maxItems'));
  assert.ok(paths.includes('sections[0].fields[0].fields[0].prefill'));

  const huge = problemsOf(
    field({
      key: 'g',
      label: '人员',
      type: 'group',
      maxItems: 100000,
      fields: [{ key: 'x', label: 'X', type: 'text' }],
    }),
  );
  assert.match(huge[0]!.message, /1 到 50/);
  const empty = problemsOf(field({ key: 'g', label: '人员', type: 'group', fields: [] }));
  assert.equal(empty[0]!.path, 'sections[0].fields[0].fields');
});

test('prefill kinds must suit the field type; number limits must be coherent', () => {
  const p = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'a', label: '电话', type: 'text', prefill: 'phone' },
          { key: 'b', label: '证件', type: 'id_number', prefill: 'bogus' },
          { key: 'c', label: '面积', type: 'number', min: 10, max: 1 },
          { key: 'd', label: '长度', type: 'text', maxLength: 0 },
          { key: 'e', label: '日期', type: 'date', min: 1 },
        ],
      },
    ],
  });
  const byPath = new Map(p.map((x) => [x.path, x.message]));
  assert.match(byPath.get('sections[0].fields[0].prefill')!, /不能用“手机号码”自动填充/);
  assert.ok(byPath.has('sections[0].fields[1].prefill'));
  assert.ok(byPath.has('sections[0].fields[2].max'));
  assert.ok(byPath.has('sections[0].fields[3].maxLength'));
  assert.ok(byPath.has('sections[0].fields[4].min'));
});

test('hostile definitions: wrong types, unknown properties, control characters, sheer size', () => {
  assert.equal(validateFormDefinition(null).ok, false);
  assert.equal(validateFormDefinition([]).ok, false);
  assert.equal(validateFormDefinition('{"sections":[]}').ok, false);
  assert.equal(validateFormDefinition({ sections: {} }).ok, false);

  const odd = problemsOf({
    sections: [
      {
        key: 's',
        title: '分组',
        fields: [
          { key: 'a', label: 42, type: 'text' },
          { key: 'b', label: '名称', type: 'html' },
          { key: 'c', label: '名称', type: 'text', onclick: 'alert(1)' },
          { key: 'd', label: 'bad\u0000label', type: 'text' },
          { key: 'e', label: '<script>alert(1)</script>', type: 'text', required: 'yes' },
        ],
      },
    ],
    extra: true,
  });
  const paths = odd.map((x) => x.path);
  for (const expected of [
    'extra',
    'sections[0].fields[0].label',
    'sections[0].fields[1].type',
    'sections[0].fields[2].onclick',
    'sections[0].fields[3].label',
    'sections[0].fields[4].required',
  ]) {
    assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
  }
  assert.ok(!paths.includes('sections[0].fields[4].label'), 'markup in a label is text, not an error');

  const many = {
    sections: [
      {
        key: 's',
        title: '大',
        fields: Array.from({ length: 400 }, (_, i) => ({ key: `f${i}`, label: `字段${i}`, type: 'text' })),
      },
    ],
  };
  const r = validateFormDefinition(many);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.problems.some((x) => /不能超过 300 个/.test(x.message)));
  assert.ok(!r.ok && r.problems.length <= 100);

  const tooManySections = {
    sections: Array.from({ length: 31 }, (_, i) => ({ key: `s${i}`, title: 'x', fields: [] })),
  };
  assert.match(problemsOf(tooManySections)[0]!.message, /30/);
});
