import { useState } from 'react';
import { Alert, Button, Card, Divider, Flex, Form, Input, Segmented, Select, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Network } from '@tjc/contracts';
import { toProblem, mapFieldErrors, type ApiProblem } from '../api/errors';
import { useAuth } from '../auth/AuthProvider';
import { startSignIn, safeReturnTo } from '../auth/oidc';
import { ROLES, type Role } from '../auth/session';
import { useConsoleConfig } from '../components/config';
import { LANGUAGES } from '../i18n';
import { langOf, optionsOf } from '../i18n/labels';

interface LoginForm {
  role: Role;
  network?: Network;
  name: string;
  sub: string;
}

/** People of the demo data, one click each. */
const QUICK: readonly (LoginForm & { key: string })[] = [
  { key: 'r', role: 'coordinator', network: 'research', name: '张伟', sub: 'zhang.wei' },
  { key: 'i', role: 'coordinator', network: 'industry', name: '李娜', sub: 'li.na' },
  { key: 's', role: 'coordinator', network: 'service', name: '王芳', sub: 'wang.fang' },
  { key: 'f', role: 'coordinator', network: 'fund', name: '刘洋', sub: 'liu.yang' },
  { key: 'a', role: 'center-admin', name: '陈静', sub: 'chen.jing' },
  { key: 'o', role: 'ops', name: '赵磊', sub: 'zhao.lei' },
];

/**
 * Sign-in. With an OpenID Provider configured (production, and the
 * development provider of ./platform): one button, authorization code + PKCE
 * (src/auth/oidc.ts). In development also the quick login: the console
 * server mints a token signed with the development issuer's secret (never
 * sent to the browser); it is off in production.
 */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const config = useConsoleConfig();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const lang = langOf(i18n.language);
  const [redirecting, setRedirecting] = useState(false);
  const [oidcProblem, setOidcProblem] = useState<string>();

  async function signInWithProvider() {
    if (!config.oidc) return;
    setRedirecting(true);
    setOidcProblem(undefined);
    try {
      window.location.assign(await startSignIn(config.oidc, `${window.location.origin}/auth/callback`, safeReturnTo(params.get('next'))));
    } catch (error) {
      setOidcProblem((error as Error).message);
      setRedirecting(false);
    }
  }

  async function submit(values: LoginForm) {
    setBusy(true);
    setProblem(undefined);
    try {
      const res = await fetch('/auth/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const p = toProblem(res.status, body);
        if (p.kind === 'validation') form.setFields(mapFieldErrors(p.fieldErrors, ['role', 'network', 'name', 'sub']).fields as Parameters<typeof form.setFields>[0]);
        setProblem(p);
        return;
      }
      signIn((body as { token: string }).token);
      navigate(safeReturnTo(params.get('next')), { replace: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tjc-login">
      <Card style={{ width: 460, boxShadow: '0 20px 60px rgba(0,0,0,0.25)' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Flex align="center" gap={10}>
            <div className="tjc-brand-mark" style={{ background: '#0b5cad', color: '#fff' }}>
              津
            </div>
            <div>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            </div>
          </Flex>
        </Flex>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Segmented size="small" value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'} options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))} onChange={(v) => void i18n.changeLanguage(String(v))} />
        </Flex>
        {config.oidc && (
          <>
            <Typography.Paragraph type="secondary">{t('login.oidcHelp')}</Typography.Paragraph>
            {oidcProblem && <Alert type="error" showIcon title={t('login.failed', { message: oidcProblem })} style={{ marginBottom: 12 }} data-testid="login-oidc-error" />}
            <Button type="primary" block size="large" loading={redirecting} onClick={() => void signInWithProvider()} data-testid="login-oidc">
              {redirecting ? t('login.redirecting') : t('login.oidcButton')}
            </Button>
            {config.devLogin && <Divider plain>{t('login.devDivider')}</Divider>}
          </>
        )}
        {config.devLogin ? (
          <>
            <Alert type="warning" showIcon title={t('login.devNotice')} style={{ marginBottom: 16 }} />
            <Typography.Text type="secondary">{t('login.quick')}</Typography.Text>
            <Space wrap style={{ margin: '6px 0 16px' }}>
              {QUICK.map((q) => (
                <Button
                  key={q.key}
                  size="small"
                  data-testid={`quick-${q.sub}`}
                  onClick={() => form.setFieldsValue({ role: q.role, name: q.name, sub: q.sub, ...(q.network ? { network: q.network } : { network: undefined }) } as LoginForm)}
                >
                  {q.name} · {q.network ? optionsOf(Network, lang).find((o) => o.value === q.network)?.label : t(`roles.${q.role}`)}
                </Button>
              ))}
            </Space>
            <Form form={form} layout="vertical" initialValues={{ role: 'coordinator', network: 'research', name: '张伟', sub: 'zhang.wei' }} onFinish={(v) => void submit(v)} requiredMark={false}>
              <Form.Item name="role" label={t('login.role')} rules={[{ required: true }]}>
                <Select data-testid="login-role" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
              </Form.Item>
              {role === 'coordinator' && (
                <Form.Item name="network" label={t('login.network')} rules={[{ required: true }]}>
                  <Select data-testid="login-network" options={optionsOf(Network, lang)} />
                </Form.Item>
              )}
              <Flex gap={12}>
                <Form.Item name="name" label={t('login.name')} rules={[{ required: true, max: 100 }]} style={{ flex: 1 }}>
                  <Input data-testid="login-name" />
                </Form.Item>
                <Form.Item name="sub" label={t('login.account')} tooltip={t('login.accountHelp')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, message: t('login.accountHelp') }]} style={{ flex: 1 }}>
                  <Input data-testid="login-sub" />
                </Form.Item>
              </Flex>
              {problem && problem.kind !== 'validation' && <Alert type="error" showIcon title={t('login.failed', { message: problem.message })} style={{ marginBottom: 12 }} />}
              <Button type={config.oidc ? 'default' : 'primary'} htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form>
          </>
        ) : (
          config.loaded && !config.oidc && <Alert type="info" showIcon title={t('login.noMethod')} />
        )}
      </Card>
    </div>
  );
}
