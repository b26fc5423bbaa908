// 待办事项: one inbox of the open tasks the signed-in staff member may act on, across case types,
// coloured by deadline, with filters, claim and a link into the case.
import { ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useUser } from '../../app/auth.tsx';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, ToneTag } from '../../app/ui.tsx';
import { type Level, type TaskQuery, type TaskRow, tasksApi } from './api.ts';
import { caseNumberColumn, caseUrl, deadlineColumn, orgColumn, subjectColumn } from './columns.tsx';
import { LEVEL_OPTIONS, useRemaining } from './deadline.tsx';
import { caseTypeLabel, caseTypeOptions } from './labels.tsx';

const KEYS = ['caseType', 'level', 'q'] as const;
type FilterValues = Partial<Record<(typeof KEYS)[number], string>>;

export function TasksPage() {
  const user = useUser();
  const { message } = App.useApp();
  const { filters, page, pageSize, setQuery } = useUrlQuery(KEYS);
  const [form] = Form.useForm<FilterValues>();
  const [claiming, setClaiming] = useState<string | null>(null);
  const query: TaskQuery = { ...filters, page, pageSize };
  const tasks = useRequest(`tasks:${JSON.stringify(query)}`, (signal) => tasksApi.list(query, signal));
  const items = tasks.data?.items ?? [];
  const remaining = useRemaining(items.flatMap((t) => [t.dueDate, t.caseDueDate]));

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

  const columns: TableColumnsType<TaskRow> = [
    deadlineColumn({
      title: '期限',
      key: 'due',
      width: 170,
      due: (t) => t.dueDate,
      level: (t) => t.level,
      remaining: (t) => remaining(t.dueDate),
    }),
    caseNumberColumn((t) => ({ id: t.caseId, number: t.caseNumber })),
    subjectColumn(
      (t) => t.subject,
      (t) =>
        `${caseTypeLabel(t.caseType, t.caseTypeName)}${t.applicantName ? ` · 申请人：${t.applicantName}` : ''}`,
    ),
    { title: '当前环节', dataIndex: 'stepName', width: 130 },
    deadlineColumn({
      title: '办件期限',
      key: 'caseDue',
      width: 150,
      due: (t) => t.caseDueDate,
      level: (t) => t.caseLevel,
      remaining: (t) => remaining(t.caseDueDate),
      empty: '未起算',
    }),
    orgColumn<TaskRow>(),
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
          <Link to={caseUrl(t.caseId)} aria-label={`办理 ${t.caseNumber}`}>
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
                <Select allowClear placeholder="全部" options={caseTypeOptions(items)} />
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
              <Flex align="flex-end" style={{ height: '100%', paddingBottom: 24 }}>
                <FilterButtons
                  onReset={() => {
                    form.setFieldsValue(Object.fromEntries(KEYS.map((k) => [k, undefined])));
                    setQuery({ pageSize });
                  }}
                />
              </Flex>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Card size="small">
        <ListTable<TaskRow>
          label="待办列表"
          empty="暂无待办任务"
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={tasks.loading}
          scroll={{ x: 1400 }}
          pagination={pager({
            page,
            pageSize,
            total: tasks.data?.total,
            unit: '项',
            onChange: (p, size) => setQuery({ ...filters, page: p, pageSize: size }),
          })}
        />
      </Card>
    </>
  );
}
