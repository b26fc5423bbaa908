// Pieces the website cluster pages share: the sites the signed-in user manages (from the server), site
// and column pickers, and the status tags of articles and pushes.
import { Select, type SelectProps, TreeSelect, type TreeSelectProps } from 'antd';
import { useRequest } from '../../app/hooks.ts';
import { type Tone, ToneTag } from '../../app/ui.tsx';
import {
  ARTICLE_COLUMN_KINDS,
  ARTICLE_STATUS_NAMES,
  type ArticleStatus,
  type ColumnNode,
  type ColumnView,
  cmsApi,
  columnTree,
  type ManagedSitePermission,
  PUSH_STATUS_NAMES,
  type PushStatus,
  type SiteView,
} from './api.ts';

export const CMS_EDIT = 'cms.article.edit';
export const CMS_REVIEW = 'cms.article.review';
export const CMS_MANAGE = 'cms.site.manage';

const STATUS_TONES: Record<ArticleStatus, Tone> = {
  draft: 'gray',
  submitted: 'blue',
  reviewed: 'indigo',
  returned: 'red',
  scheduled: 'purple',
  published: 'green',
  withdrawn: 'orange',
  expired: 'gold',
};

export function ArticleStatusTag({ status, name }: { status: ArticleStatus; name?: string }) {
  return (
    <ToneTag tone={STATUS_TONES[status] ?? 'gray'}>{name ?? ARTICLE_STATUS_NAMES[status] ?? status}</ToneTag>
  );
}

const PUSH_TONES: Record<PushStatus, Tone> = { pending: 'blue', accepted: 'green', returned: 'red' };

export function PushStatusTag({ status }: { status: PushStatus }) {
  return <ToneTag tone={PUSH_TONES[status] ?? 'gray'}>{PUSH_STATUS_NAMES[status] ?? status}</ToneTag>;
}

/**
 * The open sites (`all`: push targets, subscription sources) and the sites the user works on (`mine`),
 * as GET /api/v1/sites/managed gives them: scoped by the server, closed sites included, each with the
 * user's permissions there. With `permission`, `mine` keeps the sites where the user holds it.
 */
export function useSites(permission?: ManagedSitePermission) {
  const all = useRequest('cms:sites', (signal) => cmsApi.sites(signal).then((r) => r.items));
  const managed = useRequest('cms:sites:managed', (signal) =>
    cmsApi.managedSites(signal).then((r) => r.items),
  );
  const mine = (managed.data ?? []).filter((s) => !permission || s.permissions.includes(permission));
  return {
    all: all.data ?? [],
    mine,
    loading: all.loading || managed.loading,
    error: managed.error ?? all.error,
    reload: () => {
      all.reload();
      managed.reload();
    },
  };
}

export function SiteSelect({
  sites,
  loading,
  ...props
}: Omit<SelectProps<string>, 'options'> & { sites: SiteView[]; loading?: boolean }) {
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      placeholder="请选择网站"
      notFoundContent={loading ? '正在加载…' : '没有可选的网站'}
      options={sites.map((s) => ({ value: s.id, label: s.name }))}
      {...props}
    />
  );
}

/** The columns of a site (null: none asked for). */
export function useColumns(siteId: string | null | undefined) {
  return useRequest(siteId ? `cms:columns:${siteId}` : null, (signal) =>
    cmsApi.columns(siteId ?? '', signal).then((r) => r.items),
  );
}

interface ColumnOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: ColumnOption[];
}

function toOptions(nodes: ColumnNode[], articlesOnly: boolean): ColumnOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name}（${n.typeName}）`,
    disabled: articlesOnly && !ARTICLE_COLUMN_KINDS.includes(n.type),
    children: toOptions(n.children, articlesOnly),
  }));
}

/** Column picker as a tree; with `articlesOnly` the link and interaction columns cannot be chosen. */
export function ColumnTreeSelect({
  columns,
  loading,
  articlesOnly,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & {
  columns: ColumnView[] | undefined;
  loading?: boolean;
  articlesOnly?: boolean;
}) {
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeData={toOptions(columnTree(columns ?? []), !!articlesOnly)}
      loading={loading}
      treeDefaultExpandAll
      placeholder="请选择栏目"
      notFoundContent={loading ? '正在加载…' : '没有可选的栏目'}
      {...props}
    />
  );
}

/** 'YYYY-MM' of today in Beijing. */
export function thisMonth(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}
