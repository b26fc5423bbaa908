// Role assignments of one user: list, add (role + data scope), remove. The server refuses (422
// SEPARATION_OF_DUTIES) to give one account two administrator classes (三员分立).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Popconfirm,
  Radio,
  Select,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { roleApi, userApi } from '../../api/endpoints.ts';
import type { AssignmentCreate, Org, RoleAssignment, Scope, UserRow } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useRequest } from '../../app/hooks.ts';
import {
  ADMIN_CLASS_COLORS,
  ADMIN_CLASS_LABELS,
  applyFieldErrors,
  ErrorAlert,
  SCOPE_LABELS,
  scopeText,
  ToneTag,
} from '../../app/ui.tsx';
import { OrgTreeSelect } from './orgs.tsx';

interface AddValues {
  roleId: string;
  scope: Scope;
  scopeOrgId?: string;
}

export function UserRolesDrawer({
  user,
  orgs,
  orgsLoading,
  onClose,
  onChanged,
}: {
  user: UserRow;
  orgs: Org[] | undefined;
  orgsLoading: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const canAssign = can('role.assign');
  const assignments = useRequest(`user-roles:${user.id}`, (signal) =>
    userApi.roles(user.id, signal).then((r) => r.items),
  );
  const roles = useRequest(canAssign ? 'roles' : null, (signal) => roleApi.list(signal).then((r) => r.items));
  const [form] = Form.useForm<AddValues>();
  const scope = Form.useWatch('scope', form);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<unknown>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);

  const onAdd = async (v: AddValues) => {
    setAdding(true);
    setAddError(null);
    try {
      const body: AssignmentCreate = { roleId: v.roleId, scope: v.scope };
      if (v.scope === 'org' && v.scopeOrgId) body.scopeOrgId = v.scopeOrgId;
      await userApi.addRole(user.id, body);
      message.success('已分配角色');
      form.resetFields();
      assignments.reload();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SEPARATION_OF_DUTIES') setAddError(e);
      else if (!applyFieldErrors(form, e)) setAddError(e);
    } finally {
      setAdding(false);
    }
  };

  const onRemove = async (a: RoleAssignment) => {
    setRemoveError(null);
    try {
      await userApi.removeRole(user.id, a.assignmentId);
      message.success(`已移除角色“${a.name}”`);
      assignments.reload();
      onChanged();
    } catch (e) {
      setRemoveError(e);
    }
  };

  const sod = addError instanceof ApiError && addError.code === 'SEPARATION_OF_DUTIES';

  return (
    <Drawer
      open
      title={`角色分配：${user.displayName}（${user.username}）`}
      size={720}
      onClose={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        角色决定用户能做什么，数据范围决定能对哪些机构的数据操作：全平台、指定机构及其下级，或仅本人的记录。
        按“三员分立”要求，一个账号只能担任系统管理员、安全管理员、审计管理员中的一种。
      </Typography.Paragraph>
      <ErrorAlert error={assignments.error} onRetry={assignments.reload} />
      <ErrorAlert error={removeError} />
      <Table<RoleAssignment>
        rowKey="assignmentId"
        size="small"
        loading={assignments.loading}
        dataSource={assignments.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="尚未分配角色" /> }}
        style={{ marginBottom: 24 }}
        columns={[
          { title: '角色', dataIndex: 'name' },
          {
            title: '类别',
            dataIndex: 'adminClass',
            render: (c: RoleAssignment['adminClass']) =>
              c ? (
                <ToneTag tone={ADMIN_CLASS_COLORS[c]}>{ADMIN_CLASS_LABELS[c]}</ToneTag>
              ) : (
                <ToneTag>业务角色</ToneTag>
              ),
          },
          { title: '数据范围', key: 'scope', render: (_, a) => scopeText(a) },
          ...(canAssign
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, a: RoleAssignment) => (
                    <Popconfirm
                      title={`移除角色“${a.name}”？`}
                      okText="移除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => onRemove(a)}
                    >
                      <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                        移除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canAssign ? (
        <Card size="small" title="分配角色">
          {sod ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title="违反“三员分立”要求，未能分配"
              description={[...new Set([addError.message, ...addError.details.map((d) => d.message)])].map(
                (m) => <div key={m}>{m}</div>,
              )}
            />
          ) : (
            <ErrorAlert error={addError} />
          )}
          <ErrorAlert error={roles.error} onRetry={roles.reload} title="无法加载角色列表" />
          <Form<AddValues>
            form={form}
            layout="vertical"
            onFinish={onAdd}
            initialValues={{ scope: 'org', scopeOrgId: user.orgId ?? undefined }}
            disabled={adding}
          >
            <Form.Item label="角色" name="roleId" rules={[{ required: true, message: '请选择角色' }]}>
              <Select
                loading={roles.loading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择角色"
                options={(roles.data ?? []).map((r) => ({
                  value: r.id,
                  label: r.adminClass ? `${r.name}（${ADMIN_CLASS_LABELS[r.adminClass]}）` : r.name,
                }))}
              />
            </Form.Item>
            <Form.Item label="数据范围" name="scope" rules={[{ required: true, message: '请选择数据范围' }]}>
              <Radio.Group
                options={(Object.keys(SCOPE_LABELS) as Scope[]).map((s) => ({
                  value: s,
                  label: SCOPE_LABELS[s],
                }))}
              />
            </Form.Item>
            {scope === 'org' ? (
              <Form.Item
                label="范围机构"
                name="scopeOrgId"
                extra="该机构及其全部下级机构"
                rules={[{ required: true, message: '请选择范围机构' }]}
              >
                <OrgTreeSelect orgs={orgs} loading={orgsLoading} />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={adding}>
              分配
            </Button>
          </Form>
        </Card>
      ) : null}
    </Drawer>
  );
}
