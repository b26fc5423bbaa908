// 网站与栏目 (site administrators): the sites in scope with their identity (网站标识码, domains, footer
// identity for inspection), the column tree of the chosen site (kind, update interval, review levels,
// link) and each column's subscriptions to other sites' columns.
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ListTable } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, ToneTag, VisuallyHidden } from '../../app/ui.tsx';
import {
  COLUMN_KIND_NAMES,
  COLUMN_KINDS,
  type ColumnInput,
  type ColumnKind,
  type ColumnNode,
  type ColumnView,
  cmsApi,
  columnTree,
  type SiteFooter,
  type SiteView,
  type SubscriptionView,
} from './api.ts';
import { CMS_MANAGE, ColumnTreeSelect, SiteSelect, useColumns, useSites } from './shared.tsx';

const FOOTER_FIELDS: { key: keyof SiteFooter; label: string }[] = [
  { key: 'sponsor', label: '主办单位' },
  { key: 'organiser', label: '承办单位' },
  { key: 'icp', label: 'ICP 备案号' },
  { key: 'psb', label: '公安机关备案号' },
  { key: 'phone', label: '联系电话' },
  { key: 'address', label: '地址' },
  { key: 'email', label: '电子邮箱' },
];

interface SiteValues {
  name: string;
  siteCode: string;
  domains: string[];
  theme: string;
  status: 'open' | 'closed';
  footer: SiteFooter;
}

