// 办件查询: every case in the caller's scope (case.read), filtered by type, state, level, unit and
// keyword. Filters live in the address so the supervision dashboard can link to a drill-down.
import { ReloadOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import {
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
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { type CaseQuery, type CaseRow, casesApi } from './api.ts';
import { DeadlineCell, LEVEL_OPTIONS, useRemaining } from './deadline.tsx';
import { CASE_TYPE_OPTIONS, caseTypeLabel, outcomeText, STATUS_OPTIONS, StatusTag } from './labels.tsx';
import { FocusableScroll } from './FocusableScroll.tsx';

interface FilterValues {
  type?: string;
  status?: string;
  level?: string;
  orgId?: string;
  q?: string;
}

const KEYS = ['type', 'status', 'level', 'orgId', 'q'] as const;

export function CasesPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const orgs = useOrgList(can('org.read'));
  const filters: FilterValues = Object.fromEntries(
    KEYS.map((k) => [k, params.get(k) ?? undefined]),
  ) as FilterValues;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query: CaseQuery = { ...filters, page, pageSize };
  const cases = useRequest(`cases:${JSON.stringify(query)}`, (signal) => casesApi.list(query, signal));
  const items = cases.data?.items ?? [];
  const remaining = useRemaining(items.map((c) => c.promisedDeadline ?? c.legalDeadline));

  const setQuery = (next: FilterValues & { page?: number; pageSize?: number }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) p.set(k, String(v));
    setParams(p, { replace: true });
  };

  const typeOptions = [
    ...CASE_TYPE_OPTIONS,
    ...items.map((c) => ({ value: c.caseType, label: caseTypeLabel(c.caseType, c.caseTypeName) })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  const columns: TableColumnsType<CaseRow> = [
    {
      title: '办件编号',
      dataIndex: 'number',
      width: 200,
      render: (n: string, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{n}</Link>,
    },
    {
      title: '事项 / 主题',
      key: 'subject',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Typography.Text>{c.subject}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {caseTypeLabel(c.caseType, c.caseTypeName)} · 申请人：{c.applicantName || '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '承办单位', dataIndex: 'orgName', width: 170, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, c) => (
        <Flex vertical gap={2} align="flex-start">
          <StatusTag status={c.status} name={c.statusName} />
          {c.status === 'completed' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {outcomeText(c.outcome)}
            </Typography.Text>
          ) : c.currentSteps?.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.currentSteps.map((s) => s.name).join('、')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '承诺期限',
      key: 'promised',
      width: 170,
      render: (_, c) =>
        c.promisedDeadline || c.legalDeadline ? (
          <DeadlineCell
            due={c.promisedDeadline ?? c.legalDeadline}
            level={c.level}
            remaining={remaining(c.promisedDeadline ?? c.legalDeadline)}
            finished={c.status === 'completed' || c.status === 'cancelled'}
          />
        ) : (
          '未起算'
        ),
    },
    { title: '法定期限', dataIndex: 'legalDeadline', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '收件日期', dataIndex: 'receivedOn', width: 110 },
    {
      title: '办结时间',
      dataIndex: 'completedAt',
      width: 170,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
  ];

  return (
    <>
      <PageHeader
        title="办件查询"
        extra={
          <Button icon={<ReloadOutlined />} onClick={cases.reload} loading={cases.loading}>
            刷新
          </Button>
        }
      >
        查询您管理范围内的全部办件。
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          initialValues={filters}
          onFinish={(v) => setQuery({ ...v, q: v.q?.trim() || undefined, pageSize })}
          aria-label="筛选办件"
        >
          <Row gutter={16}>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="办件类型" name="type">
                <Select allowClear placeholder="全部" options={typeOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="办理状态" name="status">
                <Select allowClear placeholder="全部" options={STATUS_OPTIONS} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Form.Item label="期限状态" name="level">
                <Select allowClear placeholder="全部" options={LEVEL_OPTIONS} />
              </Form.Item>
            </Col>
            {can('org.read') ? (
              <Col xs={24} md={12} xl={6}>
                <Form.Item label="承办单位" name="orgId">
                  <OrgTreeSelect orgs={orgs.data} loading={orgs.loading} placeholder="全部单位" />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="关键字" name="q">
                <Input allowClear placeholder="办件编号、主题、申请人" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  查询
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  onClick={() => {
                    form.setFieldsValue({
                      type: undefined,
                      status: undefined,
                      level: undefined,
                      orgId: undefined,
                      q: undefined,
                    });
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
      <ErrorAlert error={cases.error} onRetry={cases.reload} />
      <Card size="small">
        <FocusableScroll label="办件列表">
          <Table<CaseRow>
            rowKey="id"
            size="middle"
            aria-label="办件列表"
            columns={columns}
            dataSource={items}
            loading={cases.loading}
            scroll={{ x: 1300 }}
            locale={{ emptyText: <Empty description="没有符合条件的办件" /> }}
            pagination={{
              current: page,
              pageSize,
              total: cases.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${total} 件`,
              onChange: (p, s) => setQuery({ ...filters, page: s !== pageSize ? 1 : p, pageSize: s }),
            }}
          />
        </FocusableScroll>
      </Card>
    </>
  );
}
