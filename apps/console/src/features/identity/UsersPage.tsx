import { DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Input,
  type MenuProps,
  Row,
  Space,
  type TableColumnsType,
  Tooltip,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { userApi } from '../../api/endpoints.ts';
import type { UserRow } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePaging, useRequest } from '../../app/hooks.ts';
import { ListTable, pager } from '../../app/lists.tsx';
import {
  ADMIN_CLASS_COLORS,
  ErrorAlert,
  formatDateTime,
  PageHeader,
  PageLoading,
  ToneTag,
} from '../../app/ui.tsx';
import { indexOrgs, type OrgNode, useOrgList } from './orgs.tsx';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserDialogs.tsx';
import { UserRolesDrawer } from './UserRolesDrawer.tsx';

const ALL = '__all__';

function toTree(nodes: OrgNode[]): TreeDataNode[] {
  return nodes.map((n) => ({ key: n.key, title: n.org.name, children: toTree(n.children) }));
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserRow }
  | { kind: 'password'; user: UserRow }
  | { kind: 'roles'; user: UserRow }
  | null;

export function UsersPage() {
  const { can, user: me } = useAuth();
  const { message, modal } = App.useApp();
  const canManage = can('user.manage');
  const canUnlock = can('user.unlock');
  const canSeeRoles = can('role.read') || can('role.assign');
  const orgs = useOrgList();
  const index = useMemo(() => indexOrgs(orgs.data ?? []), [orgs.data]);
  const tree = useMemo<TreeDataNode[]>(
    () => [{ key: ALL, title: '全部机构', children: toTree(index.roots) }],
    [index],
  );
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const { page, pageSize, setPaging } = usePaging([orgId, q]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const query = { orgId, q: q || undefined, page, pageSize };
  const users = useRequest(JSON.stringify(query), (signal) => userApi.list(query, signal));

  const run = async (user: UserRow, action: () => Promise<unknown>, done: string) => {
    setBusyId(user.id);
    try {
      await action();
      message.success(done);
      users.reload();
    } catch (e) {
      modal.error({ title: '操作未成功', content: errorMessage(e) });
    } finally {
      setBusyId(null);
    }
  };

  const confirm = (title: string, content: string, onOk: () => Promise<void>, danger = false) =>
    modal.confirm({ title, content, okText: '确定', cancelText: '取消', okButtonProps: { danger }, onOk });

  const actionsFor = (u: UserRow): MenuProps['items'] => {
    const items: MenuProps['items'] = [];
    if (canManage && u.id !== me?.id) {
      items.push(
        u.status === 'active'
          ? { key: 'disable', label: '停用账号', danger: true }
          : { key: 'enable', label: '启用账号' },
      );
    }
    if (canUnlock && u.locked) items.push({ key: 'unlock', label: '解除锁定' });
    if (canManage) items.push({ key: 'password', label: '重置密码' });
    if (canUnlock && u.totpEnabled && u.id !== me?.id) items.push({ key: 'totp', label: '重置两步验证' });
    return items;
  };

  const onAction = (u: UserRow, key: string) => {
    const who = `${u.displayName}（${u.username}）`;
    switch (key) {
      case 'disable':
        confirm(
          `停用 ${who}？`,
          '停用后该账号不能登录，已登录的会话随即失效。可随时重新启用。',
          () => run(u, () => userApi.update(u.id, { status: 'disabled' }), '已停用'),
          true,
        );
        break;
      case 'enable':
        confirm(`启用 ${who}？`, '启用后该账号可以重新登录。', () =>
          run(u, () => userApi.update(u.id, { status: 'active' }), '已启用'),
        );
        break;
      case 'unlock':
        confirm(`解除 ${who} 的锁定？`, '账号因多次密码错误被锁定。请确认是本人操作后再解除。', () =>
          run(u, () => userApi.unlock(u.id), '已解除锁定'),
        );
        break;
      case 'password':
        setDialog({ kind: 'password', user: u });
        break;
      case 'totp':
        confirm(
          `重置 ${who} 的两步验证？`,
          '重置后原身份验证器失效，用户需重新绑定。请在核实本人身份后操作。',
          () => run(u, () => userApi.resetTotp(u.id), '已重置两步验证'),
          true,
        );
        break;
    }
  };

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username', width: 140, ellipsis: true },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '所属机构', dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: UserRow['roles']) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {roles.map((r) => (
              <ToneTag key={r.assignmentId} tone={r.adminClass ? ADMIN_CLASS_COLORS[r.adminClass] : 'gray'}>
                {r.name}
              </ToneTag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.status === 'active' ? <ToneTag tone="green">正常</ToneTag> : <ToneTag>已停用</ToneTag>}
          {u.locked ? (
            <Tooltip title={u.lockedUntil ? `锁定至 ${formatDateTime(u.lockedUntil)}` : '已锁定'}>
              <span>
                <ToneTag tone="red">已锁定</ToneTag>
              </span>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: '两步验证',
      dataIndex: 'totpEnabled',
      width: 90,
      render: (on: boolean) => (on ? <ToneTag tone="blue">已启用</ToneTag> : <ToneTag>未启用</ToneTag>),
    },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, u) => {
        const more = actionsFor(u);
        return (
          <Space size={0} wrap>
            {canManage ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                编辑
              </Button>
            ) : null}
            {canSeeRoles ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user: u })}>
                角色
              </Button>
            ) : null}
            {more && more.length > 0 ? (
              <Dropdown menu={{ items: more, onClick: ({ key }) => onAction(u, key) }} trigger={['click']}>
                <Button
                  type="link"
                  size="small"
                  loading={busyId === u.id}
                  aria-label={`${u.displayName}的更多操作`}
                >
                  更多 <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const selectedOrgName = orgId ? index.byId.get(orgId)?.org.name : undefined;

  return (
    <>
      <PageHeader
        title="用户管理"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建用户
            </Button>
          ) : null
        }
      >
        工作人员账号、所属机构、角色与安全状态。
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={6}>
          <Card title="按机构筛选" size="small">
            <ErrorAlert error={orgs.error} onRetry={orgs.reload} title="无法加载机构树" />
            {orgs.loading && !orgs.data ? (
              <PageLoading />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 280px)', overflow: 'auto' }}>
                <Tree
                  treeData={tree}
                  selectedKeys={[orgId ?? ALL]}
                  defaultExpandedKeys={[ALL, ...index.roots.map((r) => r.key)]}
                  onSelect={(keys) => {
                    const key = keys.length > 0 ? String(keys[0]) : ALL;
                    setOrgId(key === ALL ? undefined : key);
                  }}
                  blockNode
                  aria-label="机构树"
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={18}>
          <Card
            size="small"
            title={selectedOrgName ? `${selectedOrgName}及下级机构的用户` : '全部用户'}
            extra={
              <Space wrap>
                <Input.Search
                  placeholder="用户名、姓名"
                  aria-label="搜索用户"
                  allowClear
                  value={searchText}
                  onChange={(e) => {
                    setSearchText(e.target.value);
                    if (!e.target.value) setQ('');
                  }}
                  onSearch={(v) => setQ(v.trim())}
                  style={{ width: 240 }}
                />
                <Button icon={<ReloadOutlined />} onClick={users.reload} aria-label="刷新列表" />
              </Space>
            }
          >
            <ErrorAlert error={users.error} onRetry={users.reload} />
            <ListTable<UserRow>
              label="用户列表"
              empty={q ? '没有匹配的用户' : '暂无用户'}
              rowKey="id"
              columns={columns}
              dataSource={users.data?.items ?? []}
              loading={users.loading}
              scroll={{ x: 1100 }}
              pagination={pager({
                page,
                pageSize,
                total: users.data?.total,
                unit: '人',
                onChange: setPaging,
              })}
            />
          </Card>
        </Col>
      </Row>
      {dialog?.kind === 'create' ? (
        <CreateUserModal
          orgs={orgs.data}
          orgsLoading={orgs.loading}
          defaultOrgId={orgId}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            users.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserModal
          user={dialog.user}
          orgs={orgs.data}
          orgsLoading={orgs.loading}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            users.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'password' ? (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'roles' ? (
        <UserRolesDrawer
          user={dialog.user}
          orgs={orgs.data}
          orgsLoading={orgs.loading}
          onClose={() => setDialog(null)}
          onChanged={users.reload}
        />
      ) : null}
    </>
  );
}
