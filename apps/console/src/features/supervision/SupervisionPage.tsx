// 电子监察: live counts of open cases by level (绿/黄/红) that drill down to the case list, breakdowns
// by unit and by item with on-time rate and average handling days against the promised limit, the
// anomalies, 督办 orders, and the monthly/quarterly department scorecards with their ranking.
import { ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Select,
  Statistic,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { usePaging, useRequest } from '../../app/hooks.ts';
import { ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, type Tone, ToneTag } from '../../app/ui.tsx';
import type { Level } from '../cases/api.ts';
import {
  CaseRef,
  caseNumberColumn,
  caseUrl,
  deadlineColumn,
  orgColumn,
  subjectColumn,
} from '../cases/columns.tsx';
import { LEVEL_COLORS, LEVEL_LABELS, LEVEL_OPTIONS, LevelTag, useRemaining } from '../cases/deadline.tsx';
import { caseTypeLabel } from '../cases/labels.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import {
  type Anomaly,
  type BreakdownRow,
  LEVEL_NAMES,
  type LevelCounts,
  type Order,
  type Scorecard,
  type SupervisedCase,
  supervisionApi,
} from './api.ts';
import { OrderDialog } from './OrderDialog.tsx';

function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

function days(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${n.toFixed(1)} 个工作日`;
}

/** A horizontal bar split by level; the counts are also given as text for screen readers. */
function LevelBar({ counts }: { counts: LevelCounts }) {
  const total = counts.green + counts.yellow + counts.red;
  const label = `绿灯 ${counts.green} 件，黄灯 ${counts.yellow} 件，红灯 ${counts.red} 件`;
  return (
    <div
      role="img"
      aria-label={label}
      title={label}
      style={{
        display: 'flex',
        height: 12,
        minWidth: 120,
        borderRadius: 6,
        overflow: 'hidden',
        background: '#e5e7eb',
      }}
    >
      {total > 0
        ? (['green', 'yellow', 'red'] as const).map((l) =>
            counts[l] > 0 ? (
              <div key={l} style={{ width: `${(counts[l] / total) * 100}%`, background: LEVEL_COLORS[l] }} />
            ) : null,
          )
        : null}
    </div>
  );
}

/** Average handling days against the promised limit: a bar filled to avg/limit, red past 100%. */
function DaysBar({ avg, limit }: { avg: number | null; limit: number | null }) {
  if (avg === null || avg === undefined) return <span>—</span>;
  const share = limit ? Math.min(1, avg / limit) : 0;
  const over = !!limit && avg > limit;
  return (
    <Flex vertical gap={2}>
      <span style={{ fontSize: 12 }}>
        {avg.toFixed(1)} / {limit ? limit.toFixed(1) : '—'} 个工作日
      </span>
      <div aria-hidden="true" style={{ height: 6, width: 140, background: '#e5e7eb', borderRadius: 3 }}>
        <div
          style={{
            height: 6,
            width: `${share * 100}%`,
            background: over ? '#dc2626' : '#1d4ed8',
            borderRadius: 3,
          }}
        />
      </div>
    </Flex>
  );
}

function RateCell({ rate }: { rate: number | null }) {
  if (rate === null || rate === undefined) return <span>—</span>;
  const pct = Math.round(rate * 1000) / 10;
  return (
    <Progress
      percent={pct}
      // Never antd's 'success' look at 100%: its green figure falls short of 4.5:1 contrast.
      status="normal"
      size="small"
      strokeColor={pct >= 95 ? '#16a34a' : pct >= 80 ? '#ca8a04' : '#dc2626'}
      format={(p) => `${p}%`}
      style={{ width: 140, margin: 0 }}
      aria-label={`按时办结率 ${pct}%`}
    />
  );
}

function breakdownColumns(
  title: string,
  onDrill?: (row: BreakdownRow) => void,
): TableColumnsType<BreakdownRow> {
  return [
    {
      title,
      dataIndex: 'name',
      render: (name: string, r) =>
        onDrill ? (
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => onDrill(r)}
            aria-label={`查看${name}的在办件`}
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    { title: '在办', dataIndex: 'open', width: 70 },
    {
      title: '期限分布',
      key: 'bar',
      width: 180,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <LevelBar counts={r} />
          <span style={{ fontSize: 12 }}>
            绿 {r.green} · 黄 {r.yellow} · 红 {r.red}
          </span>
        </Flex>
      ),
    },
    { title: '已办结', dataIndex: 'completed', width: 80 },
    { title: '按时办结率', key: 'rate', width: 170, render: (_, r) => <RateCell rate={r.onTimeRate} /> },
    {
      title: '平均办理 / 承诺时限',
      key: 'days',
      width: 190,
      render: (_, r) => <DaysBar avg={r.avgHandlingDays} limit={r.avgLimitDays} />,
    },
  ];
}

function OverviewTab({
  orgId,
  onDrill,
  onUnit,
}: {
  orgId?: string;
  onDrill: (level: Level) => void;
  onUnit: (orgId: string) => void;
}) {
  const overview = useRequest(`sup:overview:${orgId ?? ''}`, (signal) =>
    supervisionApi.overview({ orgId }, signal),
  );
  const o = overview.data;
  return (
    <Flex vertical gap={16}>
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {o ? (
        <Typography.Text type="secondary">
          在办件为 {o.asOf} 的实时数据；办结统计区间 {o.from} 至 {o.to}。
        </Typography.Text>
      ) : null}
      <Row gutter={[16, 16]}>
        {(['green', 'yellow', 'red'] as const).map((l) => (
          <Col xs={24} md={8} key={l}>
            <Card
              size="small"
              style={{ borderTop: `4px solid ${LEVEL_COLORS[l]}` }}
              loading={overview.loading && !o}
            >
              <Flex justify="space-between" align="flex-end">
                <Statistic
                  title={`${LEVEL_NAMES[l]}（${LEVEL_LABELS[l]}）在办件`}
                  value={o?.levels[l] ?? 0}
                  suffix="件"
                />
                <Button onClick={() => onDrill(l)} aria-label={`查看办件（${LEVEL_NAMES[l]}）`}>
                  查看办件
                </Button>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="在办总数" value={o?.open ?? 0} suffix="件" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="暂停计时" value={o?.paused ?? 0} suffix="件" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              待处理异常 {o?.openAnomalies ?? 0} 条 · 督办中 {o?.openOrders ?? 0} 件
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Typography.Text type="secondary">按期办结率（承诺期限）</Typography.Text>
            <div style={{ fontSize: 24 }}>{percent(o?.onTimeRate)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已办结 {o?.completed ?? 0} 件，法定期限内 {percent(o?.legalOnTimeRate)}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Typography.Text type="secondary">平均办理天数 / 承诺时限</Typography.Text>
            <div style={{ fontSize: 20 }}>{days(o?.avgHandlingDays)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              承诺 {days(o?.avgLimitDays)}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="按单位">
        <ListTable<BreakdownRow>
          label="按单位统计"
          empty="暂无数据"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={o?.byUnit ?? []}
          loading={overview.loading}
          columns={breakdownColumns('单位', (r) => onUnit(r.key))}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card size="small" title="按事项">
        <ListTable<BreakdownRow>
          label="按事项统计"
          empty="暂无数据"
          size="small"
          rowKey="key"
          pagination={o && o.byItem.length > 20 ? { pageSize: 20 } : false}
          dataSource={o?.byItem ?? []}
          loading={overview.loading}
          columns={breakdownColumns('事项')}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card size="small" title="按办件类型">
        <ListTable<BreakdownRow>
          label="按办件类型统计"
          empty="暂无数据"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={o?.byCaseType ?? []}
          loading={overview.loading}
          columns={breakdownColumns('办件类型')}
          scroll={{ x: 900 }}
        />
      </Card>
    </Flex>
  );
}

function CasesTab({
  level,
  orgId,
  onLevel,
}: {
  level?: string;
  orgId?: string;
  onLevel: (l?: string) => void;
}) {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const { page, pageSize, setPaging } = usePaging([level, orgId, q]);
  const [ordering, setOrdering] = useState<SupervisedCase | null>(null);
  const query = { level, orgId, q: q || undefined, page, pageSize };
  const list = useRequest(`sup:cases:${JSON.stringify(query)}`, (signal) =>
    supervisionApi.cases(query, signal),
  );
  const items = list.data?.items ?? [];
  const remaining = useRemaining(items.map((c) => c.dueDate));

  const columns: TableColumnsType<SupervisedCase> = [
    deadlineColumn({
      title: '期限',
      key: 'due',
      width: 170,
      due: (c) => c.dueDate,
      level: (c) => c.level,
      // The server's count of working days overdue, where it has one.
      remaining: (c) => (c.daysOverdue > 0 ? `已超期 ${c.daysOverdue} 个工作日` : remaining(c.dueDate)),
      paused: (c) => c.status === 'paused',
    }),
    caseNumberColumn((c) => ({ id: c.caseId, number: c.caseNumber })),
    subjectColumn(
      (c) => c.subject,
      (c) =>
        `${caseTypeLabel(c.caseType, c.caseTypeName)}${
          c.currentSteps?.length ? ` · ${c.currentSteps.map((s) => s.name).join('、')}` : ''
        }`,
    ),
    orgColumn<SupervisedCase>(180),
    { title: '法定期限', dataIndex: 'legalDeadline', width: 110, render: (v: string | null) => v ?? '—' },
    ...(can('supervision.order')
      ? [
          {
            title: '督办',
            key: 'order',
            width: 100,
            render: (_: unknown, c: SupervisedCase) =>
              // One open order per case (the server refuses a second): the tag replaces the button.
              c.openOrders > 0 ? (
                <ToneTag tone="purple">督办中 {c.openOrders} 件</ToneTag>
              ) : (
                <Button
                  size="small"
                  onClick={() => setOrdering(c)}
                  aria-label={`对 ${c.caseNumber} 发出督办`}
                >
                  督办
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Segmented
          aria-label="期限状态"
          value={level ?? 'all'}
          onChange={(v) => onLevel(v === 'all' ? undefined : String(v))}
          options={[{ value: 'all', label: '全部' }, ...LEVEL_OPTIONS]}
        />
        <Input.Search
          allowClear
          placeholder="办件编号、主题"
          aria-label="搜索办件"
          style={{ width: 260 }}
          onSearch={(v) => setQ(v.trim())}
        />
        {level ? (
          <Link to={`/cases?level=${level}${orgId ? `&orgId=${orgId}` : ''}`}>在办件查询中打开</Link>
        ) : null}
      </Flex>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<SupervisedCase>
        label="监察办件列表"
        empty="没有符合条件的办件"
        rowKey="caseId"
        columns={columns}
        dataSource={items}
        loading={list.loading}
        scroll={{ x: 1100 }}
        pagination={pager({
          page,
          pageSize,
          total: list.data?.total,
          unit: '件',
          onChange: setPaging,
        })}
      />
      {ordering ? (
        <OrderDialog
          caseId={ordering.caseId}
          caseNumber={ordering.caseNumber}
          onCancel={() => setOrdering(null)}
          onDone={() => {
            setOrdering(null);
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

const ANOMALY_KINDS = [
  { value: 'refused_without_reason', label: '不予受理或不予许可未说明理由' },
  { value: 'missing_acceptance', label: '未经受理作出决定' },
  { value: 'fee_mismatch', label: '未按标准收费' },
  { value: 'step_overdue', label: '环节超时（总时限未超）' },
  { value: 'legal_overdue', label: '超过法定时限' },
];

function AnomaliesTab({ orgId }: { orgId?: string }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [resolved, setResolved] = useState<'open' | 'resolved'>('open');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const { page, pageSize, setPaging } = usePaging([resolved, kind, orgId]);
  const [handling, setHandling] = useState<Anomaly | null>(null);
  const [form] = Form.useForm<{ resolution: string }>();
  const { saving, error, run, clearError } = useSubmit(form);
  const query = { resolved: resolved === 'resolved', kind, orgId, page, pageSize };
  const list = useRequest(`sup:anomalies:${JSON.stringify(query)}`, (signal) =>
    supervisionApi.anomalies(query, signal),
  );
  const columns: TableColumnsType<Anomaly> = [
    { title: '发现时间', dataIndex: 'detectedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '类型',
      key: 'kind',
      width: 160,
      render: (_, a) => <ToneTag tone="red">{a.kindName ?? a.kind}</ToneTag>,
    },
    {
      title: '办件',
      key: 'case',
      width: 220,
      render: (_, a) => <CaseRef id={a.caseId} number={a.caseNumber} subject={a.subject} />,
    },
    {
      title: '说明',
      key: 'detail',
      render: (_, a) => `${a.stepName ? `【${a.stepName}】` : ''}${a.detail}`,
    },
    { title: '承办单位', dataIndex: 'orgName', width: 160 },
    resolved === 'resolved'
      ? {
          title: '处理情况',
          key: 'resolution',
          width: 220,
          render: (_, a) => `${a.resolution ?? '—'}${a.resolvedByName ? `（${a.resolvedByName}）` : ''}`,
        }
      : {
          title: '操作',
          key: 'ops',
          width: 100,
          render: (_, a) =>
            can('supervision.order') ? (
              <Button
                size="small"
                onClick={() => {
                  clearError();
                  setHandling(a);
                }}
              >
                标记已处理
              </Button>
            ) : null,
        },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Select
          allowClear
          aria-label="异常类型"
          placeholder="全部异常类型"
          style={{ width: 260 }}
          value={kind}
          onChange={setKind}
          options={ANOMALY_KINDS}
        />
        <Segmented
          aria-label="处理状态"
          value={resolved}
          onChange={(v) => setResolved(v as 'open' | 'resolved')}
          options={[
            { value: 'open', label: '待处理' },
            { value: 'resolved', label: '已处理' },
          ]}
        />
      </Flex>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<Anomaly>
        label="异常列表"
        empty="没有异常"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1100 }}
        pagination={pager({ page, pageSize, total: list.data?.total, unit: '条', onChange: setPaging })}
      />
      {handling ? (
        <FormModal<{ resolution: string }>
          title="处理异常"
          open
          form={form}
          okText="标记已处理"
          saving={saving}
          error={error}
          onCancel={() => setHandling(null)}
          onFinish={async (v) => {
            if (await run(() => supervisionApi.resolveAnomaly(handling.id, v.resolution.trim()))) {
              message.success('已标记为已处理');
              setHandling(null);
              list.reload();
            }
          }}
        >
          <Typography.Paragraph>{handling.detail}</Typography.Paragraph>
          <Form.Item
            label="处理说明"
            name="resolution"
            rules={[{ required: true, whitespace: true, message: '请填写处理说明' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}

const ORDER_STATUS: Record<Order['status'], { text: string; tone: Tone }> = {
  open: { text: '待答复', tone: 'gold' },
  replied: { text: '已答复待审核', tone: 'blue' },
  closed: { text: '已办结', tone: 'green' },
};

type OrderDecision = { order: Order; action: 'close' | 'reject' };

function OrdersTab({ orgId }: { orgId?: string }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('all');
  const { page, pageSize, setPaging } = usePaging([status, orgId]);
  const [deciding, setDeciding] = useState<OrderDecision | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const { saving, error, run, clearError } = useSubmit(form);
  const query = { status: status === 'all' ? undefined : status, orgId, page, pageSize };
  const list = useRequest(`sup:orders:${JSON.stringify(query)}`, (signal) =>
    supervisionApi.orders(query, signal),
  );
  const columns: TableColumnsType<Order> = [
    {
      title: '督办件',
      key: 'order',
      width: 210,
      render: (_, o) => (
        <Flex vertical gap={2}>
          <Link to={caseUrl(o.orderCaseId)}>{o.orderCaseNumber}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(o.issuedAt)}
            {o.issuedByName ? ` · ${o.issuedByName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '被督办办件',
      key: 'case',
      width: 220,
      render: (_, o) => <CaseRef id={o.caseId} number={o.caseNumber} subject={o.subject} />,
    },
    { title: '承办单位', dataIndex: 'orgName', width: 170 },
    {
      title: '督办内容',
      dataIndex: 'content',
      render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
    },
    {
      title: '答复期限',
      key: 'deadline',
      width: 130,
      render: (_, o) =>
        o.status === 'open' ? (
          <span>
            <LevelTag level={o.level} /> {o.deadline}
          </span>
        ) : (
          o.deadline
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, o) => (
        <ToneTag tone={ORDER_STATUS[o.status]?.tone ?? 'gray'}>
          {o.statusName || ORDER_STATUS[o.status]?.text}
        </ToneTag>
      ),
    },
    {
      title: '答复',
      key: 'reply',
      width: 240,
      render: (_, o) =>
        o.reply ? (
          <Flex vertical gap={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{o.reply}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.repliedByName ?? ''} {formatDateTime(o.repliedAt)}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">尚未答复</Typography.Text>
        ),
    },
    ...(can('supervision.order')
      ? [
          {
            title: '审核',
            key: 'ops',
            width: 130,
            render: (_: unknown, o: Order) =>
              o.status === 'replied' ? (
                <Flex vertical gap={4} align="flex-start">
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      clearError();
                      setDeciding({ order: o, action: 'close' });
                    }}
                    aria-label={`办结督办 ${o.orderCaseNumber}`}
                  >
                    办结督办
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      clearError();
                      setDeciding({ order: o, action: 'reject' });
                    }}
                    aria-label={`退回 ${o.orderCaseNumber} 重新答复`}
                  >
                    退回重新答复
                  </Button>
                </Flex>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      <Segmented
        aria-label="督办状态"
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: 'all', label: '全部' },
          { value: 'open', label: '待答复' },
          { value: 'replied', label: '待审核' },
          { value: 'closed', label: '已办结' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Typography.Text type="secondary">
        在“预警办件”或办件详情中发出督办；承办单位负责人在待办事项中答复，监察员审核后办结。
      </Typography.Text>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<Order>
        label="督办列表"
        empty="暂无督办"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1400 }}
        pagination={pager({ page, pageSize, total: list.data?.total, unit: '件', onChange: setPaging })}
      />
      {deciding ? (
        <FormModal<{ comment?: string }>
          title={deciding.action === 'close' ? '办结督办' : '退回重新答复'}
          open
          form={form}
          okText={deciding.action === 'close' ? '办结督办' : '退回'}
          saving={saving}
          error={error}
          onCancel={() => setDeciding(null)}
          onFinish={async (v) => {
            const done = await run(() =>
              supervisionApi.actOnOrder(deciding.order.id, {
                action: deciding.action,
                ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
              }),
            );
            if (done) {
              message.success(deciding.action === 'close' ? '督办已办结' : '已退回承办单位重新答复');
              setDeciding(null);
              list.reload();
            }
          }}
        >
          <Typography.Paragraph>答复：{deciding.order.reply ?? '—'}</Typography.Paragraph>
          <Form.Item
            label={deciding.action === 'close' ? '审核意见' : '退回理由'}
            name="comment"
            rules={
              deciding.action === 'reject'
                ? [{ required: true, whitespace: true, message: '请填写退回理由' }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}

const GRADE_TONES: Record<string, Tone> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red' };

/** '2026-11' → month 11 of 2026; '2026-Q4' → quarter 4. */
function parsePeriod(
  code: string | undefined,
): { kind: 'month' | 'quarter'; year: number; index: number } | null {
  const m = code ? /^(\d{4})-(Q?)(\d{1,2})$/.exec(code) : null;
  if (!m) return null;
  return { kind: m[2] ? 'quarter' : 'month', year: Number(m[1]), index: Number(m[3]) };
}

function periodCode(kind: 'month' | 'quarter', year: number, index: number): string {
  return kind === 'month' ? `${year}-${String(index).padStart(2, '0')}` : `${year}-Q${index}`;
}

function ScorecardsTab({ orgId }: { orgId?: string }) {
  // The first load asks for the server's default: the current month, by the server's clock.
  const [code, setCode] = useState<string | undefined>(undefined);
  const list = useRequest(`sup:scorecards:${code ?? ''}:${orgId ?? ''}`, (signal) =>
    supervisionApi.scorecards({ period: code, orgId }, signal),
  );
  const current = parsePeriod(code ?? list.data?.period.code);
  const kind = current?.kind ?? 'month';
  const year = current?.year ?? new Date().getFullYear();
  const index = current?.index ?? 1;
  const columns: TableColumnsType<Scorecard> = [
    { title: '排名', dataIndex: 'rank', width: 70 },
    { title: '单位', dataIndex: 'orgName' },
    {
      title: '办结件数',
      key: 'completed',
      width: 110,
      render: (_, s) => `${s.completed}（有时限 ${s.timed}）`,
    },
    { title: '按期办结率', key: 'rate', width: 170, render: (_, s) => <RateCell rate={s.onTimeRate} /> },
    { title: '异常', dataIndex: 'anomalies', width: 70 },
    {
      title: '好差评',
      key: 'ratings',
      width: 190,
      render: (_, s) =>
        s.ratings > 0
          ? `均分 ${s.ratingAverage?.toFixed(2) ?? '—'}，好评率 ${percent(s.satisfaction)}（${s.ratings} 条，差评 ${s.badRatings}）`
          : '暂无评价',
    },
    { title: '综合得分', dataIndex: 'score', width: 90, render: (v: number) => v.toFixed(1) },
    {
      title: '等级',
      dataIndex: 'grade',
      width: 90,
      render: (g: string) => <ToneTag tone={GRADE_TONES[g] ?? 'gray'}>{g}</ToneTag>,
    },
  ];
  const indexOptions =
    kind === 'month'
      ? Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))
      : [1, 2, 3, 4].map((q) => ({ value: q, label: `第 ${q} 季度` }));
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Segmented
          aria-label="考核周期"
          value={kind}
          onChange={(v) => {
            const k = v as 'month' | 'quarter';
            if (k !== kind) setCode(periodCode(k, year, k === 'month' ? index * 3 : Math.ceil(index / 3)));
          }}
          options={[
            { value: 'month', label: '月度' },
            { value: 'quarter', label: '季度' },
          ]}
        />
        <InputNumber
          aria-label="年度"
          value={year}
          min={2020}
          max={2100}
          precision={0}
          onChange={(v) => v && setCode(periodCode(kind, v, index))}
          suffix="年"
          style={{ width: 120 }}
        />
        <Select
          aria-label={kind === 'month' ? '月份' : '季度'}
          value={index}
          onChange={(v) => setCode(periodCode(kind, year, v))}
          options={indexOptions}
          style={{ width: 120 }}
        />
      </Flex>
      {list.data ? (
        <Typography.Text type="secondary">
          {list.data.period.name}（{list.data.period.from} 至 {list.data.period.to}）。{list.data.formula}
        </Typography.Text>
      ) : null}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<Scorecard>
        label="绩效考核排名"
        empty="该周期暂无考核数据"
        rowKey="orgId"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 1000 }}
      />
    </Flex>
  );
}

