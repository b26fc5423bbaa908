import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAncestorRegion, LISHUI_REGIONS, parseRegionCode } from './gb2260.ts';

test('parses each level', () => {
  assert.deepEqual(parseRegionCode('330000'), {
    ok: true,
    code: '330000',
    level: 'province',
    province: '330000',
  });
  assert.deepEqual(parseRegionCode('331100'), {
    ok: true,
    code: '331100',
    level: 'prefecture',
    province: '330000',
    prefecture: '331100',
  });
  assert.deepEqual(parseRegionCode('331121'), {
    ok: true,
    code: '331121',
    level: 'county',
    province: '330000',
    prefecture: '331100',
    county: '331121',
  });
  assert.deepEqual(parseRegionCode('331121001'), {
    ok: true,
    code: '331121001',
    level: 'township',
    province: '330000',
    prefecture: '331100',
    county: '331121',
    township: '331121001',
    townshipKind: 'subdistrict',
  });
});

test('township kinds follow the GB/T 10114 ranges', () => {
  const kind = (c: string): string | undefined => {
    const r = parseRegionCode(c);
    return r.ok ? r.townshipKind : undefined;
  };
  assert.equal(kind('331102099'), 'subdistrict');
  assert.equal(kind('331102100'), 'town');
  assert.equal(kind('331102200'), 'township');
  assert.equal(kind('331102399'), 'township');
  assert.equal(kind('331102400'), 'township-like');
  assert.equal(parseRegionCode('331102000').ok, false);
  assert.equal(parseRegionCode('331102600').ok, false);
});

test('towns directly under a prefecture-level city have no county', () => {
  const r = parseRegionCode('441900003');
  assert.ok(r.ok);
  assert.equal(r.level, 'township');
  assert.equal(r.prefecture, '441900');
  assert.equal(r.county, undefined);
});

test('municipality districts parse as counties under the 市辖区 prefecture', () => {
  const r = parseRegionCode('110105');
  assert.ok(r.ok);
  assert.equal(r.level, 'county');
  assert.equal(r.prefecture, '110100');
});

test('rejects malformed codes with Chinese reasons', () => {
  for (const [code, pattern] of [
    ['33110', /6位/],
    ['3311021', /6位/],
    ['33110a', /6位/],
    ['991100', /省级/],
    ['330001', /地级代码为00/],
    ['330000001', /前6位/],
  ] as const) {
    const r = parseRegionCode(code);
    assert.ok(!r.ok, code);
    assert.match(r.reason, pattern, code);
  }
});

test('isAncestorRegion', () => {
  assert.equal(isAncestorRegion('330000', '331100'), true);
  assert.equal(isAncestorRegion('330000', '331121'), true);
  assert.equal(isAncestorRegion('330000', '331121001'), true);
  assert.equal(isAncestorRegion('331100', '331121'), true);
  assert.equal(isAncestorRegion('331100', '331121001'), true);
  assert.equal(isAncestorRegion('331121', '331121001'), true);
  assert.equal(isAncestorRegion('441900', '441900003'), true);

  assert.equal(isAncestorRegion('331121', '331121'), false, 'not its own ancestor');
  assert.equal(isAncestorRegion('331121', '331100'), false, 'child is not ancestor');
  assert.equal(isAncestorRegion('331121', '331122001'), false, 'sibling county');
  assert.equal(isAncestorRegion('331100', '330100'), false, 'sibling prefecture');
  assert.equal(isAncestorRegion('330000', '320000'), false);
  assert.equal(isAncestorRegion('331121001', '331121001'), false);
  assert.equal(isAncestorRegion('bad', '331121'), false);
});

test('LISHUI_REGIONS: 丽水市, its 9 county-level divisions and 2-3 townships each, consistent codes', () => {
  const byCode = new Map(LISHUI_REGIONS.map((r) => [r.code, r]));
  assert.equal(byCode.size, LISHUI_REGIONS.length, 'codes are unique');
  assert.equal(byCode.get('331100')?.name, '丽水市');
  const counties = LISHUI_REGIONS.filter((r) => r.level === 'county');
  assert.deepEqual(
    counties.map((r) => `${r.code} ${r.name}`),
    [
      '331102 莲都区',
      '331121 青田县',
      '331122 缙云县',
      '331123 遂昌县',
      '331124 松阳县',
      '331125 云和县',
      '331126 庆元县',
      '331127 景宁畲族自治县',
      '331181 龙泉市',
    ],
  );
  for (const county of counties) {
    const towns = LISHUI_REGIONS.filter((r) => r.parentCode === county.code);
    assert.ok(towns.length >= 2 && towns.length <= 3, county.name);
  }
  for (const r of LISHUI_REGIONS) {
    const parsed = parseRegionCode(r.code);
    assert.ok(parsed.ok, r.code);
    assert.equal(parsed.level, r.level, r.code);
    if (r.parentCode !== null) {
      assert.ok(byCode.has(r.parentCode), `${r.code} parent`);
      assert.ok(isAncestorRegion(r.parentCode, r.code), `${r.parentCode} ⊃ ${r.code}`);
    }
    // The name's suffix agrees with the GB/T 10114 range of its code.
    if (parsed.townshipKind === 'subdistrict') assert.match(r.name, /街道$/, r.code);
    if (parsed.townshipKind === 'town') assert.match(r.name, /镇$/, r.code);
    if (parsed.townshipKind === 'township') assert.match(r.name, /乡$/, r.code);
  }
  assert.equal(byCode.get('331121001')?.name, '鹤城街道');
});
