// 事项管理: the service items (实施清单) in the administrator's scope, filtered by unit, status and
// text; each opens in the item editor.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePaging, useRequest } from '../../app/hooks.ts';
import { ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { type ItemStatus, type ServiceItemRow, serviceApi } from './api.ts';
import { ITEM_STATUS, ItemStatusTag, useTaxonomy } from './shared.tsx';

export function ServiceListPage() {
  const navigate = useNavigate();
  const orgs = useOrgList();
  const taxonomy = useTaxonomy();
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<ItemStatus | undefined>(undefined);
  const { page, pageSize, setPaging } = usePaging([q, orgId, status]);
  const query = { q: q || undefined, orgId, status, page, pageSize };
  const list = useRequest(`service-items:${JSON.stringify(query)}`, (signal) =>
    serviceApi.list(query, signal),
  );

  const columns: TableColumnsType<ServiceItemRow> = [
    { title: '实施编码', dataIndex: 'code', width: 190, ellipsis: true },
    {
      title: '事项名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/services/${encodeURIComponent(r.id)}`}>{name || '（未命名）'}</Link>
      ),
    },
    {
      title: '事项类型',
      dataIndex: 'itemType',
      width: 110,
      render: (c: string, r) => r.itemTypeName ?? taxonomy.itemTypeName(c),
    },
    { title: '实施主体', dataIndex: 'orgName', ellipsis: true, render: (v?: string) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: ItemStatus) => <ItemStatusTag status={s} />,
    },
    {
      title: '版本',
      dataIndex: 'version',
      width: 70,
      render: (v?: number) => (v ? `v${v}` : '—'),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 170,
      render: (v?: string) => formatDateTime(v),
    },
  ];

  return (
    <>
      <PageHeader
        title="事项管理"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/services/new')}>
              新建事项
            </Button>
          </>
        }
      >
        政务服务事项实施清单：基本信息、申请材料、收费、时限、办理流程、咨询投诉与救济、常见问题和申请表单。发布后在网上办事大厅公开。
      </PageHeader>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label="搜索事项"
          placeholder="按名称或编码搜索"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 260 }}
        />
        <OrgTreeSelect
          aria-label="按实施主体筛选"
          orgs={orgs.data}
          loading={orgs.loading}
          placeholder="全部实施主体"
          value={orgId}
          onChange={(v?: string) => setOrgId(v)}
          style={{ width: 260 }}
        />
        <Select<ItemStatus>
          aria-label="按状态筛选"
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={setStatus}
          options={(Object.keys(ITEM_STATUS) as ItemStatus[]).map((s) => ({
            value: s,
            label: ITEM_STATUS[s].label,
          }))}
          style={{ width: 140 }}
        />
      </Flex>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<ServiceItemRow>
        label="事项列表"
        empty={q || orgId || status ? '没有符合条件的事项' : '还没有事项'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={pager({ page, pageSize, total: list.data?.total, unit: '项', onChange: setPaging })}
      />
    </>
  );
}
