// Every saved version of an article, and the difference between any two of them as the server
// computes it (title and text word by word, the other fields before and after).
import { Card, Empty, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useRequest } from '../../app/hooks.ts';
import { ListTable } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, ToneTag } from '../../app/ui.tsx';
import { cmsApi, type DiffPart, REVISION_FIELD_NAMES, type RevisionView, VALIDITY_NAMES } from './api.ts';

const INSERT_STYLE = { background: '#dcfce7', color: '#14532d', textDecoration: 'underline' } as const;
const DELETE_STYLE = { background: '#fee2e2', color: '#7f1d1d', textDecoration: 'line-through' } as const;

/** The parts of a word diff; insertions and deletions are named for screen readers too. */
export function DiffText({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <section
      aria-label={label}
      style={{
        whiteSpace: 'pre-wrap',
        lineHeight: 1.9,
        padding: 12,
        border: '1px solid #e5e7eb',
        borderRadius: 6,
      }}
    >
      {parts.map((p, i) =>
        p.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity besides their place
          <ins key={i} style={INSERT_STYLE} title="新增">
            {p.text}
          </ins>
        ) : p.op === 'delete' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity besides their place
          <del key={i} style={DELETE_STYLE} title="删除">
            {p.text}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity besides their place
          <span key={i}>{p.text}</span>
        ),
      )}
    </section>
  );
}

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'validity' && typeof v === 'string')
    return VALIDITY_NAMES[v as keyof typeof VALIDITY_NAMES] ?? v;
  if (field === 'attachments' && Array.isArray(v))
    return v.map((a) => (a as { name?: string }).name ?? '').join('、') || '（无）';
  if (Array.isArray(v)) return v.length ? v.join('、') : '（无）';
  if (field === 'expiresAt' && typeof v === 'string') return formatDateTime(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function RevisionsPanel({ articleId }: { articleId: string }) {
  const revisions = useRequest(`cms:revisions:${articleId}`, (signal) => cmsApi.revisions(articleId, signal));
  const items = revisions.data?.items ?? [];
  const newest = items.reduce((m, r) => Math.max(m, r.number), 0);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const to = pair.to ?? newest;
  const from = pair.from ?? Math.max(1, to - 1);
  const diff = useRequest(
    newest > 1 && from !== to ? `cms:diff:${articleId}:${from}:${to}` : null,
    (signal) => cmsApi.diff(articleId, from, to, signal),
  );
  const options = [...items]
    .sort((a, b) => b.number - a.number)
    .map((r) => ({ value: r.number, label: `第 ${r.number} 版：${r.title}` }));

  const columns: TableColumnsType<RevisionView> = [
    { title: '版本', dataIndex: 'number', width: 80, render: (n: number) => `第 ${n} 版` },
    { title: '标题', dataIndex: 'title', ellipsis: true },
    { title: '说明', dataIndex: 'note', render: (n: string) => n || '—' },
    { title: '保存时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '',
      key: 'flags',
      width: 150,
      render: (_, r) => (
        <Flex gap={4}>
          {r.isCurrent ? <ToneTag tone="blue">当前</ToneTag> : null}
          {r.isPublic ? <ToneTag tone="green">公开</ToneTag> : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <ErrorAlert error={revisions.error} onRetry={revisions.reload} />
      <ListTable<RevisionView>
        label="版本记录"
        empty="没有版本记录"
        rowKey="number"
        columns={columns}
        dataSource={items}
        loading={revisions.loading}
        pagination={false}
      />
      <Card size="small" title="版本比较">
        {newest <= 1 ? (
          <Empty description="只有一个版本，暂无可比较的修改" />
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={12} wrap align="center">
              <label htmlFor="zt-diff-from">比较</label>
              <Select<number>
                id="zt-diff-from"
                style={{ width: 260 }}
                value={from}
                options={options}
                onChange={(v) => setPair({ from: v, to })}
              />
              <label htmlFor="zt-diff-to">与</label>
              <Select<number>
                id="zt-diff-to"
                style={{ width: 260 }}
                value={to}
                options={options}
                onChange={(v) => setPair({ from, to: v })}
              />
            </Flex>
            <ErrorAlert error={diff.error} onRetry={diff.reload} />
            {from === to ? <Typography.Text type="secondary">请选择两个不同的版本</Typography.Text> : null}
            {diff.data ? (
              <>
                <Typography.Text>
                  第 {diff.data.from} 版 → 第 {diff.data.to} 版：
                  <ins style={INSERT_STYLE}>新增</ins>、<del style={DELETE_STYLE}>删除</del>
                </Typography.Text>
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  标题
                </Typography.Title>
                <DiffText parts={diff.data.title} label="标题的差异" />
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  正文
                </Typography.Title>
                <DiffText parts={diff.data.body} label="正文的差异" />
                {diff.data.fields.length > 0 ? (
                  <>
                    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                      其他修改
                    </Typography.Title>
                    <ul aria-label="其他字段的修改" style={{ margin: 0 }}>
                      {diff.data.fields.map((f) => (
                        <li key={f.field}>
                          {REVISION_FIELD_NAMES[f.field] ?? f.field}：
                          <del style={DELETE_STYLE}>{show(f.field, f.before)}</del> →{' '}
                          <ins style={INSERT_STYLE}>{show(f.field, f.after)}</ins>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </>
            ) : null}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
