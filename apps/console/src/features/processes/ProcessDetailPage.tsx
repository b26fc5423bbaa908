// One process: its versions (draft, published, retired) and the diagram of the published one.
// A new draft starts as a copy of the published version (or of the latest one).
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading } from '../../app/ui.tsx';
import { useOrgList } from '../identity/orgs.tsx';
import { type ProcessVersion, processApi } from './api.ts';
import { cleanDefinition, starterDefinition } from './definition.ts';
import { DiagramScroll, ProcessDiagram } from './ProcessDiagram.tsx';
import { caseTypeText, stepSummary, useStepRoles, VersionTag } from './shared.tsx';

export function ProcessDetailPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const canManage = can('process.manage');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const process = useRequest(`process:${id}`, (signal) => processApi.get(id, signal));
  const roles = useStepRoles();
  const orgs = useOrgList();
  const versions = [...(process.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  const published = versions.find((v) => v.status === 'published');
  const draft = versions.find((v) => v.status === 'draft');
  const publishedDef = published?.definition;
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (process.error) return <ErrorAlert error={process.error} onRetry={process.reload} />;
  if (!process.data) return <PageLoading />;
  const p = process.data;
  const editPath = (v: number) => `/processes/${encodeURIComponent(id)}/versions/${v}`;

  const newDraft = async () => {
    setCreating(true);
    setError(null);
    try {
      const base = published ?? versions[0];
      const definition = base?.definition;
      const updated = await processApi.newVersion(id, {
        definition: definition ? cleanDefinition(definition) : starterDefinition(),
        note: base ? `基于第 ${base.version} 版修改` : '',
      });
      const draftNo = updated.draftVersion ?? Math.max(...updated.versions.map((v) => v.version));
      message.success(`已创建第 ${draftNo} 版草稿`);
      navigate(editPath(draftNo));
    } catch (e) {
      setError(e);
    } finally {
      setCreating(false);
    }
  };

  const columns: TableColumnsType<ProcessVersion> = [
    { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ProcessVersion['status']) => <VersionTag status={s} />,
    },
    { title: '说明', dataIndex: 'note', ellipsis: true, render: (v?: string) => v || '—' },
    {
      title: '创建',
      key: 'created',
      width: 220,
      render: (_, v) => `${formatDateTime(v.createdAt)}${v.createdByName ? ` ${v.createdByName}` : ''}`,
    },
    {
      title: '发布',
      key: 'published',
      width: 220,
      render: (_, v) =>
        v.publishedAt
          ? `${formatDateTime(v.publishedAt)}${v.publishedByName ? ` ${v.publishedByName}` : ''}`
          : '—',
    },
    { title: '办件数', dataIndex: 'caseCount', width: 80, render: (n?: number) => n ?? '—' },
    {
      title: '操作',
      key: 'ops',
      width: 100,
      render: (_, v) => (
        <Link
          to={editPath(v.version)}
          aria-label={`${v.status === 'draft' && canManage ? '编辑' : '查看'}第 ${v.version} 版`}
        >
          {v.status === 'draft' && canManage ? '编辑' : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={`流程：${p.name}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/processes')}>
              返回列表
            </Button>
            {canManage ? (
              draft ? (
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => navigate(editPath(draft.version))}
                >
                  编辑草稿（第 {draft.version} 版）
                </Button>
              ) : (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  loading={creating}
                  onClick={() => void newDraft()}
                >
                  新建草稿版本
                </Button>
              )
            ) : null}
          </>
        }
      />
      <ErrorAlert error={error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'code', label: '流程代码', children: p.code },
            { key: 'type', label: '办件类型', children: caseTypeText(p.caseType, p.caseTypeName) },
            { key: 'org', label: '所属单位', children: p.orgName ?? (p.orgId ? '—' : '全平台') },
            {
              key: 'pub',
              label: '已发布版本',
              children: published ? `第 ${published.version} 版` : '未发布',
            },
            ...(p.description ? [{ key: 'desc', label: '说明', children: p.description }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="版本" style={{ marginBottom: 16 }}>
        <Table rowKey="version" size="small" pagination={false} columns={columns} dataSource={versions} />
      </Card>
      <Card size="small" title={published ? `流程图（已发布的第 ${published.version} 版）` : '流程图'}>
        {publishedDef ? (
          <DiagramScroll label="流程图（可滚动）">
            <ProcessDiagram
              definition={publishedDef}
              title={`${p.name} 第 ${published?.version} 版流程图`}
              subtitleOf={(s) =>
                s.type === 'fork'
                  ? `${s.next?.length ?? 0} 个分支`
                  : stepSummary(
                      s,
                      roles,
                      orgs.data,
                      (k) => publishedDef.steps.find((x) => x.key === k)?.name ?? k,
                    )
              }
            />
          </DiagramScroll>
        ) : (
          <Empty description={<Typography.Text type="secondary">尚未发布版本</Typography.Text>} />
        )}
      </Card>
    </>
  );
}
