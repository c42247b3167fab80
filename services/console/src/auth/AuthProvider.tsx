import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { configureApi } from '../api/client';
import { endSessionUrl, type SignedIn } from './oidc';
import { loadStoredSession, sessionFromToken, storeToken, type Session } from './session';

type EndSession = NonNullable<SignedIn['endSession']>;

interface AuthContextValue {
  readonly session: Session | undefined;
  /** Starts a session from an access token; `endSession` when it came from the OIDC provider. */
  signIn(token: string, endSession?: EndSession): Session;
  /**
   * Ends the session. After an OIDC sign-in it also ends the provider's
   * session (the browser is sent there and back to /login) and returns true;
   * the caller then must not navigate itself.
   */
  signOut(): boolean;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);
const END_SESSION_KEY = 'tjc.console.oidc.endSession';

function loadEndSession(): EndSession | undefined {
  try {
    const raw = sessionStorage.getItem(END_SESSION_KEY);
    return raw ? (JSON.parse(raw) as EndSession) : undefined;
  } catch {
    return undefined;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadStoredSession());

  // A 401 (the token expired or was revoked) ends only the console's session:
  // the login page then signs in again, silently if the provider's session lives.
  const endLocally = useCallback(() => {
    storeToken(undefined);
    sessionStorage.removeItem(END_SESSION_KEY);
    setSession(undefined);
  }, []);

  const signOut = useCallback(() => {
    const endSession = loadEndSession();
    endLocally();
    if (!endSession) return false;
    window.location.assign(endSessionUrl(endSession, `${window.location.origin}/login`));
    return true;
  }, [endLocally]);

  const signIn = useCallback((token: string, endSession?: EndSession) => {
    const s = sessionFromToken(token);
    if (!s) throw new Error('the token could not be read');
    storeToken(token);
    if (endSession) sessionStorage.setItem(END_SESSION_KEY, JSON.stringify(endSession));
    else sessionStorage.removeItem(END_SESSION_KEY);
    setSession(s);
    return s;
  }, []);

  // The API client reads the token at call time.
  configureApi(() => session?.token, endLocally);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession on a page that does not require a session');
  return session;
}
