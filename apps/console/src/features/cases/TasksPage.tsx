// 待办事项: one inbox of the open tasks the signed-in staff member may act on, across case types,
// coloured by deadline, with filters, claim and a link into the case.
import { ReloadOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useUser } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, ToneTag } from '../../app/ui.tsx';
import { type Level, type TaskQuery, type TaskRow, tasksApi } from './api.ts';
import { DeadlineCell, LEVEL_OPTIONS, useRemaining } from './deadline.tsx';
import { CASE_TYPE_OPTIONS, caseTypeLabel } from './labels.tsx';
import { FocusableScroll } from './FocusableScroll.tsx';

interface FilterValues {
  caseType?: string;
  level?: string;
  q?: string;
}

export function TasksPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const [claiming, setClaiming] = useState<string | null>(null);
  const filters: FilterValues = {
    caseType: params.get('caseType') ?? undefined,
    level: params.get('level') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query: TaskQuery = { ...filters, page, pageSize };
  const tasks = useRequest(`tasks:${JSON.stringify(query)}`, (signal) => tasksApi.list(query, signal));
  const items = tasks.data?.items ?? [];
  const remaining = useRemaining(items.map((t) => t.dueDate));

  const setQuery = (next: FilterValues & { page?: number; pageSize?: number }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) p.set(k, String(v));
    setParams(p, { replace: true });
  };

  const apply = (v: FilterValues) => setQuery({ ...v, q: v.q?.trim() || undefined, pageSize });

  const claim = async (t: TaskRow) => {
    setClaiming(t.id);
    try {
      await tasksApi.claim(t.id);
      message.success(`已签收“${t.caseNumber}”的${t.stepName}任务`);
      tasks.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setClaiming(null);
    }
  };

  const typeOptions = [
    ...CASE_TYPE_OPTIONS,
    ...items
      .filter((t) => !CASE_TYPE_OPTIONS.some((o) => o.value === t.caseType))
      .map((t) => ({ value: t.caseType, label: caseTypeLabel(t.caseType, t.caseTypeName) })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  const columns: TableColumnsType<TaskRow> = [
    {
      title: '期限',
      key: 'due',
      width: 170,
      render: (_, t) => <DeadlineCell due={t.dueDate} level={t.level} remaining={remaining(t.dueDate)} />,
    },
    {
      title: '办件编号',
      dataIndex: 'caseNumber',
      width: 200,
      render: (n: string, t) => <Link to={`/cases/${encodeURIComponent(t.caseId)}`}>{n}</Link>,
    },
    {
      title: '事项 / 主题',
      key: 'subject',
      render: (_, t) => (
        <Flex vertical gap={2}>
          <Typography.Text>{t.subject}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {caseTypeLabel(t.caseType, t.caseTypeName)}
            {t.applicantName ? ` · 申请人：${t.applicantName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '当前环节', dataIndex: 'stepName', width: 130 },
    {
      title: '办件期限',
      key: 'caseDue',
      width: 150,
      render: (_, t) =>
        t.caseDueDate ? (
          <DeadlineCell due={t.caseDueDate} level={t.caseLevel} remaining={remaining(t.caseDueDate)} />
        ) : (
          '未起算'
        ),
    },
    { title: '承办单位', dataIndex: 'orgName', width: 170, render: (v: string | null) => v ?? '—' },
    {
      title: '签收',
      key: 'claimed',
      width: 120,
      render: (_, t) =>
        t.claimedBy ? (
          <ToneTag tone={t.claimedBy === user.id ? 'blue' : 'gray'}>
            {t.claimedBy === user.id ? '我已签收' : `${t.claimedByName ?? '他人'}已签收`}
          </ToneTag>
        ) : (
          <Typography.Text type="secondary">未签收</Typography.Text>
        ),
    },
    { title: '到达时间', dataIndex: 'openedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'ops',
      width: 150,
      fixed: 'right',
      render: (_, t) => (
        <Flex gap={8}>
          <Link to={`/cases/${encodeURIComponent(t.caseId)}`} aria-label={`办理 ${t.caseNumber}`}>
            办理
          </Link>
          {!t.claimedBy ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto' }}
              loading={claiming === t.id}
              onClick={() => void claim(t)}
              aria-label={`签收 ${t.caseNumber} 的${t.stepName}任务`}
            >
              签收
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  const levelCounts = items.reduce<Record<Level, number>>(
    (acc, t) => {
      acc[t.level] = (acc[t.level] ?? 0) + 1;
      return acc;
    },
    { green: 0, yellow: 0, red: 0 },
  );

  return (
    <>
      <PageHeader
        title="待办事项"
        extra={
          <Button icon={<ReloadOutlined />} onClick={tasks.reload} loading={tasks.loading}>
            刷新
          </Button>
        }
      >
        {tasks.data
          ? `共 ${tasks.data.total} 项待办。本页：红灯 ${levelCounts.red} 项，黄灯 ${levelCounts.yellow} 项，绿灯 ${levelCounts.green} 项。`
          : '您可以办理的各类办件任务，按期限排列。'}
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          onFinish={apply}
          initialValues={filters}
          aria-label="筛选待办"
        >
          <Row gutter={16}>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="办件类型" name="caseType">
                <Select allowClear placeholder="全部" options={typeOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="期限状态" name="level">
                <Select allowClear placeholder="全部" options={LEVEL_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item label="关键字" name="q">
                <Input allowClear placeholder="办件编号、主题、申请人" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} xl={6}>
              <Flex gap={8} align="flex-end" style={{ height: '100%', paddingBottom: 24 }}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  查询
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  onClick={() => {
                    form.setFieldsValue({ caseType: undefined, level: undefined, q: undefined });
                    setQuery({ pageSize });
                  }}
                >
                  重置
                </Button>
              </Flex>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Card size="small">
        <FocusableScroll label="待办列表">
          <Table<TaskRow>
            rowKey="id"
            size="middle"
            aria-label="待办列表"
            columns={columns}
            dataSource={items}
            loading={tasks.loading}
            scroll={{ x: 1400 }}
            locale={{ emptyText: <Empty description="暂无待办任务" /> }}
            pagination={{
              current: page,
              pageSize,
              total: tasks.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${total} 项`,
              onChange: (p, s) => setQuery({ ...filters, page: s !== pageSize ? 1 : p, pageSize: s }),
            }}
          />
        </FocusableScroll>
      </Card>
    </>
  );
}
