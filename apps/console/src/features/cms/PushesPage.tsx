// 信息报送: for one site in the user's scope, the articles other sites pushed to it (a reviewer accepts
// them, publishing a copy that credits the source, or returns them with a reason), the site's own
// pushes with their state, and adoption statistics per sending unit for a month.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, type TableColumnsType, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ListTable } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, VisuallyHidden } from '../../app/ui.tsx';
import { ReasonDialog } from './ArticleDialogs.tsx';
import { cmsApi, type PushStats, type PushView } from './api.ts';
import { CMS_REVIEW, PushStatusTag, SiteSelect, thisMonth, useSites } from './shared.tsx';

function rate(r: number): string {
  return `${(r * 100).toFixed(1)}%`;
}

function PushList({ siteId, direction }: { siteId: string; direction: 'incoming' | 'outgoing' }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const list = useRequest(`cms:pushes:${siteId}:${direction}`, (signal) =>
    cmsApi.pushes({ siteId, direction }, signal),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState<PushView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const incoming = direction === 'incoming';

  const accept = async (p: PushView) => {
    setBusy(p.id);
    setError(null);
    try {
      await cmsApi.acceptPush(p.id);
      message.success(`已采用“${p.title}”，转载稿已发布`);
      list.reload();
    } catch (e) {
      setError(e);
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<PushView> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, p) =>
        p.copyArticleId ? <Link to={`/articles/${encodeURIComponent(p.copyArticleId)}`}>{t}</Link> : t,
    },
    incoming
      ? { title: '报送网站', dataIndex: 'sourceSiteName', width: 170 }
      : { title: '目标网站', dataIndex: 'targetSiteName', width: 170 },
    { title: '目标栏目', dataIndex: 'targetColumnName', width: 130 },
    { title: '报送时间', dataIndex: 'pushedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (s: PushView['status'], p) => (
        <Flex vertical gap={2} align="start">
          <PushStatusTag status={s} />
          {p.reason ? <span style={{ fontSize: 12 }}>退回理由：{p.reason}</span> : null}
          {p.decidedAt ? <span style={{ fontSize: 12 }}>{formatDateTime(p.decidedAt)}</span> : null}
        </Flex>
      ),
    },
    ...(incoming && can(CMS_REVIEW)
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, p: PushView) =>
              p.status === 'pending' ? (
                <Flex gap={4}>
                  <Button size="small" type="primary" loading={busy === p.id} onClick={() => void accept(p)}>
                    采用<VisuallyHidden> {p.title}</VisuallyHidden>
                  </Button>
                  <Button size="small" danger onClick={() => setReturning(p)}>
                    退回<VisuallyHidden> {p.title}</VisuallyHidden>
                  </Button>
                </Flex>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={error} />
      <ListTable<PushView>
        label={incoming ? '收到的报送' : '本网站的报送'}
        empty={incoming ? '没有收到报送' : '还没有报送'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
      />
      {returning ? (
        <ReasonDialog
          title={`退回报送“${returning.title}”`}
          label="退回理由"
          okText="退回"
          onCancel={() => setReturning(null)}
          onSubmit={(reason) => cmsApi.returnPush(returning.id, reason)}
          onDone={() => {
            setReturning(null);
            message.success('已退回报送');
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

function Stats({ siteId }: { siteId: string }) {
  const [month, setMonth] = useState(thisMonth());
  const stats = useRequest(`cms:push-stats:${siteId}:${month}`, (signal) =>
    cmsApi.pushStats(siteId, month, signal),
  );
  const columns: TableColumnsType<PushStats['items'][number]> = [
    { title: '报送单位', dataIndex: 'orgName' },
    { title: '报送', dataIndex: 'sent', width: 80 },
    { title: '采用', dataIndex: 'accepted', width: 80 },
    { title: '退回', dataIndex: 'returned', width: 80 },
    { title: '待处理', dataIndex: 'pending', width: 80 },
    { title: '采用率', dataIndex: 'adoptionRate', width: 100, render: (r: number) => rate(r) },
  ];
  const t = stats.data?.total;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <label htmlFor="zt-push-month">统计月份</label>
        <DatePicker
          id="zt-push-month"
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
      </Flex>
      <ErrorAlert error={stats.error} onRetry={stats.reload} />
      {t ? (
        <Typography.Text>
          {month} 共收到报送 {t.sent} 条，采用 {t.accepted} 条，退回 {t.returned} 条，待处理 {t.pending}{' '}
          条，采用率 {rate(t.adoptionRate)}。
        </Typography.Text>
      ) : null}
      <ListTable
        label="各单位报送采用情况"
        empty="该月没有报送"
        rowKey="orgId"
        columns={columns}
        dataSource={stats.data?.items ?? []}
        loading={stats.loading}
        pagination={false}
      />
    </Flex>
  );
}

export function PushesPage() {
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('siteId') ?? undefined;
  const siteId = chosen && sites.mine.some((s) => s.id === chosen) ? chosen : sites.mine[0]?.id;
  const tab = params.get('tab') ?? 'incoming';
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ siteId, tab, ...next })) if (v) p.set(k, v);
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="信息报送"
        extra={
          <Button icon={<ReloadOutlined />} onClick={sites.reload}>
            刷新
          </Button>
        }
      >
        县区和部门网站把已发布的稿件报送到其他网站（通常是城市门户）的栏目；对方审核人采用后发布注明来源的转载稿，或说明理由退回。在稿件页面点击“报送到其他网站”发起报送。
      </PageHeader>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <label htmlFor="zt-push-site">网站</label>
        <SiteSelect
          id="zt-push-site"
          sites={sites.mine}
          loading={sites.loading}
          value={siteId}
          onChange={(v) => set({ siteId: v })}
          style={{ width: 240 }}
        />
      </Flex>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      {siteId ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          items={[
            {
              key: 'incoming',
              label: '收到的报送',
              children: <PushList siteId={siteId} direction="incoming" />,
            },
            {
              key: 'outgoing',
              label: '报送记录',
              children: <PushList siteId={siteId} direction="outgoing" />,
            },
            { key: 'stats', label: '采用统计', children: <Stats siteId={siteId} /> },
          ]}
        />
      ) : sites.loading ? null : (
        <Typography.Paragraph>您的管理范围内没有网站。</Typography.Paragraph>
      )}
    </>
  );
}
