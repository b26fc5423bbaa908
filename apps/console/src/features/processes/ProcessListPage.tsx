// 流程定制: the process definitions the administrator may edit, and creating a new one (which
// starts as a small draft — 受理 → 办结 — opened straight in the designer).
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Form, Input, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { FormModal, useSubmit } from '../../app/FormModal.tsx';
import { usePaging, useRequest } from '../../app/hooks.ts';
import { ListTable, pager } from '../../app/lists.tsx';
import { ErrorAlert, formatDateTime, PageHeader } from '../../app/ui.tsx';
import { OrgTreeSelect, useOrgList } from '../identity/orgs.tsx';
import { type ProcessSummary, processApi } from './api.ts';
import { KNOWN_CASE_TYPES, PROCESS_CODE_PATTERN, starterDefinition } from './definition.ts';
import { caseTypeText } from './shared.tsx';

export function ProcessListPage() {
  const { can } = useAuth();
  const canManage = can('process.manage');
  const [q, setQ] = useState('');
  const { page, pageSize, setPaging } = usePaging(q);
  const [creating, setCreating] = useState(false);
  const query = { q: q || undefined, page, pageSize };
  const list = useRequest(`processes:${JSON.stringify(query)}`, (signal) => processApi.list(query, signal));

  const columns: TableColumnsType<ProcessSummary> = [
    { title: '流程代码', dataIndex: 'code', width: 200, ellipsis: true },
    {
      title: '流程名称',
      dataIndex: 'name',
      render: (name: string, p) => <Link to={`/processes/${encodeURIComponent(p.id)}`}>{name}</Link>,
    },
    {
      title: '办件类型',
      dataIndex: 'caseType',
      width: 120,
      render: (c: string, p) => caseTypeText(c, p.caseTypeName),
    },
    {
      title: '所属单位',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (v: string | null | undefined, p) => v ?? (p.orgId ? '—' : '全平台'),
    },
    {
      title: '已发布版本',
      dataIndex: 'publishedVersion',
      width: 110,
      render: (v: number | null | undefined) =>
        v ? `第 ${v} 版` : <Typography.Text type="secondary">未发布</Typography.Text>,
    },
    {
      title: '草稿',
      dataIndex: 'draftVersion',
      width: 90,
      render: (v: number | null | undefined) => (v ? `第 ${v} 版` : '—'),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 170,
      render: (v: string | undefined) => formatDateTime(v),
    },
  ];

  return (
    <>
      <PageHeader
        title="流程定制"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
              刷新
            </Button>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建流程
              </Button>
            ) : null}
          </>
        }
      >
        办件按流程的已发布版本流转。修改流程请新建草稿版本，校验通过后发布；正在办理的办件不受影响。
      </PageHeader>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          aria-label="搜索流程"
          placeholder="按代码或名称搜索"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
        />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<ProcessSummary>
        label="流程列表"
        empty={q ? '没有匹配的流程' : '还没有流程'}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={pager({
          page,
          pageSize,
          total: list.data?.total ?? list.data?.items.length,
          unit: '个流程',
          onChange: setPaging,
        })}
      />
      {creating ? <CreateProcessModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface CreateValues {
  code: string;
  name: string;
  caseType: string;
  orgId?: string;
  description?: string;
}

function CreateProcessModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const orgs = useOrgList();
  const { user } = useAuth();
  const caseTypes = useRequest('case-types', (signal) => processApi.caseTypes(signal));
  const caseTypeOptions = [
    ...(caseTypes.data?.items ?? []).map((c) => ({ value: c.type, label: `${c.name}（${c.type}）` })),
    ...KNOWN_CASE_TYPES.filter((k) => !caseTypes.data?.items.some((c) => c.type === k.value)).map((c) => ({
      value: c.value,
      label: `${c.label}（${c.value}）`,
    })),
  ];
  const { saving, error, run } = useSubmit(form);

  const onFinish = async (v: CreateValues) => {
    await run(async () => {
      const created = await processApi.create({
        code: v.code.trim(),
        name: v.name.trim(),
        caseType: v.caseType.trim(),
        ...(v.orgId ? { orgId: v.orgId } : {}),
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        definition: starterDefinition(),
      });
      message.success(`已创建流程“${created.name}”`);
      const draft = created.versions?.find((x) => x.status === 'draft') ?? created.versions?.[0];
      navigate(
        draft
          ? `/processes/${encodeURIComponent(created.id)}/versions/${draft.version}`
          : `/processes/${encodeURIComponent(created.id)}`,
      );
    });
  };

  return (
    <FormModal<CreateValues>
      open
      title="新建流程"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      okText="创建并编辑"
      initialValues={{ caseType: 'licence', orgId: user?.orgId ?? undefined }}
      width={560}
    >
      <Form.Item
        label="流程名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入流程名称' },
          { max: 100, message: '名称不能超过 100 个字' },
        ]}
      >
        <Input placeholder="如：食品经营许可审批流程" />
      </Form.Item>
      <Form.Item
        label="流程代码"
        name="code"
        extra="小写字母开头，可含数字、点、-、_，创建后不能修改，如 licence.food"
        rules={[
          { required: true, message: '请输入流程代码' },
          { pattern: PROCESS_CODE_PATTERN, message: '格式：小写字母开头，2–63 位小写字母、数字、点、-、_' },
        ]}
      >
        <Input placeholder="licence.food" />
      </Form.Item>
      <Form.Item
        label="办件类型"
        name="caseType"
        extra="决定办件由哪个业务模块处理；政务服务事项使用“行政许可”（licence）"
        rules={[
          { required: true, whitespace: true, message: '请选择办件类型' },
          { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: '办件类型代码为小写字母开头的字母、数字或下划线' },
        ]}
      >
        <AutoComplete options={caseTypeOptions} />
      </Form.Item>
      <Form.Item
        label="所属单位"
        name="orgId"
        extra="所属单位及上级单位的流程管理员可以修改此流程；只有全平台管理员可以不选"
      >
        <OrgTreeSelect orgs={orgs.data} loading={orgs.loading} />
      </Form.Item>
      <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明不能超过 500 个字' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
