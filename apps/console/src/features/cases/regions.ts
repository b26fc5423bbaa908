// Names of GB/T 2260 region codes for showing form values (GET /public/regions?parent=…). A code's
// parent is found from its shape: a town (9 digits) under its county, a county under its city or
// directly under its province, a city under its province.
import { useEffect, useState } from 'react';
import { http } from '../../api/client.ts';

const childrenCache = new Map<string, Promise<Map<string, string>>>();

function childrenOf(parent: string | null): Promise<Map<string, string>> {
  const key = parent ?? '';
  let p = childrenCache.get(key);
  if (!p) {
    p = http
      .get<{ items: { code: string; name: string }[] }>('/public/regions', { parent: parent ?? undefined })
      .then(
        (r) => new Map(r.items.map((i) => [i.code, i.name])),
        () => new Map<string, string>(),
      );
    childrenCache.set(key, p);
  }
  return p;
}

function parentCandidates(code: string): (string | null)[] {
  if (/^\d{9}$/.test(code)) return [code.slice(0, 6)];
  if (!/^\d{6}$/.test(code)) return [];
  if (code.endsWith('0000')) return [null];
  if (code.endsWith('00')) return [`${code.slice(0, 2)}0000`];
  return [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
}

async function nameOf(code: string): Promise<string | null> {
  for (const parent of parentCandidates(code)) {
    const name = (await childrenOf(parent)).get(code);
    if (name) return name;
  }
  return null;
}

/** code → name for the codes given (unknown codes are left out). */
export function useRegionNames(codes: string[]): ReadonlyMap<string, string> {
  const key = [...new Set(codes)].sort().join(',');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!key) return;
    let live = true;
    const list = key.split(',');
    void Promise.all(list.map(async (c) => [c, await nameOf(c)] as const)).then((pairs) => {
      if (!live) return;
      setNames(new Map(pairs.filter((p): p is readonly [string, string] => p[1] !== null)));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
