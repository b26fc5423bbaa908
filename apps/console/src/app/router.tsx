// Routes of the console (under the /console/ base). Every page is its own lazily loaded chunk.
import { Button, Flex, Result } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { errorMessage } from '../api/client.ts';
import { type LoginState, useAuth } from './auth.tsx';
import { useDocumentTitle } from './hooks.ts';
import { AppLayout } from './layout.tsx';
import { Forbidden, NotFoundPage, PageLoading } from './ui.tsx';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('../features/identity/LoginPage.tsx'), 'LoginPage');
const HomePage = page(() => import('../features/identity/HomePage.tsx'), 'HomePage');
const TotpSetupPage = page(() => import('../features/identity/TotpSetupPage.tsx'), 'TotpSetupPage');
const ChangePasswordPage = page(
  () => import('../features/identity/ChangePasswordPage.tsx'),
  'ChangePasswordPage',
);
const OrgPage = page(() => import('../features/identity/OrgPage.tsx'), 'OrgPage');
const UsersPage = page(() => import('../features/identity/UsersPage.tsx'), 'UsersPage');
const RolesPage = page(() => import('../features/identity/RolesPage.tsx'), 'RolesPage');
const CalendarPage = page(() => import('../features/calendar/CalendarPage.tsx'), 'CalendarPage');
const AuditPage = page(() => import('../features/audit/AuditPage.tsx'), 'AuditPage');
const InboxPage = page(() => import('../features/inbox/InboxPage.tsx'), 'InboxPage');
// H6: process designer and service items (事项管理).
const ProcessListPage = page(() => import('../features/processes/ProcessListPage.tsx'), 'ProcessListPage');
const ProcessDetailPage = page(
  () => import('../features/processes/ProcessDetailPage.tsx'),
  'ProcessDetailPage',
);
const ProcessDesignerPage = page(
  () => import('../features/processes/ProcessDesignerPage.tsx'),
  'ProcessDesignerPage',
);
const ServiceListPage = page(() => import('../features/services/ServiceListPage.tsx'), 'ServiceListPage');
const ServiceEditPage = page(() => import('../features/services/ServiceEditPage.tsx'), 'ServiceEditPage');
// Case handling and supervision (issue 3, H7).
const TasksPage = page(() => import('../features/cases/TasksPage.tsx'), 'TasksPage');
const CasesPage = page(() => import('../features/cases/CasesPage.tsx'), 'CasesPage');
// The disclosure case type registers its action dialogs and case panel along with the case page.
const CaseDetailPage = page(async () => {
  const [m] = await Promise.all([
    import('../features/cases/CaseDetailPage.tsx'),
    import('../features/disclosure/register.ts'),
  ]);
  return m;
}, 'CaseDetailPage');
const SupervisionPage = page(() => import('../features/supervision/SupervisionPage.tsx'), 'SupervisionPage');
const LicencesPage = page(() => import('../features/licences/LicencesPage.tsx'), 'LicencesPage');
const RatingsPage = page(() => import('../features/ratings/RatingsPage.tsx'), 'RatingsPage');
// Website cluster (issue 4): articles, review, push between sites, sites and columns, theme templates.
const ArticlesPage = page(() => import('../features/cms/ArticlesPage.tsx'), 'ArticlesPage');
const ReviewPage = page(() => import('../features/cms/ArticlesPage.tsx'), 'ReviewPage');
const ArticleEditPage = page(() => import('../features/cms/ArticleEditPage.tsx'), 'ArticleEditPage');
const PushesPage = page(() => import('../features/cms/PushesPage.tsx'), 'PushesPage');
const SitesPage = page(() => import('../features/cms/SitesPage.tsx'), 'SitesPage');
const ThemePage = page(() => import('../features/cms/ThemePage.tsx'), 'ThemePage');
// 政府信息公开: catalogue, guide, annual report, requests registered by staff.
const DisclosureCataloguePage = page(
  () => import('../features/disclosure/CataloguePage.tsx'),
  'CataloguePage',
);
const DisclosureGuidePage = page(() => import('../features/disclosure/GuidePage.tsx'), 'GuidePage');
const DisclosureReportPage = page(() => import('../features/disclosure/ReportPage.tsx'), 'ReportPage');
const DisclosureRegisterPage = page(() => import('../features/disclosure/RegisterPage.tsx'), 'RegisterPage');
const HealthOverviewPage = page(() => import('../features/health/HealthPage.tsx'), 'HealthOverviewPage');
const SiteHealthPage = page(() => import('../features/health/HealthPage.tsx'), 'SiteHealthPage');

export const TOTP_PATH = '/security/totp';
export const PASSWORD_PATH = '/security/password';

