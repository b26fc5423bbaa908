// 好差评: applicants' ratings of completed cases (five levels, 国办发〔2019〕51号) with their comments;
// bad ratings (不满意, 非常不满意) show the rectification opened for the unit. A second tab shows the
// per-unit results as published to the public.
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Progress,
  Select,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, type Tone, ToneTag } from '../../app/ui.tsx';
import { CaseRef, caseUrl } from '../cases/columns.tsx';
import {
  RATING_INDICATORS,
  RATING_LEVEL_NAMES as SCORE_NAMES,
  RATING_SCORES,
  RECTIFICATION_STATUS_NAMES,
  type Rating,
  type RatingQuery,
  type RectificationStatus,
  ratingsApi,
  type UnitResults,
} from './api.ts';

const SCORE_TONES: Record<number, Tone> = { 5: 'green', 4: 'green', 3: 'blue', 2: 'orange', 1: 'red' };

const RECTIFY: Record<RectificationStatus, { text: string; tone: Tone }> = {
  none: { text: RECTIFICATION_STATUS_NAMES.none, tone: 'gray' },
  open: { text: RECTIFICATION_STATUS_NAMES.open, tone: 'gold' },
  rectified: { text: RECTIFICATION_STATUS_NAMES.rectified, tone: 'green' },
};

const INDICATORS = Object.entries(RATING_INDICATORS) as [keyof Rating['indicators'], string][];

function Stars({ score }: { score: number }) {
  return (
    <span aria-hidden="true" style={{ color: '#b45309', letterSpacing: 2 }}>
      {'★'.repeat(score)}
      {'☆'.repeat(Math.max(0, 5 - score))}
    </span>
  );
}

function RectificationCell({ r }: { r: Rating }) {
  const x = r.rectification;
  if (!x || x.status === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      <ToneTag tone={RECTIFY[x.status]?.tone ?? 'gray'}>{x.statusName}</ToneTag>
      {x.deadline && x.status === 'open' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          整改期限 {x.deadline}
        </Typography.Text>
      ) : null}
      {x.rectifiedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(x.rectifiedAt)} 整改完成
        </Typography.Text>
      ) : null}
      {x.caseId ? (
        <Link to={caseUrl(x.caseId)} style={{ fontSize: 12 }}>
          {x.caseNumber ? `整改件 ${x.caseNumber}` : '查看整改件'}
        </Link>
      ) : null}
    </Flex>
  );
}

function RatingDetail({ r }: { r: Rating }) {
  const x = r.rectification;
  const indicators = INDICATORS.filter(([k]) => r.indicators[k] !== null);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        ...indicators.map(([k, label]) => ({
          key: k,
          label,
          children: `${r.indicators[k]} 星（${SCORE_NAMES[r.indicators[k] ?? 0] ?? ''}）`,
        })),
        ...(x?.note ? [{ key: 'note', label: '整改情况', children: x.note }] : []),
        ...(x?.followupNote ? [{ key: 'follow', label: '回访情况', children: x.followupNote }] : []),
        ...(indicators.length === 0 && !x?.note && !x?.followupNote
          ? [{ key: 'none', label: '说明', children: '没有分项评价和整改记录' }]
          : []),
      ]}
    />
  );
}

interface FilterValues {
  score?: number;
  rectification?: RectificationStatus;
  month?: Dayjs | null;
  q?: string;
}