export function SupervisionPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const level = params.get('level') ?? undefined;
  const orgId = params.get('orgId') ?? undefined;
  const orgs = useOrgList(can('org.read'));
  const [nonce, setNonce] = useState(0);

  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const merged = { tab, level, orgId, ...next };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="电子监察"
        extra={
          <>
            {can('org.read') ? (
              <OrgTreeSelect
                orgs={orgs.data}
                loading={orgs.loading}
                value={orgId}
                onChange={(v) => go({ orgId: v ?? undefined })}
                placeholder="全部单位"
                aria-label="监察范围"
                style={{ width: 240 }}
              />
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)}>
              刷新
            </Button>
          </>
        }
      >
        实时监察办件时限：承诺时限用去 80% 或仅剩 1 个工作日亮黄灯，超过期限亮红灯。
      </PageHeader>
      <Card size="small">
        <Tabs
          key={nonce}
          activeKey={tab}
          onChange={(k) => go({ tab: k })}
          items={[
            {
              key: 'overview',
              label: '总览',
              children: (
                <OverviewTab
                  orgId={orgId}
                  onDrill={(l) => go({ tab: 'cases', level: l })}
                  onUnit={(unit) => go({ tab: 'cases', orgId: unit, level: undefined })}
                />
              ),
            },
            {
              key: 'cases',
              label: '预警办件',
              children: (
                <CasesTab level={level} orgId={orgId} onLevel={(l) => go({ tab: 'cases', level: l })} />
              ),
            },
            { key: 'anomalies', label: '异常', children: <AnomaliesTab orgId={orgId} /> },
            { key: 'orders', label: '督办', children: <OrdersTab orgId={orgId} /> },
            { key: 'scorecards', label: '绩效考核', children: <ScorecardsTab orgId={orgId} /> },
          ]}
        />
      </Card>
    </>
  );
}