function SessionError() {
  const { error, refresh } = useAuth();
  useDocumentTitle('无法连接服务器');
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Result
        status="warning"
        title="无法获取登录状态"
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            重试
          </Button>
        }
      />
    </Flex>
  );
}

/** Signed-in users only; sends them to two-factor setup or password change when the server requires it. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageLoading label="正在验证登录状态…" />;
  if (status === 'error') return <SessionError />;
  if (!user) {
    const state: LoginState = {
      from: { pathname: location.pathname, search: location.search, hash: location.hash },
    };
    return <Navigate to="/login" replace state={state} />;
  }
  if (user.totpSetupRequired && location.pathname !== TOTP_PATH) return <Navigate to={TOTP_PATH} replace />;
  if (!user.totpSetupRequired && user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return children;
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <Forbidden />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<PageLoading />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="orgs"
          element={
            <RequirePermission permission="org.read">
              <OrgPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="roles"
          element={
            <RequirePermission permission="role.read">
              <RolesPage />
            </RequirePermission>
          }
        />
        <Route path="calendar" element={<CalendarPage />} />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="inbox" element={<InboxPage />} />
        {/* H6: process designer and service items */}
        <Route
          path="processes"
          element={
            <RequirePermission permission="process.manage">
              <ProcessListPage />
            </RequirePermission>
          }
        />
        <Route
          path="processes/:id"
          element={
            <RequirePermission permission="process.manage">
              <ProcessDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="processes/:id/versions/:version"
          element={
            <RequirePermission permission="process.manage">
              <ProcessDesignerPage />
            </RequirePermission>
          }
        />
        <Route
          path="services"
          element={
            <RequirePermission permission="service.manage">
              <ServiceListPage />
            </RequirePermission>
          }
        />
        <Route
          path="services/:id"
          element={
            <RequirePermission permission="service.manage">
              <ServiceEditPage />
            </RequirePermission>
          }
        />
        <Route
          path="tasks"
          element={
            <RequirePermission permission="task.handle">
              <TasksPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases"
          element={
            <RequirePermission permission="case.read">
              <CasesPage />
            </RequirePermission>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequirePermission permission="case.read">
              <CaseDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="supervision"
          element={
            <RequirePermission permission="supervision.read">
              <SupervisionPage />
            </RequirePermission>
          }
        />
        <Route
          path="licences"
          element={
            <RequirePermission permission="licence.read">
              <LicencesPage />
            </RequirePermission>
          }
        />
        <Route
          path="ratings"
          element={
            <RequirePermission permission="rating.read">
              <RatingsPage />
            </RequirePermission>
          }
        />
        {/* Website cluster (issue 4) */}
        <Route
          path="articles"
          element={
            <RequirePermission permission="cms.article.edit">
              <ArticlesPage />
            </RequirePermission>
          }
        />
        <Route
          path="articles/:id"
          element={
            <RequirePermission permission="cms.article.edit">
              <ArticleEditPage />
            </RequirePermission>
          }
        />
        <Route
          path="review"
          element={
            <RequirePermission permission="cms.article.review">
              <ReviewPage />
            </RequirePermission>
          }
        />
        <Route
          path="pushes"
          element={
            <RequirePermission permission="cms.article.edit">
              <PushesPage />
            </RequirePermission>
          }
        />
        <Route
          path="sites"
          element={
            <RequirePermission permission="cms.site.manage">
              <SitesPage />
            </RequirePermission>
          }
        />
        <Route
          path="themes"
          element={
            <RequirePermission permission="cms.site.manage">
              <ThemePage />
            </RequirePermission>
          }
        />
        <Route
          path="health"
          element={
            <RequirePermission permission="cms.site.manage">
              <HealthOverviewPage />
            </RequirePermission>
          }
        />
        <Route
          path="health/:siteId"
          element={
            <RequirePermission permission="cms.site.manage">
              <SiteHealthPage />
            </RequirePermission>
          }
        />
        {/* 政府信息公开 */}
        <Route
          path="disclosure-catalogue"
          element={
            <RequirePermission permission="disclosure.catalogue.edit">
              <DisclosureCataloguePage />
            </RequirePermission>
          }
        />
        <Route
          path="disclosure-guide"
          element={
            <RequirePermission permission="disclosure.catalogue.edit">
              <DisclosureGuidePage />
            </RequirePermission>
          }
        />
        <Route
          path="disclosure-report"
          element={
            <RequirePermission permission="disclosure.report.edit">
              <DisclosureReportPage />
            </RequirePermission>
          }
        />
        <Route
          path="disclosure-register"
          element={
            <RequirePermission permission="disclosure.request.handle">
              <DisclosureRegisterPage />
            </RequirePermission>
          }
        />
        <Route path="security/totp" element={<TotpSetupPage />} />
        <Route path="security/password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
