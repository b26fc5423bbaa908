// The frame around every signed-in page: side menu filtered by permissions, header with identity,
// inbox bell and sign-out, and the main area where route pages load.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ContainerOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  GlobalOutlined,
  IdcardOutlined,
  KeyOutlined,
  LayoutOutlined,
  LikeOutlined,
  LogoutOutlined,
  MailOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Flex, Layout, Menu, type MenuProps, Tooltip, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { useUnreadCount } from '../features/inbox/unread.ts';
import { useAuth, useUser } from './auth.tsx';
import { PageLoading, VisuallyHidden } from './ui.tsx';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Permission the page needs; undefined means every signed-in staff member. */
  permission?: string;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/tasks', label: '待办事项', icon: <ScheduleOutlined />, permission: 'task.handle' },
  { path: '/cases', label: '办件查询', icon: <FileSearchOutlined />, permission: 'case.read' },
  { path: '/supervision', label: '电子监察', icon: <AlertOutlined />, permission: 'supervision.read' },
  { path: '/licences', label: '电子证照', icon: <IdcardOutlined />, permission: 'licence.read' },
  { path: '/ratings', label: '好差评', icon: <LikeOutlined />, permission: 'rating.read' },
  { path: '/orgs', label: '组织机构', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/roles', label: '角色权限', icon: <SafetyCertificateOutlined />, permission: 'role.read' },
  { path: '/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read' },
  // H6: process designer and service items.
  { path: '/processes', label: '流程定制', icon: <BranchesOutlined />, permission: 'process.manage' },
  { path: '/services', label: '事项管理', icon: <ProfileOutlined />, permission: 'service.manage' },
  // Website cluster (issue 4).
  { path: '/articles', label: '稿件管理', icon: <FileTextOutlined />, permission: 'cms.article.edit' },
  { path: '/review', label: '稿件审核', icon: <FileDoneOutlined />, permission: 'cms.article.review' },
  { path: '/pushes', label: '信息报送', icon: <SendOutlined />, permission: 'cms.article.edit' },
  { path: '/sites', label: '网站与栏目', icon: <GlobalOutlined />, permission: 'cms.site.manage' },
  { path: '/themes', label: '主题模板', icon: <LayoutOutlined />, permission: 'cms.site.manage' },
  { path: '/health', label: '网站健康', icon: <SafetyCertificateOutlined />, permission: 'cms.site.manage' },
  // 政府信息公开.
  {
    path: '/disclosure-register',
    label: '登记公开申请',
    icon: <FormOutlined />,
    permission: 'disclosure.request.handle',
  },
  {
    path: '/disclosure-catalogue',
    label: '公开目录',
    icon: <ContainerOutlined />,
    permission: 'disclosure.catalogue.edit',
  },
  {
    path: '/disclosure-guide',
    label: '公开指南',
    icon: <ReadOutlined />,
    permission: 'disclosure.catalogue.edit',
  },
  {
    path: '/disclosure-report',
    label: '年度报告',
    icon: <BarChartOutlined />,
    permission: 'disclosure.report.edit',
  },
  { path: '/inbox', label: '消息', icon: <MailOutlined /> },
];

function selectedKey(pathname: string): string {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return NAV_ITEMS.some((i) => i.path === first) ? first : '';
}

export function AppLayout() {
  const { can, logout } = useAuth();
  const user = useUser();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const unread = useUnreadCount(!user.totpSetupRequired);
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(location.pathname);

  // Move keyboard and screen-reader focus to the new page after navigation (not on first load).
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const menuItems: MenuProps['items'] = NAV_ITEMS.filter((i) => !i.permission || can(i.permission)).map(
    (i) => ({
      key: i.path,
      icon: i.icon,
      label:
        i.path === '/inbox' && unread > 0 ? (
          <Link to={i.path}>{`${i.label}（${unread}）`}</Link>
        ) : (
          <Link to={i.path}>{i.label}</Link>
        ),
    }),
  );

  const roleNames = [...new Set(user.roles.map((r) => r.name))].join('、') || '无角色';

  const onSignOut = async () => {
    try {
      await logout();
      message.success('已退出登录');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    {
      key: 'totp',
      icon: <SafetyCertificateOutlined />,
      label: user.totpEnabled ? '两步验证（已启用）' : '设置两步验证',
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/security/password');
    else if (key === 'totp') navigate('/security/totp');
    else if (key === 'logout') void onSignOut();
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="zt-skip-link">
        跳到主要内容
      </a>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        theme="dark"
        aria-label="主导航"
      >
        <div
          style={{
            color: '#fff',
            fontWeight: 600,
            fontSize: collapsed ? 16 : 18,
            padding: '18px 16px',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textAlign: collapsed ? 'center' : 'left',
          }}
        >
          {collapsed ? '政通' : '政通 · 工作人员平台'}
        </div>
        <nav aria-label="功能菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            items={menuItems}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            borderBottom: '1px solid #e5e7eb',
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
          }}
        >
          <Flex justify="flex-end" align="center" gap={16} style={{ minHeight: 64 }} wrap>
            <div style={{ textAlign: 'right', lineHeight: 1.4 }}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <Typography.Text type="secondary"> · {user.orgName ?? '未归属机构'}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {roleNames}
              </Typography.Text>
            </div>
            <Tooltip title={unread > 0 ? `${unread} 条未读消息` : '消息'}>
              <Link to="/inbox" aria-label={unread > 0 ? `消息，${unread} 条未读` : '消息，没有未读'}>
                <Badge count={unread} overflowCount={99} size="small">
                  <BellOutlined style={{ fontSize: 20, color: '#374151', padding: 4 }} />
                </Badge>
              </Link>
            </Tooltip>
            <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']}>
              <Button icon={<UserOutlined />} aria-haspopup="menu">
                {user.username}
                <VisuallyHidden>的账号菜单</VisuallyHidden>
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={() => void onSignOut()}>
              退出
            </Button>
          </Flex>
        </Layout.Header>
        {/* Layout.Content renders the page's <main> landmark. */}
        <Layout.Content id="main" ref={mainRef} tabIndex={-1} style={{ padding: 24, outline: 'none' }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
