import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { configureApi } from '../api/client';
import { loadStoredSession, sessionFromToken, storeToken, type Session } from './session';

interface AuthContextValue {
  readonly session: Session | undefined;
  signIn(token: string): Session;
  signOut(): void;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadStoredSession());

  const signOut = useCallback(() => {
    storeToken(undefined);
    setSession(undefined);
  }, []);

  const signIn = useCallback((token: string) => {
    const s = sessionFromToken(token);
    if (!s) throw new Error('the token could not be read');
    storeToken(token);
    setSession(s);
    return s;
  }, []);

  // The API client reads the token at call time; a 401 (expired or revoked) ends the session.
  configureApi(() => session?.token, signOut);

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
