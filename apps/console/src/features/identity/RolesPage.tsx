import { EyeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { roleApi } from '../../api/endpoints.ts';
import type { Permission, Role, RoleCreate, RolePatch } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { FormModal } from '../../app/FormModal.tsx';
import { useRequest } from '../../app/hooks.ts';
import {
  ADMIN_CLASS_COLORS,
  ADMIN_CLASS_LABELS,
  applyFieldErrors,
  ErrorAlert,
  PageHeader,
  ToneTag,
} from '../../app/ui.tsx';

function groupPermissions(perms: Permission[]): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const p of perms) groups.set(p.group || '其他', [...(groups.get(p.group || '其他') ?? []), p]);
  return [...groups];
}

export function RolesPage() {
  const { can } = useAuth();
  const canManage = can('role.manage');
  const roles = useRequest('roles', (signal) => roleApi.list(signal).then((r) => r.items));
  const perms = useRequest('permissions', (signal) => roleApi.permissions(signal).then((r) => r.items));
  const permName = useMemo(() => new Map((perms.data ?? []).map((p) => [p.code, p.name])), [perms.data]);
  const [dialog, setDialog] = useState<{ role: Role | null; readOnly: boolean } | null>(null);

  const columns: TableColumnsType<Role> = [
    {
      title: '角色',
      dataIndex: 'name',
      width: 200,
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '类别',
      key: 'class',
      width: 140,
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.adminClass ? (
            <ToneTag tone={ADMIN_CLASS_COLORS[r.adminClass]}>{ADMIN_CLASS_LABELS[r.adminClass]}</ToneTag>
          ) : (
            <ToneTag>业务角色</ToneTag>
          )}
          {r.builtin ? <ToneTag>内置</ToneTag> : null}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'description', width: 220, render: (v: string) => v || '—' },
    {
      title: '权限',
      dataIndex: 'permissions',
      render: (codes: string[]) =>
        codes.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {codes.map((c) => (
              <Tooltip key={c} title={c}>
                <ToneTag>{permName.get(c) ?? c}</ToneTag>
              </Tooltip>
            ))}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) =>
        canManage && !r.builtin ? (
          <Button type="link" size="small" onClick={() => setDialog({ role: r, readOnly: false })}>
            编辑
          </Button>
        ) : (
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            onClick={() => setDialog({ role: r, readOnly: true })}
            aria-label={`查看角色${r.name}`}
          >
            查看
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="角色权限"
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                roles.reload();
                perms.reload();
              }}
            >
              刷新
            </Button>
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ role: null, readOnly: false })}
              >
                新建角色
              </Button>
            ) : null}
          </>
        }
      >
        内置角色（含系统管理员、安全管理员、审计管理员“三员”）由系统维护，只读；可新建自定义业务角色并勾选权限。
      </PageHeader>
      <ErrorAlert error={roles.error} onRetry={roles.reload} />
      <ErrorAlert error={perms.error} onRetry={perms.reload} title="无法加载权限清单" />
      <Card size="small">
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.loading}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="暂无角色" /> }}
        />
      </Card>
      {dialog ? (
        <RoleModal
          key={dialog.role?.id ?? 'new'}
          role={dialog.role}
          readOnly={dialog.readOnly}
          permissions={perms.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            roles.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface RoleValues {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
}

function RoleModal({
  role,
  readOnly,
  permissions,
  onClose,
  onSaved,
}: {
  role: Role | null;
  readOnly: boolean;
  permissions: Permission[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const groups = groupPermissions(permissions);
  const known = new Set(permissions.map((p) => p.code));
  const unknownCodes = (role?.permissions ?? []).filter((c) => !known.has(c));

  const onFinish = async (v: RoleValues) => {
    setSaving(true);
    setError(null);
    try {
      if (role) {
        const body: RolePatch = {
          name: v.name.trim(),
          description: v.description?.trim() ?? '',
          permissions: v.permissions,
        };
        await roleApi.update(role.id, body);
        message.success('已保存角色');
      } else {
        const body: RoleCreate = { code: v.code.trim(), name: v.name.trim(), permissions: v.permissions };
        if (v.description?.trim()) body.description = v.description.trim();
        await roleApi.create(body);
        message.success('已创建角色');
      }
      onSaved();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  const title = role ? (readOnly ? `查看角色：${role.name}` : `编辑角色：${role.name}`) : '新建角色';

  return (
    <FormModal<RoleValues>
      open
      title={title}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={saving}
      error={error}
      readOnly={readOnly}
      width={760}
      initialValues={
        role
          ? { code: role.code, name: role.name, description: role.description, permissions: role.permissions }
          : { permissions: [] }
      }
    >
      {role?.builtin ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="内置角色由系统维护，不能修改。" />
      ) : null}
      {role?.adminClass ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`此角色属于${ADMIN_CLASS_LABELS[role.adminClass]}（三员之一）`}
          description="三员角色互斥：一个账号只能担任其中一种，且不持有业务权限。"
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            label="角色编码"
            name="code"
            extra={role ? '创建后不能修改' : '小写字母开头，可含小写字母、数字、点和下划线，如 dept.clerk'}
            rules={[
              { required: true, message: '请输入角色编码' },
              {
                pattern: /^[a-z][a-z0-9_.]{1,62}$/,
                message: '编码须以小写字母开头，仅含小写字母、数字、点和下划线，2–63 位',
              },
            ]}
          >
            <Input disabled={!!role} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="角色名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入角色名称' },
              { max: 100, message: '名称不能超过 100 个字符' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明不能超过 500 个字符' }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        label="权限"
        name="permissions"
        rules={[
          {
            // a validator rather than `required`, which would put aria-required on the checkbox group
            validator: (_, value: string[] | undefined) =>
              value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error('请至少选择一项权限')),
          },
        ]}
      >
        <Checkbox.Group style={{ width: '100%', display: 'block' }}>
          {groups.length === 0 ? (
            <Empty description="权限清单为空或未能加载" />
          ) : (
            groups.map(([group, items]) => (
              <fieldset
                key={group}
                style={{
                  border: '1px solid #e5e7eb',
                  borderRadius: 6,
                  padding: '8px 12px',
                  marginBottom: 12,
                }}
              >
                <legend
                  style={{
                    fontSize: 14,
                    fontWeight: 600,
                    padding: '0 4px',
                    width: 'auto',
                    margin: 0,
                    border: 0,
                  }}
                >
                  {group}
                </legend>
                <Row gutter={[8, 8]}>
                  {items.map((p) => (
                    <Col xs={24} sm={12} key={p.code}>
                      <Checkbox value={p.code}>
                        {p.name}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.code}
                        </Typography.Text>
                      </Checkbox>
                    </Col>
                  ))}
                </Row>
              </fieldset>
            ))
          )}
          {unknownCodes.length > 0 ? (
            <Typography.Paragraph type="secondary">
              另含未在权限清单中的权限：{unknownCodes.join('、')}
            </Typography.Paragraph>
          ) : null}
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
