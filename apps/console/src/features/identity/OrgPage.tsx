import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Space,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { orgApi } from '../../api/endpoints.ts';
import type { Org, OrgCreate, OrgKind, OrgPatch } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { FormModal } from '../../app/FormModal.tsx';
import { applyFieldErrors, ErrorAlert, PageHeader, PageLoading } from '../../app/ui.tsx';
import {
  CREDIT_CODE_PATTERN,
  creditCodeCheckDigitOk,
  indexOrgs,
  ORG_KIND_LABELS,
  OrgKindTag,
  type OrgNode,
  useOrgList,
} from './orgs.tsx';

function highlight(text: string, q: string): ReactNode {
  if (!q) return text;
  const i = text.toLowerCase().indexOf(q.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: '#fde68a' }}>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

function matches(org: Org, q: string): boolean {
  const needle = q.toLowerCase();
  return (
    org.name.toLowerCase().includes(needle) ||
    !!org.regionCode?.includes(needle) ||
    !!org.creditCode?.toLowerCase().includes(needle)
  );
}

/** Tree data for antd Tree; with a search term keeps matches and their ancestors only. */
function treeData(nodes: OrgNode[], q: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const n of nodes) {
    const children = treeData(n.children, q);
    if (q && !matches(n.org, q) && children.length === 0) continue;
    out.push({
      key: n.key,
      title: (
        <Space size={6}>
          <span>{highlight(n.org.name, q)}</span>
          {n.org.kind !== 'department' ? <OrgKindTag kind={n.org.kind} /> : null}
        </Space>
      ),
      children,
    });
  }
  return out;
}

export function OrgPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const canManage = can('org.manage');
  const orgs = useOrgList();
  const index = useMemo(() => indexOrgs(orgs.data ?? []), [orgs.data]);
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<{ mode: 'create'; parent: Org } | { mode: 'edit'; org: Org } | null>(
    null,
  );
  const [deleting, setDeleting] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const q = search.trim();
  const data = useMemo(() => treeData(index.roots, q), [index, q]);
  const selected = selectedId ? index.byId.get(selectedId)?.org : undefined;

  // Default expansion: the first two levels; while searching: every ancestor of a match.
  const expandedKeys = useMemo(() => {
    if (q) {
      const keys = new Set<string>();
      for (const node of index.byId.values()) {
        if (matches(node.org, q)) for (const k of index.pathOf(node.key).slice(0, -1)) keys.add(k);
      }
      return [...keys];
    }
    if (expanded) return expanded;
    return [...index.byId.values()].filter((n) => index.pathOf(n.key).length <= 1).map((n) => n.key);
  }, [q, expanded, index]);

  const onSaved = (org: Org) => {
    setEditing(null);
    setSelectedId(org.id);
    if (org.parentId) setExpanded([...new Set([...expandedKeys, ...index.pathOf(org.parentId)])]);
    orgs.reload();
  };

  const onDelete = async (org: Org) => {
    setDeleting(true);
    setActionError(null);
    try {
      await orgApi.remove(org.id);
      message.success(`已删除“${org.name}”`);
      setSelectedId(org.parentId);
      orgs.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setDeleting(false);
    }
  };

  const parentName = selected?.parentId ? (index.byId.get(selected.parentId)?.org.name ?? '（范围外）') : '—';

  return (
    <>
      <PageHeader
        title="组织机构"
        extra={
          <Button icon={<ReloadOutlined />} onClick={orgs.reload} loading={orgs.loading}>
            刷新
          </Button>
        }
      >
        行政区划、部门和单位构成的组织树。角色的数据范围按此树向下生效。
      </PageHeader>
      <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={8}>
          <Card title="机构树" size="small">
            <Input.Search
              placeholder="按名称或代码搜索"
              aria-label="搜索机构"
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {orgs.loading && !orgs.data ? (
              <PageLoading />
            ) : data.length === 0 ? (
              <Empty description={q ? '没有匹配的机构' : '暂无机构'} />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 300px)', overflow: 'auto' }}>
                <Tree
                  treeData={data}
                  selectedKeys={selectedId ? [selectedId] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  onSelect={(keys) => {
                    setActionError(null);
                    setSelectedId(keys.length > 0 ? String(keys[0]) : null);
                  }}
                  blockNode
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={16}>
          <Card
            title={selected ? selected.name : '机构详情'}
            size="small"
            extra={
              selected && canManage ? (
                <Space wrap>
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ mode: 'create', parent: selected })}
                  >
                    新建下级机构
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', org: selected })}>
                    编辑
                  </Button>
                  <Popconfirm
                    title={`删除“${selected.name}”？`}
                    description="有下级机构或工作人员的机构不能删除。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => onDelete(selected)}
                  >
                    <Button danger icon={<DeleteOutlined />} loading={deleting}>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null
            }
          >
            <ErrorAlert error={actionError} />
            {selected ? (
              <Descriptions
                column={1}
                bordered
                size="small"
                items={[
                  { key: 'name', label: '名称', children: selected.name },
                  { key: 'kind', label: '类型', children: <OrgKindTag kind={selected.kind} /> },
                  { key: 'parent', label: '上级机构', children: parentName },
                  ...(selected.kind === 'region'
                    ? [{ key: 'region', label: '行政区划代码', children: selected.regionCode ?? '—' }]
                    : [
                        { key: 'credit', label: '统一社会信用代码', children: selected.creditCode || '—' },
                        ...(selected.creditCodeNote
                          ? [{ key: 'note', label: '信用代码说明', children: selected.creditCodeNote }]
                          : []),
                      ]),
                  { key: 'depth', label: '层级', children: `第 ${selected.depth + 1} 级` },
                  {
                    key: 'children',
                    label: '下级机构',
                    children: `${index.byId.get(selected.id)?.children.length ?? 0} 个`,
                  },
                  {
                    key: 'id',
                    label: '机构标识',
                    children: <Typography.Text copyable>{selected.id}</Typography.Text>,
                  },
                ]}
              />
            ) : (
              <Empty description="请在左侧机构树中选择一个机构" />
            )}
          </Card>
        </Col>
      </Row>
      {editing ? (
        <OrgFormModal
          key={editing.mode === 'create' ? `new:${editing.parent.id}` : `edit:${editing.org.id}`}
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={onSaved}
        />
      ) : null}
    </>
  );
}

