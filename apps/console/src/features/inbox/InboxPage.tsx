import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, Pagination, Segmented, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { inboxApi } from '../../api/endpoints.ts';
import type { InboxMessage } from '../../api/types.ts';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import { setUnread } from './unread.ts';

const BASE = '/console';

/** Links inside the console navigate in place; others open normally. */
function MessageLink({ link, onOpen }: { link: string; onOpen: () => void }) {
  if (link === BASE || link.startsWith(`${BASE}/`)) {
    return (
      <Link to={link.slice(BASE.length) || '/'} onClick={onOpen}>
        查看详情
      </Link>
    );
  }
  if (/^https?:\/\//.test(link) || link.startsWith('/')) {
    return (
      <a href={link} onClick={onOpen} rel="noopener noreferrer">
        查看详情
      </a>
    );
  }
  return null;
}

export function InboxPage() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const inbox = useRequest(`inbox:${page}:${pageSize}`, (signal) => inboxApi.list(page, pageSize, signal));

  useEffect(() => {
    if (inbox.data) setUnread(inbox.data.unread);
  }, [inbox.data]);

  const markRead = async (m: InboxMessage, quiet = false) => {
    if (m.readAt) return;
    setBusy(m.id);
    try {
      await inboxApi.markRead(m.id);
      const now = new Date().toISOString();
      inbox.mutate((d) =>
        d
          ? {
              ...d,
              unread: Math.max(0, d.unread - 1),
              items: d.items.map((x) => (x.id === m.id ? { ...x, readAt: now } : x)),
            }
          : d,
      );
      if (!quiet) message.success('已标为已读');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const markPageRead = async () => {
    const unread = (inbox.data?.items ?? []).filter((m) => !m.readAt);
    setBusy('all');
    try {
      for (const m of unread) await inboxApi.markRead(m.id);
      message.success(`已将 ${unread.length} 条消息标为已读`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      inbox.reload();
    }
  };

  const items = (inbox.data?.items ?? []).filter((m) => !onlyUnread || !m.readAt);
  const pageHasUnread = (inbox.data?.items ?? []).some((m) => !m.readAt);

  return (
    <>
      <PageHeader
        title="消息"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={inbox.reload} loading={inbox.loading}>
              刷新
            </Button>
            <Button
              icon={<CheckOutlined />}
              disabled={!pageHasUnread}
              loading={busy === 'all'}
              onClick={() => void markPageRead()}
            >
              本页全部标为已读
            </Button>
          </>
        }
      >
        {inbox.data ? `共 ${inbox.data.total} 条，未读 ${inbox.data.unread} 条。` : '系统通知与待办提醒。'}
      </PageHeader>
      <ErrorAlert error={inbox.error} onRetry={inbox.reload} />
      <Card
        size="small"
        title={
          <Segmented
            aria-label="显示范围"
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(v) => setOnlyUnread(v === 'unread')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: '本页未读' },
            ]}
          />
        }
      >
        <Spin spinning={inbox.loading} description="正在加载…">
          {items.length === 0 && !inbox.loading ? (
            <Empty description={onlyUnread ? '本页没有未读消息' : '暂无消息'} />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="消息列表">
              {items.map((m) => (
                <li key={m.id} style={{ padding: '12px 4px', borderBottom: '1px solid #f0f0f0' }}>
                  <Flex justify="space-between" gap={16} align="flex-start">
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Flex gap={8} align="center">
                        {!m.readAt ? <Badge status="processing" aria-hidden="true" /> : null}
                        <Typography.Text strong={!m.readAt}>
                          {!m.readAt ? <span className="zt-sr-only">（未读）</span> : null}
                          {m.title}
                        </Typography.Text>
                      </Flex>
                      <Typography.Paragraph
                        type={m.readAt ? 'secondary' : undefined}
                        style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}
                      >
                        {m.body}
                      </Typography.Paragraph>
                      <Flex gap={16} wrap>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(m.createdAt)}
                          {m.readAt ? ` · 已读于 ${formatDateTime(m.readAt)}` : ''}
                        </Typography.Text>
                        {m.link ? <MessageLink link={m.link} onOpen={() => void markRead(m, true)} /> : null}
                      </Flex>
                    </div>
                    {!m.readAt ? (
                      <Button
                        size="small"
                        loading={busy === m.id}
                        onClick={() => void markRead(m)}
                        aria-label={`将“${m.title}”标为已读`}
                      >
                        标为已读
                      </Button>
                    ) : null}
                  </Flex>
                </li>
              ))}
            </ul>
          )}
        </Spin>
        {(inbox.data?.total ?? 0) > pageSize ? (
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Pagination
              current={page}
              pageSize={pageSize}
              total={inbox.data?.total ?? 0}
              showSizeChanger
              pageSizeOptions={[10, 20, 50]}
              showTotal={(t) => `共 ${t} 条`}
              onChange={(p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              }}
            />
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