function SiteDialog({
  site,
  onCancel,
  onDone,
}: {
  site: SiteView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<SiteValues>();
  const { message } = App.useApp();
  const { saving, error, run } = useSubmit(form);
  return (
    <FormModal<SiteValues>
      title={`编辑网站：${site.name}`}
      open
      form={form}
      width={720}
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={{
        name: site.name,
        siteCode: site.siteCode,
        domains: site.domains,
        theme: site.theme,
        status: site.status,
        footer: site.footer,
      }}
      onFinish={async (v) => {
        const footer: SiteFooter = {};
        for (const f of FOOTER_FIELDS) {
          const value = v.footer?.[f.key]?.trim();
          if (value) footer[f.key] = value;
        }
        const ok = await run(() =>
          cmsApi.updateSite(site.id, {
            name: v.name.trim(),
            siteCode: v.siteCode.trim(),
            domains: (v.domains ?? []).map((d) => d.trim()).filter(Boolean),
            theme: v.theme.trim(),
            status: v.status,
            footer,
          }),
        );
        if (ok) {
          message.success('网站信息已保存');
          onDone();
        }
      }}
    >
      <Flex gap={16} wrap>
        <Form.Item
          name="name"
          label="网站名称"
          rules={[{ required: true, whitespace: true, message: '请填写网站名称' }]}
          style={{ flex: 1, minWidth: 240 }}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="siteCode"
          label="网站标识码"
          extra="6 位行政区划代码 + 4 位顺序号，部门网站为 bm + 8 位数字"
          rules={[{ required: true, whitespace: true, message: '请填写网站标识码' }]}
          style={{ width: 240 }}
        >
          <Input maxLength={10} />
        </Form.Item>
      </Flex>
      <Form.Item name="domains" label="域名" extra="最多 5 个；未设置域名时通过 /sites/{代码}/ 访问">
        <Select
          mode="tags"
          maxCount={5}
          open={false}
          tokenSeparators={[',', ' ', '，']}
          placeholder="输入域名后回车"
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="theme" label="主题" style={{ width: 240 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="status" label="状态" style={{ width: 160 }}>
          <Select
            options={[
              { value: 'open', label: '开放' },
              { value: 'closed', label: '关闭' },
            ]}
          />
        </Form.Item>
      </Flex>
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        页脚标识
      </Typography.Title>
      <Flex gap={16} wrap>
        {FOOTER_FIELDS.map((f) => (
          <Form.Item key={f.key} name={['footer', f.key]} label={f.label} style={{ width: 320 }}>
            <Input maxLength={200} />
          </Form.Item>
        ))}
      </Flex>
    </FormModal>
  );
}

interface ColumnValues {
  name: string;
  code: string;
  type: ColumnKind;
  parentId?: string | null;
  sort?: number;
  updateDays?: number | null;
  reviewLevels: number;
  linkUrl?: string | null;
}

function ColumnDialog({
  siteId,
  column,
  columns,
  onCancel,
  onDone,
}: {
  siteId: string;
  column: ColumnView | null;
  columns: ColumnView[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<ColumnValues>();
  const { message } = App.useApp();
  const { saving, error, run } = useSubmit(form);
  const type = Form.useWatch('type', form);
  return (
    <FormModal<ColumnValues>
      title={column ? `编辑栏目：${column.name}` : '新建栏目'}
      open
      form={form}
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={
        column
          ? {
              name: column.name,
              code: column.code,
              type: column.type,
              parentId: column.parentId,
              sort: column.sort,
              updateDays: column.updateDays,
              reviewLevels: column.reviewLevels,
              linkUrl: column.linkUrl,
            }
          : { type: 'news', reviewLevels: 1, sort: 0, updateDays: 14 }
      }
      onFinish={async (v) => {
        const body: ColumnInput = {
          name: v.name.trim(),
          code: v.code.trim(),
          type: v.type,
          parentId: v.parentId ?? null,
          sort: v.sort ?? 0,
          updateDays: v.updateDays ?? null,
          reviewLevels: v.reviewLevels,
          linkUrl: v.type === 'link' ? (v.linkUrl?.trim() ?? null) : null,
        };
        const ok = await run(() =>
          column ? cmsApi.updateColumn(column.id, body) : cmsApi.createColumn(siteId, body),
        );
        if (ok) {
          message.success(column ? '栏目已保存' : '栏目已创建');
          onDone();
        }
      }}
    >
      <Flex gap={16} wrap>
        <Form.Item
          name="name"
          label="栏目名称"
          rules={[{ required: true, whitespace: true, message: '请填写栏目名称' }]}
          style={{ flex: 1, minWidth: 200 }}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label="栏目代码"
          extra="用于网址，如 zwdt"
          rules={[{ required: true, whitespace: true, message: '请填写栏目代码' }]}
          style={{ width: 180 }}
        >
          <Input maxLength={40} />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item name="type" label="栏目类型" style={{ width: 180 }}>
          <Select<ColumnKind>
            options={COLUMN_KINDS.map((k) => ({ value: k, label: COLUMN_KIND_NAMES[k] }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label="上级栏目" style={{ flex: 1, minWidth: 200 }}>
          <ColumnTreeSelect
            columns={columns.filter((c) => c.id !== column?.id)}
            allowClear
            placeholder="顶级栏目"
          />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item
          name="updateDays"
          label="更新周期（天）"
          extra="超过周期未更新将在网站检测中提示"
          style={{ width: 200 }}
        >
          <InputNumber min={1} max={3650} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reviewLevels" label="审核级数" style={{ width: 160 }}>
          <Select
            options={[
              { value: 0, label: '免审' },
              { value: 1, label: '一级审核' },
              { value: 2, label: '二级审核' },
            ]}
          />
        </Form.Item>
        <Form.Item name="sort" label="排序" style={{ width: 120 }}>
          <InputNumber min={-100000} max={100000} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      {type === 'link' ? (
        <Form.Item
          name="linkUrl"
          label="链接地址"
          rules={[{ required: true, whitespace: true, message: '请填写链接地址' }]}
        >
          <Input maxLength={500} placeholder="/services 或 https://" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function SubscriptionsDrawer({
  column,
  sites,
  onClose,
}: {
  column: ColumnView;
  sites: SiteView[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const list = useRequest(`cms:subs:${column.id}`, (signal) => cmsApi.subscriptions(column.id, signal));
  const [form] = Form.useForm<{ siteId?: string; sourceColumnId?: string }>();
  const siteId = Form.useWatch('siteId', form);
  const sourceColumns = useColumns(siteId);
  const { saving, error, run } = useSubmit(form);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const columns: TableColumnsType<SubscriptionView> = [
    { title: '来源网站', dataIndex: 'sourceSiteName' },
    { title: '来源栏目', dataIndex: 'sourceColumnName' },
    { title: '订阅时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_, s) => (
        <Popconfirm
          title="取消该订阅？"
          okText="取消订阅"
          cancelText="保留"
          onConfirm={async () => {
            setRemoveError(null);
            try {
              await cmsApi.unsubscribe(s.id);
              message.success('已取消订阅');
              list.reload();
            } catch (e) {
              setRemoveError(e);
            }
          }}
        >
          <Button size="small" danger>
            取消订阅
            <VisuallyHidden>
              {' '}
              {s.sourceSiteName} {s.sourceColumnName}
            </VisuallyHidden>
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Drawer open title={`栏目订阅：${column.name}`} size="large" onClose={onClose}>
      <Typography.Paragraph type="secondary">
        订阅其他网站的栏目后，来源栏目新发布的稿件自动转载到本栏目（注明来源）。
      </Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={removeError} />
      <ListTable<SubscriptionView>
        label="已订阅的栏目"
        empty="还没有订阅"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={false}
      />
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
        添加订阅
      </Typography.Title>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          const ok = await run(() => cmsApi.subscribe(column.id, v.sourceColumnId ?? ''));
          if (ok) {
            message.success('已订阅');
            form.resetFields();
            list.reload();
          }
        }}
      >
        <Form.Item name="siteId" label="来源网站" rules={[{ required: true, message: '请选择来源网站' }]}>
          <SiteSelect
            sites={sites.filter((s) => s.id !== column.siteId)}
            onChange={() => form.setFieldValue('sourceColumnId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="sourceColumnId"
          label="来源栏目"
          rules={[{ required: true, message: '请选择来源栏目' }]}
        >
          <ColumnTreeSelect
            columns={sourceColumns.data}
            loading={sourceColumns.loading}
            articlesOnly
            disabled={!siteId}
            placeholder={siteId ? '请选择栏目' : '先选择网站'}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          订阅
        </Button>
      </Form>
    </Drawer>
  );
}

function ColumnsSection({ site, sites }: { site: SiteView; sites: SiteView[] }) {
  const { message } = App.useApp();
  const columns = useColumns(site.id);
  const [editing, setEditing] = useState<ColumnView | 'new' | null>(null);
  const [subscribing, setSubscribing] = useState<ColumnView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tree = columnTree(columns.data ?? []);
  const strip = (nodes: ColumnNode[]): ColumnNode[] =>
    nodes.map((n) => ({ ...n, children: n.children.length ? strip(n.children) : (undefined as never) }));

  const tableColumns: TableColumnsType<ColumnNode> = [
    { title: '栏目', dataIndex: 'name' },
    { title: '代码', dataIndex: 'code', width: 110 },
    { title: '类型', dataIndex: 'typeName', width: 100 },
    {
      title: '更新周期',
      dataIndex: 'updateDays',
      width: 100,
      render: (d: number | null) => (d ? `${d} 天` : '—'),
    },
    {
      title: '审核',
      dataIndex: 'reviewLevels',
      width: 90,
      render: (n: number) => (n === 0 ? '免审' : n === 1 ? '一级' : '二级'),
    },
    {
      title: '最近发布',
      dataIndex: 'lastPublishedAt',
      width: 170,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '必备',
      dataIndex: 'requiredAs',
      width: 110,
      render: (r: string | null) => (r ? <ToneTag tone="indigo">{r}</ToneTag> : null),
    },
    {
      title: '操作',
      key: 'op',
      width: 230,
      render: (_, c) => (
        <Flex gap={4} wrap>
          <Button size="small" onClick={() => setEditing(c)}>
            编辑<VisuallyHidden> {c.name}</VisuallyHidden>
          </Button>
          <Button size="small" onClick={() => setSubscribing(c)}>
            订阅<VisuallyHidden> {c.name}</VisuallyHidden>
          </Button>
          {c.requiredAs ? null : (
            <Popconfirm
              title={`删除栏目“${c.name}”？`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={async () => {
                setError(null);
                try {
                  await cmsApi.deleteColumn(c.id);
                  message.success('栏目已删除');
                  columns.reload();
                } catch (e) {
                  setError(e);
                  message.error(errorMessage(e));
                }
              }}
            >
              <Button size="small" danger>
                删除<VisuallyHidden> {c.name}</VisuallyHidden>
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ margin: '24px 0 12px' }}>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {site.name} 的栏目
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建栏目
        </Button>
      </Flex>
      <ErrorAlert error={columns.error} onRetry={columns.reload} />
      <ErrorAlert error={error} />
      <ListTable<ColumnNode>
        label={`${site.name} 的栏目`}
        empty="还没有栏目"
        rowKey="id"
        columns={tableColumns}
        dataSource={strip(tree)}
        loading={columns.loading}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
      />
      {editing ? (
        <ColumnDialog
          siteId={site.id}
          column={editing === 'new' ? null : editing}
          columns={columns.data ?? []}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            columns.reload();
          }}
        />
      ) : null}
      {subscribing ? (
        <SubscriptionsDrawer column={subscribing} sites={sites} onClose={() => setSubscribing(null)} />
      ) : null}
    </>
  );
}

export function SitesPage() {
  const sites = useSites(CMS_MANAGE);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<SiteView | null>(null);
  const chosen = params.get('siteId') ?? undefined;
  const site = sites.mine.find((s) => s.id === chosen) ?? sites.mine[0];

  const columns: TableColumnsType<SiteView> = [
    {
      title: '网站',
      dataIndex: 'name',
      render: (n: string, s) => (
        <Flex gap={4} align="center">
          {n}
          {s.isDefault ? <ToneTag tone="blue">默认</ToneTag> : null}
          {s.status === 'closed' ? <ToneTag tone="gray">已关闭</ToneTag> : null}
        </Flex>
      ),
    },
    { title: '网站标识码', dataIndex: 'siteCode', width: 130 },
    { title: '代码', dataIndex: 'code', width: 100 },
    {
      title: '访问地址',
      key: 'url',
      render: (_, s) => (s.domains.length ? s.domains.join('、') : s.url),
    },
    { title: '主办单位', key: 'sponsor', render: (_, s) => s.footer.sponsor ?? '—' },
    {
      title: '操作',
      key: 'op',
      width: 170,
      render: (_, s) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setEditing(s)}>
            编辑<VisuallyHidden> {s.name}</VisuallyHidden>
          </Button>
          <Button
            size="small"
            type={s.id === site?.id ? 'primary' : 'default'}
            onClick={() => setParams({ siteId: s.id }, { replace: true })}
          >
            栏目<VisuallyHidden> {s.name}</VisuallyHidden>
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="网站与栏目">
        网站的名称、网站标识码、域名和页脚标识（主办单位、备案号、联系方式），各网站的栏目、更新周期、审核级数和栏目订阅。
      </PageHeader>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      <ListTable<SiteView>
        label="网站列表"
        empty="您的管理范围内没有网站"
        rowKey="id"
        columns={columns}
        dataSource={sites.mine}
        loading={sites.loading}
        pagination={false}
      />
      {/* A closed site's columns are not public; it is reopened through 编辑 first. */}
      {site?.status === 'open' ? <ColumnsSection key={site.id} site={site} sites={sites.all} /> : null}
      {editing ? (
        <SiteDialog
          site={editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            sites.reload();
          }}
        />
      ) : null}
    </>
  );
}
