import { useEffect, useState } from 'react';
import { Alert, Button, Card, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { completeSignIn, type OidcSettings, type SignedIn } from '../auth/oidc';
import { useConsoleConfig } from '../components/config';

/**
 * One exchange per answer: React's StrictMode runs effects twice in
 * development, and an authorization code is good for one use only.
 */
const exchanges = new Map<string, Promise<SignedIn>>();
function exchangeOnce(search: string, settings: OidcSettings): Promise<SignedIn> {
  let p = exchanges.get(search);
  if (!p) {
    p = completeSignIn(new URLSearchParams(search), settings, `${window.location.origin}/auth/callback`);
    exchanges.set(search, p);
  }
  return p;
}

/** /auth/callback: where the OpenID Provider sends the browser back with the code. */
export function OidcCallbackPage() {
  const { t } = useTranslation();
  const config = useConsoleConfig();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    if (!config.loaded) return;
    if (!config.oidc) {
      setFailure(t('login.noMethod'));
      return;
    }
    let live = true;
    exchangeOnce(window.location.search, config.oidc)
      .then((done) => {
        if (!live) return;
        signIn(done.accessToken, done.endSession);
        navigate(done.returnTo, { replace: true });
      })
      .catch((error: unknown) => live && setFailure((error as Error).message));
    return () => {
      live = false;
    };
  }, [config.loaded, config.oidc, signIn, navigate, t]);

  return (
    <div className="tjc-login">
      <Card style={{ width: 460 }} data-testid="oidc-callback">
        {failure ? (
          <>
            <Alert type="error" showIcon title={t('login.callbackFailed', { message: failure })} data-testid="oidc-callback-error" style={{ marginBottom: 16 }} />
            <Button type="primary" block onClick={() => navigate('/login', { replace: true })} data-testid="oidc-back-to-login">
              {t('login.backToLogin')}
            </Button>
          </>
        ) : (
          <Spin tip={t('login.callbackTitle')}>
            <div style={{ height: 80 }} />
          </Spin>
        )}
      </Card>
    </div>
  );
}
