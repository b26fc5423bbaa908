// 公开目录: the catalogue entries of a unit the officer keeps, with their 索引号, published or withdrawn;
// new entries and edits (the 索引号 never changes), withdrawal with a reason, and the Art. 26 alerts
// (published more than 20 working days after 成文日期).
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { useRequest, useUrlQuery } from '../../app/hooks.ts';
import { ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, PageHeader, ToneTag } from '../../app/ui.tsx';
import { disclosureApi, type EntryView, type EntryInput, GENRES, TOPICS, VALIDITIES } from './api.ts';
import { UnitPicker, useStaffUnit } from './shared.tsx';

const KEYS = ['orgId', 'status', 'q'] as const;

function LateTag({ days }: { days: number | null }) {
  if (!days) return null;
  return <ToneTag tone="red">超期 {days} 个工作日</ToneTag>;
}

export function CataloguePage() {
  const { message } = App.useApp();
  const {
    units,
    unit,
    loading: unitsLoading,
    error: unitsError,
    reload: reloadUnits,
  } = useStaffUnit('catalogue');
  const { filters, page, pageSize, setQuery } = useUrlQuery(KEYS);
  const status = filters.status === 'withdrawn' ? 'withdrawn' : 'published';
  const orgId = unit?.orgId;
  const query = { orgId: orgId ?? '', status, q: filters.q, page, pageSize };
  const list = useRequest(orgId ? `disclosure:catalogue:${JSON.stringify(query)}` : null, (signal) =>
    disclosureApi.catalogue(query, signal),
  );
  const alerts = useRequest(orgId ? `disclosure:alerts:${orgId}` : null, (signal) =>
    disclosureApi.alerts({ orgId, page: 1, pageSize: 50 }, signal),
  );
  const [editing, setEditing] = useState<EntryView | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<EntryView | null>(null);

  const reload = () => {
    list.reload();
    alerts.reload();
  };

  const columns: TableColumnsType<EntryView> = [
    {
      title: '索引号',
      dataIndex: 'indexNumber',
      width: 230,
      render: (v: string) => <Typography.Text copyable>{v}</Typography.Text>,
    },
    {
      title: '名称',
      dataIndex: 'title',
      render: (t: string, e) => (
        <Flex vertical gap={2}>
          <span>{t}</span>
          {e.docNumber ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.docNumber}
            </Typography.Text>
          ) : null}
          {e.withdrawnReason ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              撤回理由：{e.withdrawnReason}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: '主题分类', dataIndex: 'topic', width: 150 },
    { title: '体裁', dataIndex: 'genre', width: 110 },
    { title: '成文日期', dataIndex: 'writtenOn', width: 110 },
    {
      title: '发布日期',
      dataIndex: 'publishedOn',
      width: 150,
      render: (v: string, e) => (
        <Flex vertical gap={2} align="start">
          <span>{v}</span>
          <LateTag days={e.lateWorkingDays} />
        </Flex>
      ),
    },
    { title: '有效性', dataIndex: 'validity', width: 80 },
    {
      title: '操作',
      key: 'ops',
      width: 130,
      render: (_, e) =>
        e.status === 'published' ? (
          <Flex gap={8}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => setEditing(e)}
              aria-label={`编辑 ${e.indexNumber}`}
            >
              编辑
            </Button>
            <Button
              type="link"
              size="small"
              danger
              style={{ padding: 0 }}
              onClick={() => setWithdrawing(e)}
              aria-label={`撤回 ${e.indexNumber}`}
            >
              撤回
            </Button>
          </Flex>
        ) : (
          <ToneTag>已撤回</ToneTag>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="公开目录"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={list.loading}>
              刷新
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!orgId}
              onClick={() => setEditing('new')}
            >
              新增条目
            </Button>
          </>
        }
      >
        主动公开的政府信息目录：索引号由系统生成且不再改变；发布日期晚于成文日期 20
        个工作日以上的，按《政府信息公开条例》第二十六条提醒。
      </PageHeader>
      <ErrorAlert error={unitsError} onRetry={reloadUnits} />
      <UnitPicker
        units={units}
        value={orgId}
        loading={unitsLoading}
        onChange={(id) => setQuery({ orgId: id, status: filters.status })}
      />
      {alerts.data && alerts.data.total > 0 ? (
        <Card size="small" title={`主动公开超期提醒（${alerts.data.total}）`} style={{ marginBottom: 16 }}>
          <ul aria-label="主动公开超期提醒" style={{ margin: 0, paddingInlineStart: 20 }}>
            {alerts.data.items.map((a) => (
              <li key={a.id}>
                {a.indexNumber}《{a.title}》：成文 {a.writtenOn}，发布 {a.publishedOn}，相隔 {a.workingDays}{' '}
                个工作日，超过 20 个工作日
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="条目状态"
          value={status}
          onChange={(s) => setQuery({ orgId, status: s === 'published' ? undefined : s, q: filters.q })}
          options={[
            { value: 'published', label: '已发布' },
            { value: 'withdrawn', label: '已撤回' },
          ]}
        />
        <Input.Search
          aria-label="名称、文号或索引号"
          placeholder="名称、文号或索引号"
          allowClear
          defaultValue={filters.q}
          style={{ width: 280 }}
          onSearch={(q) => setQuery({ orgId, status: filters.status, q: q.trim() || undefined })}
        />
      </Flex>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<EntryView>
        label="公开目录条目"
        empty={orgId ? '没有符合条件的条目' : '您没有可维护公开目录的单位'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 1200 }}
        pagination={pager({
          page,
          pageSize,
          total: list.data?.total,
          unit: '条',
          onChange: (p, size) => setQuery({ ...filters, orgId, page: p, pageSize: size }),
        })}
      />
      {editing && orgId ? (
        <EntryDialog
          orgId={orgId}
          entry={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={(e, created) => {
            setEditing(null);
            message.success(created ? `已发布，索引号 ${e.indexNumber}` : '已保存');
            reload();
          }}
        />
      ) : null}
      {withdrawing ? (
        <WithdrawDialog
          entry={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            message.success('已撤回');
            reload();
          }}
        />
      ) : null}
    </>
  );
}

type EntryValues = Omit<EntryInput, 'keywords' | 'repealedOn'> & { keywords?: string[]; repealedOn?: string };

function EntryDialog({
  orgId,
  entry,
  onCancel,
  onDone,
}: {
  orgId: string;
  entry: EntryView | null;
  onCancel: () => void;
  onDone: (e: EntryView, created: boolean) => void;
}) {
  const [form] = Form.useForm<EntryValues>();
  const { saving, error, run } = useSubmit(form);
  const validity = Form.useWatch('validity', form);
  const submit = async (v: EntryValues) => {
    const body: EntryInput = {
      title: v.title?.trim(),
      summary: v.summary?.trim() ?? '',
      publisher: v.publisher?.trim() || undefined,
      writtenOn: v.writtenOn,
      publishedOn: v.publishedOn || undefined,
      docNumber: v.docNumber?.trim() ?? '',
      topic: v.topic,
      genre: v.genre,
      keywords: v.keywords ?? [],
      validity: v.validity,
      repealedOn: v.validity === '有效' ? null : v.repealedOn || null,
      disclosureMode: v.disclosureMode,
    };
    let saved: EntryView | undefined;
    const ok = await run(async () => {
      saved = entry
        ? await disclosureApi.updateEntry(entry.id, body)
        : await disclosureApi.createEntry({ ...body, orgId });
    });
    if (ok && saved) onDone(saved, !entry);
  };
  return (
    <FormModal<EntryValues>
      title={entry ? `编辑条目 ${entry.indexNumber}` : '新增公开目录条目'}
      open
      form={form}
      width={720}
      okText={entry ? '保存' : '发布'}
      saving={saving}
      error={error}
      onCancel={onCancel}
      initialValues={
        entry
          ? { ...entry, repealedOn: entry.repealedOn ?? undefined }
          : { validity: '有效', disclosureMode: '主动公开', keywords: [] }
      }
      onFinish={submit}
    >
      <Form.Item
        label="名称"
        name="title"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="文号" name="docNumber">
            <Input maxLength={60} placeholder="如 丽政办发〔2026〕21号" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="发布机构" name="publisher" extra="不填为本单位名称">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="成文日期"
            name="writtenOn"
            rules={[{ required: true, message: '请填写成文日期' }]}
          >
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="发布日期" name="publishedOn" extra="不填为今天">
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="主题分类" name="topic" rules={[{ required: true, message: '请选择主题分类' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={TOPICS.map((t) => ({ value: t, label: t }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="体裁" name="genre" rules={[{ required: true, message: '请选择体裁' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={GENRES.map((g) => ({ value: g, label: g }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="有效性" name="validity">
            <Select options={VALIDITIES.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="失效或废止日期" name="repealedOn">
            <Input type="date" disabled={!validity || validity === '有效'} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="公开方式" name="disclosureMode">
            <Select options={['主动公开', '依申请公开'].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="主题词" name="keywords" extra="最多 10 个，输入后回车">
            <Select
              mode="tags"
              maxCount={10}
              tokenSeparators={[',', '，', ' ']}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="内容概述" name="summary">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawDialog({
  entry,
  onCancel,
  onDone,
}: {
  entry: EntryView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { saving, error, run } = useSubmit(form);
  return (
    <FormModal<{ reason?: string }>
      title={`撤回《${entry.title}》`}
      open
      form={form}
      okText="确认撤回"
      okDanger
      saving={saving}
      error={error}
      onCancel={onCancel}
      onFinish={async (v) => {
        if (await run(() => disclosureApi.withdrawEntry(entry.id, v.reason?.trim() ?? ''))) onDone();
      }}
    >
      <Typography.Paragraph type="secondary">
        撤回后条目不再在公开目录和全文检索中出现，索引号保留不再使用。
      </Typography.Paragraph>
      <Form.Item
        label="撤回理由"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写撤回理由' }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