function RatingsList() {
  const url = useUrlQuery(['score', 'rectification', 'period', 'q']);
  const { page, pageSize, setQuery } = url;
  const [form] = Form.useForm<FilterValues>();
  const filters = {
    ...url.filters,
    score: url.filters.score ? Number(url.filters.score) : undefined,
    rectification: url.filters.rectification as RectificationStatus | undefined,
  };
  const query: RatingQuery = { ...filters, page, pageSize };
  const list = useRequest(`ratings:${JSON.stringify(query)}`, (signal) => ratingsApi.list(query, signal));

  const columns: TableColumnsType<Rating> = [
    {
      title: '评价',
      key: 'score',
      width: 190,
      render: (_, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Stars score={r.score} />
          <ToneTag tone={SCORE_TONES[r.score] ?? 'gray'}>
            {r.levelName || SCORE_NAMES[r.score]}（{r.score} 星）
          </ToneTag>
        </Flex>
      ),
    },
    {
      title: '评价内容',
      dataIndex: 'comment',
      render: (c: string) =>
        c ? (
          <span style={{ whiteSpace: 'pre-wrap' }}>{c}</span>
        ) : (
          <Typography.Text type="secondary">未填写</Typography.Text>
        ),
    },
    {
      title: '办件',
      key: 'case',
      width: 230,
      render: (_, r) => <CaseRef id={r.caseId} number={r.caseNumber} subject={r.subject} />,
    },
    { title: '被评价单位', dataIndex: 'orgName', width: 170 },
    { title: '评价日期', dataIndex: 'ratedOn', width: 110 },
    { title: '差评整改', key: 'rectify', width: 190, render: (_, r) => <RectificationCell r={r} /> },
  ];

  return (
    <>
      <Form<FilterValues>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{
          score: filters.score,
          rectification: filters.rectification,
          q: filters.q,
          month:
            filters.period && /^\d{4}-\d{2}$/.test(filters.period) ? dayjs(`${filters.period}-01`) : null,
        }}
        onFinish={(v) =>
          setQuery({
            score: v.score,
            rectification: v.rectification,
            period: v.month ? v.month.format('YYYY-MM') : undefined,
            q: v.q?.trim() || undefined,
            pageSize,
          })
        }
        aria-label="筛选评价"
      >
        <Form.Item label="评价等级" name="score">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 150 }}
            options={RATING_SCORES.map((s) => ({ value: s, label: SCORE_NAMES[s] }))}
          />
        </Form.Item>
        <Form.Item label="整改状态" name="rectification">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 130 }}
            options={(['open', 'rectified'] as const).map((value) => ({ value, label: RECTIFY[value].text }))}
          />
        </Form.Item>
        <Form.Item label="评价月份" name="month">
          <DatePicker picker="month" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="关键字" name="q">
          <Input
            allowClear
            placeholder="办件编号、主题、评价内容"
            style={{ width: 220 }}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item>
          <FilterButtons
            onReset={() => {
              form.setFieldsValue({ score: undefined, rectification: undefined, q: undefined, month: null });
              setQuery({ pageSize });
            }}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<Rating>
        label="评价列表"
        empty="暂无评价"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1100 }}
        expandable={{ expandedRowRender: (r) => <RatingDetail r={r} /> }}
        pagination={pager({
          page,
          pageSize,
          total: list.data?.total,
          unit: '条',
          onChange: (p, size) => setQuery({ ...url.filters, page: p, pageSize: size }),
        })}
      />
    </>
  );
}

function UnitResultsTable() {
  const [month, setMonth] = useState<Dayjs | null>(null);
  const period = month ? month.format('YYYY-MM') : undefined;
  const results = useRequest(`rating-units:${period ?? ''}`, (signal) =>
    ratingsApi.unitResults(period, signal),
  );
  const r = results.data;
  const columns: TableColumnsType<UnitResults['items'][number]> = [
    { title: '单位', dataIndex: 'orgName' },
    { title: '评价数', dataIndex: 'count', width: 80 },
    {
      title: '满意率',
      key: 'rate',
      width: 180,
      render: (_, u) => (
        <Progress
          percent={Math.round(u.satisfactionRate * 1000) / 10}
          status="normal"
          size="small"
          style={{ width: 150, margin: 0 }}
          format={() => u.satisfactionText}
          aria-label={`满意率 ${u.satisfactionText}`}
        />
      ),
    },
    { title: '平均分', dataIndex: 'averageScore', width: 80, render: (v: number) => v.toFixed(2) },
    { title: '差评', dataIndex: 'badCount', width: 70 },
    { title: '已整改', dataIndex: 'rectifiedCount', width: 80 },
    {
      title: '整改率',
      dataIndex: 'rectificationRate',
      width: 90,
      render: (v: number, u) => (u.badCount > 0 ? `${(v * 100).toFixed(1)}%` : '—'),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <DatePicker
          picker="month"
          value={month}
          onChange={setMonth}
          aria-label="统计月份"
          placeholder="本月"
        />
        {r ? (
          <Typography.Text type="secondary">
            {r.periodName}（{r.from} 至 {r.to}）：共 {r.total.count} 条评价，满意 {r.total.satisfiedCount}{' '}
            条，差评 {r.total.badCount} 条，已整改 {r.total.rectifiedCount} 条。
          </Typography.Text>
        ) : null}
      </Flex>
      <ErrorAlert error={results.error} onRetry={results.reload} />
      <ListTable<UnitResults['items'][number]>
        label="各单位评价结果"
        empty="该期间暂无评价"
        rowKey="orgId"
        columns={columns}
        dataSource={r?.items ?? []}
        loading={results.loading}
        pagination={false}
      />
    </Flex>
  );
}

export function RatingsPage() {
  const [nonce, setNonce] = useState(0);
  return (
    <>
      <PageHeader
        title="好差评"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)}>
            刷新
          </Button>
        }
      >
        办事人对已办结事项的评价。差评（不满意、非常不满意）由被评价单位限期整改并回访，各单位结果向社会公开。
      </PageHeader>
      <Card size="small">
        <Tabs
          key={nonce}
          items={[
            { key: 'list', label: '评价记录', children: <RatingsList /> },
            { key: 'units', label: '单位评价结果', children: <UnitResultsTable /> },
          ]}
        />
      </Card>
    </>
  );
}
