import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { RoleAssignment } from '../../api/types.ts';
import { useAuth, useUser } from '../../app/auth.tsx';
import { NAV_ITEMS } from '../../app/layout.tsx';
import { ADMIN_CLASS_COLORS, ADMIN_CLASS_LABELS, PageHeader, scopeText, ToneTag } from '../../app/ui.tsx';

const KIND_LABELS = { staff: '工作人员', citizen: '个人用户', enterprise: '法人用户' } as const;

export function HomePage() {
  const user = useUser();
  const { can } = useAuth();
  const shortcuts = NAV_ITEMS.filter((i) => i.path !== '/' && (!i.permission || can(i.permission)));

  return (
    <>
      <PageHeader title="工作台">您好，{user.displayName}。以下是您的账号身份、角色和数据范围。</PageHeader>
      {!user.totpEnabled ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的账号尚未启用两步验证"
          description={
            <>
              启用后，登录时除密码外还需输入手机身份验证器中的动态验证码。
              <Link to="/security/totp">立即设置</Link>
            </>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="我的身份" style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'name', label: '姓名', children: user.displayName },
                { key: 'username', label: '用户名', children: user.username },
                { key: 'kind', label: '账号类型', children: KIND_LABELS[user.kind] ?? user.kind },
                { key: 'org', label: '所属机构', children: user.orgName ?? '—' },
                {
                  key: 'totp',
                  label: '两步验证',
                  children: user.totpEnabled ? (
                    <ToneTag tone="green">已启用</ToneTag>
                  ) : (
                    <ToneTag tone="orange">未启用</ToneTag>
                  ),
                },
                {
                  key: 'security',
                  label: '账号安全',
                  children: (
                    <Space>
                      <Link to="/security/password">修改密码</Link>
                      {user.totpEnabled ? null : <Link to="/security/totp">设置两步验证</Link>}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="我的角色与数据范围" style={{ height: '100%' }}>
            <Table<RoleAssignment>
              rowKey="assignmentId"
              size="small"
              pagination={false}
              dataSource={user.roles}
              locale={{ emptyText: <Empty description="尚未分配角色，请联系系统管理员" /> }}
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
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title="常用功能">
            {shortcuts.length === 0 ? (
              <Empty description="暂无可用功能" />
            ) : (
              <Space wrap size={[12, 12]}>
                {shortcuts.map((s) => (
                  <Link key={s.path} to={s.path} style={{ display: 'inline-block' }}>
                    <Card size="small" hoverable style={{ width: 160, textAlign: 'center' }}>
                      <div style={{ fontSize: 24 }} aria-hidden="true">
                        {s.icon}
                      </div>
                      <Typography.Text>{s.label}</Typography.Text>
                    </Card>
                  </Link>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={`我的权限（${user.permissions.length} 项）`}>
            {user.permissions.length === 0 ? (
              <Empty description="暂无权限" />
            ) : (
              <Space wrap size={[4, 8]}>
                {user.permissions.map((p) => (
                  <ToneTag key={p}>{p}</ToneTag>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
