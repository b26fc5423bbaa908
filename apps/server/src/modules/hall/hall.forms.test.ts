import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FormDefinition } from '../services/index.ts';
import {
  applyRowOp,
  buildFormView,
  compactValues,
  displayForm,
  parseFormBody,
  parseRowOp,
  problemPath,
} from './hall.forms.ts';

const DEF: FormDefinition = {
  sections: [
    {
      key: 'applicant',
      title: '申请人信息',
      fields: [
        { key: 'name', label: '姓名', type: 'text', required: true, prefill: 'name' },
        { key: 'age', label: '从业年限', type: 'number', integer: true, unit: '年' },
        {
          key: 'kind',
          label: '经营类型',
          type: 'radio',
          required: true,
          options: [
            { value: 'shop', label: '门店' },
            { value: 'online', label: '网店' },
          ],
        },
        {
          key: 'shopArea',
          label: '门店面积',
          type: 'number',
          required: true,
          visibleWhen: { field: 'kind', equals: 'shop' },
        },
        {
          key: 'scope',
          label: '经营项目',
          type: 'checkbox',
          options: [
            { value: 'food', label: '预包装食品' },
            { value: 'drink', label: '饮品' },
          ],
        },
        { key: 'addr', label: '经营场所', type: 'address', required: true },
        { key: 'area', label: '所在地区', type: 'region' },
      ],
    },
    {
      key: 'staff',
      title: '从业人员',
      fields: [
        {
          key: 'members',
          label: '从业人员',
          type: 'group',
          minItems: 1,
          maxItems: 3,
          fields: [
            { key: 'name', label: '姓名', type: 'text', required: true },
            { key: 'health', label: '有无健康证', type: 'select', options: [{ value: 'y', label: '有' }] },
          ],
        },
      ],
    },
  ],
};

describe('hall form parsing', () => {
  test('a posted body becomes typed values; numbers are numbers, bad numbers stay text', () => {
    const p = parseFormBody(DEF, {
      'f.name': '  王小红 ',
      'f.age': '12',
      'f.kind': 'shop',
      'f.shopArea': '十',
      'f.scope': ['food', 'drink'],
      'f.addr.region': '331102',
      'f.addr.detail': '丽阳街 1 号',
      'rows.members': '2',
      'f.members.0.name': '李四',
      'f.members.1.name': '',
      'f.unknown': 'x',
    });
    assert.deepEqual(p.values, {
      name: '王小红',
      age: 12,
      kind: 'shop',
      shopArea: '十',
      scope: ['food', 'drink'],
      addr: { region: '331102', detail: '丽阳街 1 号' },
      members: [{ name: '李四' }, {}],
    });
    assert.equal(p.rows.members, 2);
    assert.deepEqual(compactValues(DEF, p.values).members, [{ name: '李四' }]);
  });

  test('add and remove rows stay within minItems and maxItems', () => {
    let p = parseFormBody(DEF, { 'rows.members': '1', 'f.members.0.name': '甲' });
    p = applyRowOp(DEF, p, parseRowOp('add:members')!);
    p = applyRowOp(DEF, p, parseRowOp('add:members')!);
    p = applyRowOp(DEF, p, parseRowOp('add:members')!);
    assert.equal(p.rows.members, 3, 'maxItems 3');
    p = applyRowOp(DEF, p, parseRowOp('remove:members:0')!);
    assert.equal(p.rows.members, 2);
    assert.deepEqual(p.values.members, [{}, {}]);
    assert.equal(parseRowOp('remove:members:x'), null);
    assert.equal(parseRowOp('add:../x'), null);
  });

  test('problems land next to their fields and in the summary, in form order', () => {
    const p = parseFormBody(DEF, { 'f.kind': 'online', 'rows.members': '1' });
    const view = buildFormView(DEF, p, [
      { field: 'form.members[0].name', message: '请填写姓名' },
      { field: 'form.name', message: '请填写姓名' },
      { field: 'form.addr.detail', message: '请填写详细地址' },
      { field: 'form.nothing', message: '其他问题' },
    ]);
    const fields = view.sections[0]!.fields;
    const name = fields.find((f) => f.key === 'name')!;
    assert.equal(name.error, '请填写姓名');
    assert.match(name.describedby, /f-name-error/);
    const addr = fields.find((f) => f.key === 'addr')!;
    assert.equal(addr.address?.detailError, '请填写详细地址');
    const shopArea = fields.find((f) => f.key === 'shopArea')!;
    assert.equal(shopArea.visible, false, 'conditional field hidden for online shops');
    assert.equal(shopArea.whenName, 'f.kind');
    const kind = fields.find((f) => f.key === 'kind')!;
    assert.equal(kind.controls, true);
    const members = view.sections[1]!.fields[0]!;
    assert.equal(members.rows[0]!.fields[0]!.error, '请填写姓名');
    assert.equal(members.rows[0]!.fields[0]!.id, 'f-members-0-name');
    assert.deepEqual(
      view.errorList.map((e) => e.anchor),
      ['f-name', 'f-addr-detail', 'f-members-0-name'],
    );
    assert.deepEqual(view.otherErrors, ['其他问题']);
    assert.equal(problemPath('form.members[12].name'), 'members.12.name');
  });

  test('an empty group starts with one row; review shows option labels and region names', () => {
    const view = buildFormView(DEF, { values: {}, rows: {} });
    assert.equal(view.sections[1]!.fields[0]!.rows.length, 1);
    const shown = displayForm(DEF, {
      name: '王小红',
      kind: 'online',
      shopArea: 10,
      scope: ['drink'],
      addr: { region: '331102001', detail: '丽阳街 1 号' },
      members: [{ name: '李四', health: 'y' }],
    });
    const rows = shown[0]!.rows;
    assert.ok(!rows.some((r) => r.label === '门店面积'), 'hidden fields are not shown');
    assert.equal(rows.find((r) => r.label === '经营类型')?.value, '网店');
    assert.equal(rows.find((r) => r.label === '经营项目')?.value, '饮品');
    assert.equal(rows.find((r) => r.label === '经营场所')?.value, '浙江省丽水市莲都区紫金街道丽阳街 1 号');
    assert.deepEqual(shown[1]!.rows[0]!.table, { head: ['姓名', '有无健康证'], rows: [['李四', '有']] });
  });
});
