import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { auditApi } from '../../api/endpoints.ts';
import type { AuditEntry, AuditQuery, AuditVerify, FieldChanges } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePaging, useRequest } from '../../app/hooks.ts';
import { FilterButtons, ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader, type Tone, ToneTag } from '../../app/ui.tsx';
import { ActorSelect } from './ActorSelect.tsx';

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  q?: string;
}

const RESULT_LABELS: Record<string, { text: string; color: Tone }> = {
  success: { text: '成功', color: 'green' },
  failure: { text: '失败', color: 'red' },
};

function toFilters(v: FilterValues): Filters {
  const text = (s?: string) => s?.trim() || undefined;
  return {
    from: v.range?.[0]?.toISOString(),
    to: v.range?.[1]?.toISOString(),
    actorId: text(v.actorId),
    action: text(v.action),
    objectType: text(v.objectType),
    objectId: text(v.objectId),
    result: v.result || undefined,
    q: text(v.q),
  };
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'string') return value === '' ? '（空字符串）' : value;
  return JSON.stringify(value, null, 1);
}

function normaliseChanges(changes: unknown): { field: string; before: unknown; after: unknown }[] {
  if (!changes || typeof changes !== 'object') return [];
  if (Array.isArray(changes)) {
    return changes
      .filter(
        (c): c is { field: string; before: unknown; after: unknown } =>
          !!c && typeof c === 'object' && 'field' in c,
      )
      .map((c) => ({ field: String(c.field), before: c.before, after: c.after }));
  }
  return Object.entries(changes as FieldChanges).map(([field, c]) => ({
    field,
    before: c && typeof c === 'object' && 'before' in c ? c.before : undefined,
    after: c && typeof c === 'object' && 'after' in c ? c.after : c,
  }));
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  const changes = normaliseChanges(entry.changes);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px' }}>
      {changes.length > 0 ? (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={changes}
          aria-label="变更字段"
          columns={[
            {
              title: '字段',
              dataIndex: 'field',
              width: 180,
              render: (f: string) => <Typography.Text code>{f}</Typography.Text>,
            },
            {
              title: '变更前',
              dataIndex: 'before',
              render: (v: unknown) => (
                <Typography.Text
                  delete={v !== undefined && v !== null}
                  type="secondary"
                  style={{ whiteSpace: 'pre-wrap' }}
                >
                  {showValue(v)}
                </Typography.Text>
              ),
            },
            {
              title: '变更后',
              dataIndex: 'after',
              render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap' }}>{showValue(v)}</span>,
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">此条记录没有字段变更。</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'id', label: '记录 ID', children: <Typography.Text copyable>{entry.id}</Typography.Text> },
          { key: 'req', label: '请求 ID', children: entry.requestId ?? '—' },
          { key: 'actor', label: '操作人 ID', children: entry.actorId ?? '系统' },
          { key: 'org', label: '操作人机构 ID', children: entry.actorOrgId ?? '—' },
          { key: 'ip', label: 'IP 地址', children: entry.ip ?? '—' },
          { key: 'ua', label: '客户端', children: entry.userAgent ?? '—' },
        ]}
      />
    </Flex>
  );
}

function VerifyResult({ result }: { result: AuditVerify }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        style={{ marginBottom: 16 }}
        title={`完整：已校验 ${result.checked} 条记录，哈希链未发现篡改。`}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`不完整：自第 ${result.firstBrokenSeq} 条记录起哈希链断裂`}
      description={
        <>
          已校验 {result.checked} 条。首条异常记录 ID：
          <Typography.Text copyable code>
            {result.firstBrokenId}
          </Typography.Text>
          。该记录或其前一条记录可能被修改、插入或删除，请立即上报并保全数据库。
        </>
      }
    />
  );
}

