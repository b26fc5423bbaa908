// The organisation tree as the console shows it: built from the flat GET /orgs list by parentId.
import { TreeSelect, type TreeSelectProps } from 'antd';
import type { ReactNode } from 'react';
import { orgApi } from '../../api/endpoints.ts';
import type { Org, OrgKind } from '../../api/types.ts';
import { useRequest } from '../../app/hooks.ts';
import { type Tone, ToneTag } from '../../app/ui.tsx';

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  region: '行政区划',
  department: '部门',
  unit: '单位',
};

const ORG_KIND_COLORS: Record<OrgKind, Tone> = {
  region: 'indigo',
  department: 'green',
  unit: 'gold',
};

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  return (
    <ToneTag tone={ORG_KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {ORG_KIND_LABELS[kind] ?? kind}
    </ToneTag>
  );
}

export interface OrgNode {
  key: string;
  title: ReactNode;
  org: Org;
  children: OrgNode[];
}

export interface OrgIndex {
  roots: OrgNode[];
  byId: Map<string, OrgNode>;
  /** Ids from the root down to the org (inclusive). */
  pathOf: (id: string) => string[];
}

/** Roots are orgs without a parent, or whose parent lies outside the caller's scope. */
export function indexOrgs(orgs: Org[]): OrgIndex {
  const byId = new Map<string, OrgNode>();
  for (const org of orgs) byId.set(org.id, { key: org.id, title: org.name, org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of byId.values()) {
    const parent = node.org.parentId ? byId.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: OrgNode[]) => {
    nodes.sort(
      (a, b) =>
        (a.org.sortOrder ?? 0) - (b.org.sortOrder ?? 0) || a.org.name.localeCompare(b.org.name, 'zh-CN'),
    );
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  const pathOf = (id: string) => {
    const out: string[] = [];
    let cur = byId.get(id);
    const seen = new Set<string>();
    while (cur && !seen.has(cur.key)) {
      seen.add(cur.key);
      out.unshift(cur.key);
      cur = cur.org.parentId ? byId.get(cur.org.parentId) : undefined;
    }
    return out;
  };
  return { roots, byId, pathOf };
}

/** All orgs in the caller's scope (GET /orgs). */
export function useOrgList(enabled = true) {
  return useRequest(enabled ? 'orgs' : null, (signal) => orgApi.list(undefined, signal).then((r) => r.items));
}

interface SelectNode {
  value: string;
  title: string;
  children: SelectNode[];
}

function toSelectNodes(nodes: OrgNode[]): SelectNode[] {
  return nodes.map((n) => ({ value: n.key, title: n.org.name, children: toSelectNodes(n.children) }));
}

/** Org picker for forms (TreeSelect with search). */
export function OrgTreeSelect({
  orgs,
  loading,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & { orgs: Org[] | undefined; loading?: boolean }) {
  const tree = toSelectNodes(indexOrgs(orgs ?? []).roots);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeData={tree}
      loading={loading}
      placeholder="请选择机构"
      treeDefaultExpandAll={(orgs?.length ?? 0) <= 50}
      allowClear
      notFoundContent={loading ? '正在加载…' : '没有可选的机构'}
      {...props}
    />
  );
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 32100-2015 check digit of a 统一社会信用代码; false when the format is wrong too. */
export function creditCodeCheckDigitOk(code: string): boolean {
  if (!CREDIT_CODE_PATTERN.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CHARS.indexOf(code[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return code[17] === CREDIT_CHARS[check];
}
