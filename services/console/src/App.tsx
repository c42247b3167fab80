import { useMemo } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api/errors';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { OidcCallbackPage } from './pages/OidcCallbackPage';
import { HomeRedirect, NotFoundPage } from './pages/HomeRedirect';
import { ResearchWorkspace } from './pages/research/ResearchWorkspace';
import { IndustryWorkspace } from './pages/industry/IndustryWorkspace';
import { ServiceWorkspace } from './pages/service/ServiceWorkspace';
import { FundWorkspace } from './pages/fund/FundWorkspace';
import { KpiDashboard } from './pages/kpi/KpiDashboard';
import { TargetsPage } from './pages/kpi/TargetsPage';
import { CorrectionsPage } from './pages/kpi/CorrectionsPage';
import { OpsPage } from './pages/ops/OpsPage';
import { AnnualReportPage } from './pages/kpi/AnnualReportPage';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal (4xx) will not change by asking again; outages might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.problem.status >= 400 && error.problem.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function RequireSession({ children }: { children: React.ReactNode }) {
  const { session } = useAuth();
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/auth/callback', element: <OidcCallbackPage /> },
  // Outside the app's frame: the printed report is the report alone.
  {
    path: '/kpi/report/:year',
    element: (
      <RequireSession>
        <AnnualReportPage />
      </RequireSession>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'research', element: <ResearchWorkspace /> },
      { path: 'research/projects/:projectId', element: <ResearchWorkspace /> },
      { path: 'industry', element: <IndustryWorkspace /> },
      { path: 'service', element: <ServiceWorkspace /> },
      { path: 'fund', element: <FundWorkspace /> },
      { path: 'kpi', element: <KpiDashboard /> },
      { path: 'kpi/targets', element: <TargetsPage /> },
      { path: 'kpi/corrections', element: <CorrectionsPage /> },
      { path: 'ops', element: <OpsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const theme = {
  token: { colorPrimary: '#0b5cad', borderRadius: 8, fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, sans-serif" },
  components: { Layout: { siderBg: '#0b2a4a', headerBg: '#ffffff' }, Menu: { darkItemBg: '#0b2a4a', darkSubMenuItemBg: '#08223d' } },
};

export function App() {
  const { i18n } = useTranslation();
  const locale = useMemo(() => (i18n.language.startsWith('en') ? enUS : zhCN), [i18n.language]);
  return (
    <ConfigProvider locale={locale} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