export function AuditPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const { page, pageSize, setPaging } = usePaging(filters);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const query: AuditQuery = { ...filters, page, pageSize };
  const entries = useRequest(JSON.stringify(query), (signal) => auditApi.list(query, signal));
  const [actorNames, setActorNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const items = entries.data?.items ?? [];
    if (items.length === 0) return;
    setActorNames((prev) => {
      const next = new Map(prev);
      for (const e of items) if (e.actorId && e.actorName) next.set(e.actorId, e.actorName);
      return next.size === prev.size ? prev : next;
    });
  }, [entries.data]);

  const apply = (values: FilterValues) => setFilters(toFilters(values));

  const filterBy = (patch: Partial<FilterValues>) => {
    form.setFieldsValue(patch);
    apply(form.getFieldsValue());
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'occurredAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      key: 'actor',
      width: 130,
      render: (_, e) =>
        e.actorId ? (
          <Tooltip title="只看此人的操作">
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => filterBy({ actorId: e.actorId ?? '' })}
            >
              {e.actorName ?? e.actorId}
            </Button>
          </Tooltip>
        ) : (
          (e.actorName ?? '系统')
        ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 170,
      render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
    },
    {
      title: '对象',
      key: 'object',
      width: 220,
      render: (_, e) => (
        <span>
          {e.objectType}
          {e.objectId ? (
            <>
              {' '}
              <Tooltip title="只看此对象的记录">
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => filterBy({ objectType: e.objectType, objectId: e.objectId ?? '' })}
                >
                  <Typography.Text ellipsis style={{ maxWidth: 120, color: 'inherit' }}>
                    {e.objectId}
                  </Typography.Text>
                </Button>
              </Tooltip>
            </>
          ) : null}
        </span>
      ),
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (r: string) => <ToneTag tone={RESULT_LABELS[r]?.color}>{RESULT_LABELS[r]?.text ?? r}</ToneTag>,
    },
    { title: '摘要', dataIndex: 'summary', render: (s: string | null) => s ?? '—' },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title="审计日志"
        extra={
          can('audit.verify') ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
              校验完整性
            </Button>
          ) : null
        }
      >
        所有变更和个人信息查阅均记录在案，记录以哈希链串联，任何修改、插入或删除都会在完整性校验中暴露。
      </PageHeader>
      {verify ? <VerifyResult result={verify} /> : null}
      <ErrorAlert error={verifyError} title="完整性校验未能完成" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues> form={form} layout="vertical" onFinish={apply} aria-label="筛选条件">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label="时间范围" name="range">
                <DatePicker.RangePicker showTime style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={4}>
              <Form.Item label="结果" name="result">
                <Select
                  allowClear
                  placeholder="全部"
                  options={Object.entries(RESULT_LABELS).map(([value, l]) => ({ value, label: l.text }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              {can('user.read') ? (
                <Form.Item label="操作人" name="actorId">
                  <ActorSelect knownNames={actorNames} />
                </Form.Item>
              ) : (
                <Form.Item label="操作人 ID" name="actorId">
                  <Input allowClear autoComplete="off" />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="操作" name="action">
                <Input allowClear placeholder="如 user.create" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="对象类型" name="objectType">
                <Input allowClear placeholder="如 user、org" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="对象 ID" name="objectId">
                <Input allowClear autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="关键字" name="q">
                <Input allowClear placeholder="摘要、操作人姓名等" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Flex align="flex-end" style={{ height: '100%', paddingBottom: 24 }}>
                <FilterButtons
                  onReset={() => {
                    form.resetFields();
                    apply({});
                  }}
                />
              </Flex>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={entries.error} onRetry={entries.reload} />
      <Card size="small">
        <ListTable<AuditEntry>
          label="审计日志"
          empty="没有符合条件的记录"
          rowKey="id"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.loading}
          scroll={{ x: 1200 }}
          expandable={{ expandedRowRender: (e) => <EntryDetail entry={e} /> }}
          pagination={pager({ page, pageSize, total: entries.data?.total, unit: '条', onChange: setPaging })}
        />
      </Card>
    </>
  );
}
