// 办件查询: every case in the caller's scope (case.read), filtered by type, state, level, unit and
// keyword. Filters live in the address so the supervision dashboard can link to a drill-down.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, type TableColumnsType, Typography } from 'antd';
import { useAuth } from '../../app/auth.tsx';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { type CaseQuery, type CaseRow, casesApi } from './api.ts';
import { caseNumberColumn, deadlineColumn, orgColumn, subjectColumn } from './columns.tsx';
import { LEVEL_OPTIONS, useRemaining } from './deadline.tsx';
import { caseTypeOptions, caseTypeLabel, outcomeText, STATUS_OPTIONS, StatusTag } from './labels.tsx';

const KEYS = ['type', 'status', 'level', 'orgId', 'q'] as const;
type FilterValues = Partial<Record<(typeof KEYS)[number], string>>;

export function CasesPage() {
  const { can } = useAuth();
  const { filters, page, pageSize, setQuery } = useUrlQuery(KEYS);
  const [form] = Form.useForm<FilterValues>();
  const orgs = useOrgList(can('org.read'));
  const query: CaseQuery = { ...filters, page, pageSize };
  const cases = useRequest(`cases:${JSON.stringify(query)}`, (signal) => casesApi.list(query, signal));
  const items = cases.data?.items ?? [];
  const dueOf = (c: CaseRow) => c.promisedDeadline ?? c.legalDeadline;
  const remaining = useRemaining(items.map(dueOf));

  const columns: TableColumnsType<CaseRow> = [
    caseNumberColumn((c) => c),
    subjectColumn(
      (c) => c.subject,
      (c) => `${caseTypeLabel(c.caseType, c.caseTypeName)} · 申请人：${c.applicantName || '—'}`,
    ),
    orgColumn<CaseRow>(),
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
    deadlineColumn({
      title: '承诺期限',
      key: 'promised',
      width: 170,
      due: dueOf,
      level: (c) => c.level,
      remaining: (c) => remaining(dueOf(c)),
      finished: (c) => c.status === 'completed' || c.status === 'cancelled',
      paused: (c) => c.status === 'paused',
      empty: '未起算',
    }),
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
                <Select allowClear placeholder="全部" options={caseTypeOptions(items)} />
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
              <FilterButtons
                onReset={() => {
                  form.setFieldsValue(Object.fromEntries(KEYS.map((k) => [k, undefined])));
                  setQuery({ pageSize });
                }}
              />
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={cases.error} onRetry={cases.reload} />
      <Card size="small">
        <ListTable<CaseRow>
          label="办件列表"
          empty="没有符合条件的办件"
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={cases.loading}
          scroll={{ x: 1300 }}
          pagination={pager({
            page,
            pageSize,
            total: cases.data?.total,
            unit: '件',
            onChange: (p, size) => setQuery({ ...filters, page: p, pageSize: size }),
          })}
        />
      </Card>
    </>
  );
}