interface OrgFormValues {
  kind: OrgKind;
  name: string;
  regionCode?: string;
  creditCode?: string;
  acceptCheckDigit?: boolean;
  creditCodeNote?: string;
  sortOrder?: number | null;
}

function defaultChildKind(parent: Org): OrgKind {
  return parent.kind === 'region' ? 'department' : parent.kind;
}

function OrgFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: { mode: 'create'; parent: Org } | { mode: 'edit'; org: Org };
  onClose: () => void;
  onSaved: (org: Org) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serverRejectedCode, setServerRejectedCode] = useState(false);
  const editing = target.mode === 'edit' ? target.org : null;
  const kind = Form.useWatch('kind', form) ?? editing?.kind;
  const creditCode = (Form.useWatch('creditCode', form) ?? '').trim().toUpperCase();
  const accept = Form.useWatch('acceptCheckDigit', form) ?? false;
  const checkDigitBad = CREDIT_CODE_PATTERN.test(creditCode) && !creditCodeCheckDigitOk(creditCode);
  const showAccept = kind !== 'region' && creditCode !== '' && (checkDigitBad || serverRejectedCode);

  const initialValues: Partial<OrgFormValues> = editing
    ? {
        kind: editing.kind,
        name: editing.name,
        regionCode: editing.regionCode ?? undefined,
        creditCode: editing.creditCode ?? undefined,
        creditCodeNote: editing.creditCodeNote ?? undefined,
        acceptCheckDigit: !!editing.creditCodeNote,
        sortOrder: editing.sortOrder ?? null,
      }
    : { kind: target.mode === 'create' ? defaultChildKind(target.parent) : undefined };

  const onFinish = async (v: OrgFormValues) => {
    setSaving(true);
    setError(null);
    const code = v.creditCode?.trim().toUpperCase() || undefined;
    const note = showAccept && v.acceptCheckDigit ? v.creditCodeNote?.trim() || undefined : undefined;
    try {
      let saved: Org;
      if (target.mode === 'create') {
        const body: OrgCreate = { parentId: target.parent.id, kind: v.kind, name: v.name.trim() };
        if (v.kind === 'region') body.regionCode = v.regionCode?.trim();
        else if (code) {
          body.creditCode = code;
          if (note) body.creditCodeNote = note;
        }
        saved = await orgApi.create(body);
        message.success(`已创建“${saved.name}”`);
      } else {
        const org = target.org;
        const body: OrgPatch = {};
        if (v.name.trim() !== org.name) body.name = v.name.trim();
        if (org.kind !== 'region' && (code ?? null) !== (org.creditCode ?? null))
          body.creditCode = code ?? null;
        if (org.kind !== 'region' && note && note !== org.creditCodeNote) body.creditCodeNote = note;
        if (typeof v.sortOrder === 'number' && v.sortOrder !== org.sortOrder) body.sortOrder = v.sortOrder;
        saved = Object.keys(body).length > 0 ? await orgApi.update(org.id, body) : org;
        message.success('已保存');
      }
      onSaved(saved);
    } catch (e) {
      // A check-digit-only failure without a note is reported on creditCodeNote; show it on the code
      // while the note field is hidden.
      if (
        e instanceof ApiError &&
        e.details.some((d) => d.field === 'creditCode' || d.field === 'creditCodeNote')
      ) {
        setServerRejectedCode(true);
      }
      const aliases: Record<string, string> = showAccept && accept ? {} : { creditCodeNote: 'creditCode' };
      if (!applyFieldErrors(form, e, aliases)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<OrgFormValues>
      open
      title={
        editing
          ? `编辑机构：${editing.name}`
          : `新建下级机构（上级：${target.mode === 'create' ? target.parent.name : ''}）`
      }
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      width={560}
    >
      <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择机构类型' }]}>
        <Radio.Group
          disabled={!!editing}
          optionType="button"
          options={(Object.keys(ORG_KIND_LABELS) as OrgKind[]).map((k) => ({
            value: k,
            label: ORG_KIND_LABELS[k],
            // a region sits only under a region
            disabled: k === 'region' && target.mode === 'create' && target.parent.kind !== 'region',
          }))}
        />
      </Form.Item>
      <Form.Item
        label="名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入机构名称' },
          { min: 2, message: '名称至少 2 个字' },
          { max: 100, message: '名称不能超过 100 个字' },
        ]}
      >
        <Input placeholder="如：某某县人民政府办公室" />
      </Form.Item>
      {kind === 'region' ? (
        <Form.Item
          label="行政区划代码"
          name="regionCode"
          extra="6 位（县级及以上）或 9 位（乡镇、街道）数字代码"
          rules={[
            { required: true, message: '请输入行政区划代码' },
            { pattern: /^\d{6}(\d{3})?$/, message: '行政区划代码应为 6 位或 9 位数字' },
          ]}
        >
          <Input inputMode="numeric" maxLength={9} disabled={!!editing} />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            label="统一社会信用代码"
            name="creditCode"
            extra="选填，18 位"
            normalize={(value: string) => value?.toUpperCase()}
            rules={[
              {
                pattern: CREDIT_CODE_PATTERN,
                message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
              },
            ]}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          {showAccept ? (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title="该代码的校验位不符合国家标准（GB 32100）"
                description="请先核对是否录入有误。如登记证书上的代码确实如此（早期赋码），可勾选下方选项并说明依据后保存。"
              />
              <Form.Item name="acceptCheckDigit" valuePropName="checked">
                <Checkbox>已核对登记证书，按证书原样录入</Checkbox>
              </Form.Item>
              {accept ? (
                <Form.Item
                  label="代码说明"
                  name="creditCodeNote"
                  rules={[
                    { required: true, whitespace: true, message: '请说明核验情况' },
                    { min: 2, message: '请说明核验情况' },
                    { max: 500, message: '不能超过 500 个字符' },
                  ]}
                >
                  <Input.TextArea rows={2} placeholder="如：与登记管理机关核实，证书编号……" />
                </Form.Item>
              ) : null}
            </>
          ) : null}
        </>
      )}
      {editing ? (
        <Form.Item label="排序号" name="sortOrder" extra="同级机构按排序号从小到大排列">
          <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      ) : null}
      {editing ? null : (
        <Flex>
          <Typography.Text type="secondary">创建后可在机构详情中继续添加下级机构。</Typography.Text>
        </Flex>
      )}
    </FormModal>
  );
}
