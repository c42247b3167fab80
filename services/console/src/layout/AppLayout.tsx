import { Avatar, Button, Dropdown, Flex, Layout, Menu, Segmented, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Network } from '@tjc/contracts';
import { useAuth, useSession } from '../auth/AuthProvider';
import { canWriteNetwork, isOps } from '../auth/session';
import { LANGUAGES } from '../i18n';
import { labelOf, langOf } from '../i18n/labels';
import { ChartIcon, CoinIcon, EditIcon, FactoryIcon, FlaskIcon, GearIcon, HandshakeIcon, LockIcon, LogoutIcon, TargetIcon } from '../components/icons';

const NETWORK_ICONS = { research: <FlaskIcon />, industry: <FactoryIcon />, service: <HandshakeIcon />, fund: <CoinIcon /> } as const;

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const lang = langOf(i18n.language);
  // The deepest menu entry the path is under: /kpi/targets selects "targets", /research/projects/x "research".
  const segments = location.pathname.split('/').filter(Boolean);
  const selected = segments[0] === 'kpi' && (segments[1] === 'targets' || segments[1] === 'corrections') ? `kpi/${segments[1]}` : (segments[0] ?? '');

  const networkItems = Network.values.map((n) => ({
    key: n,
    icon: NETWORK_ICONS[n],
    label: (
      <Flex justify="space-between" align="center" data-testid={`nav-${n}`}>
        <span>{t(`nav.${n}`)}</span>
        {!canWriteNetwork(session, n) && <LockIcon style={{ opacity: 0.5 }} />}
      </Flex>
    ),
  }));
  const items = [
    { type: 'group' as const, key: 'g-networks', label: t('nav.workspaces'), children: networkItems },
    { type: 'divider' as const, key: 'd1' },
    { key: 'kpi', icon: <ChartIcon />, label: <span data-testid="nav-kpi">{t('nav.kpi')}</span> },
    { key: 'kpi/targets', icon: <TargetIcon />, label: <span data-testid="nav-kpi-targets">{t('nav.kpiTargets')}</span> },
    { key: 'kpi/corrections', icon: <EditIcon />, label: <span data-testid="nav-kpi-corrections">{t('nav.kpiCorrections')}</span> },
    ...(isOps(session) ? [{ key: 'ops', icon: <GearIcon />, label: <span data-testid="nav-ops">{t('nav.ops')}</span> }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={236} breakpoint="lg" collapsedWidth={64}>
        <div className="tjc-brand">
          <div className="tjc-brand-mark">津</div>
          <div>
            <div className="tjc-brand-title">{lang === 'zh' ? '京津冀国家技术创新中心' : 'JJJ Tech Innovation Center'}</div>
            <div className="tjc-brand-sub">{lang === 'zh' ? '天津中心 · 协同创新平台' : 'Tianjin Center platform'}</div>
          </div>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(`/${key}`)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 24px', borderBottom: '1px solid #e8ebf0' }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t('app.title')}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 400 }}>
              {t('app.subtitle')}
            </Typography.Text>
          </Typography.Text>
          <Flex align="center" gap={16}>
            <Segmented
              size="small"
              value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'}
              options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
              onChange={(v) => void i18n.changeLanguage(String(v))}
              data-testid="lang-switch"
            />
            <Dropdown menu={{ items: [{ key: 'out', icon: <LogoutIcon />, label: t('app.signOut'), onClick: () => { if (!signOut()) navigate('/login'); } }] }}>
              <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar style={{ background: '#0b5cad' }}>{session.name.slice(0, 1)}</Avatar>
                <Flex vertical style={{ lineHeight: 1.2 }}>
                  <Typography.Text strong>{session.name}</Typography.Text>
                  <span>
                    <Tag color="blue" style={{ marginInlineEnd: 4 }} bordered={false}>
                      {t(`roles.${session.roles[0] ?? 'reader'}`)}
                    </Tag>
                    {session.network && <Tag bordered={false}>{labelOf(Network, session.network, lang)}</Tag>}
                  </span>
                </Flex>
              </Flex>
            </Dropdown>
            <Button size="small" type="text" onClick={() => { if (!signOut()) navigate('/login'); }} aria-label={t('app.signOut')} icon={<LogoutIcon />} data-testid="sign-out" />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
