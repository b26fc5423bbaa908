// Who is signed in. The session lives in an httpOnly cookie; the console keeps the user and the CSRF
// token in memory and asks GET /session on start.
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Location, useLocation, useNavigate } from 'react-router';
import { ApiError, isAbort, setApiHandlers, setCsrfToken } from '../api/client.ts';
import { sessionApi } from '../api/endpoints.ts';
import type { LoginBody, SessionAnswer, SessionUser } from '../api/types.ts';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

/** State passed to the login page: where to go afterwards and why we are there. */
export interface LoginState {
  from?: Pick<Location, 'pathname' | 'search' | 'hash'>;
  reason?: string;
}

export interface AuthValue {
  status: AuthStatus;
  user: SessionUser | null;
  /** Why GET /session failed when status is 'error' (server unreachable …). */
  error: unknown;
  can: (permission: string) => boolean;
  /** Signs in; throws ApiError (OTP_REQUIRED, INVALID_CREDENTIALS, ACCOUNT_LOCKED …). */
  login: (body: LoginBody) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Reloads the user from GET /session (after changing the password or enabling two-factor). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = use(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireAuth. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  useEffect(() => {
    locationRef.current = location;
  }, [location]);

  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
    setError(null);
    setStatus('authenticated');
  }, []);

  const drop = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        accept(await sessionApi.current(signal));
      } catch (e) {
        if (isAbort(e)) return;
        if (e instanceof ApiError && e.status === 401) {
          drop();
        } else {
          setError(e);
          setStatus('error');
        }
      }
    },
    [accept, drop],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    setApiHandlers({
      onUnauthenticated: (err) => {
        drop();
        const here = locationRef.current;
        if (here.pathname === '/login') return;
        const state: LoginState = {
          from: { pathname: here.pathname, search: here.search, hash: here.hash },
          reason: err.message,
        };
        navigate('/login', { replace: true, state });
      },
      onTotpSetupRequired: () => {
        setUser((u) => (u ? { ...u, totpSetupRequired: true } : u));
        if (locationRef.current.pathname !== '/security/totp') navigate('/security/totp', { replace: true });
      },
    });
    return () => setApiHandlers({});
  }, [navigate, drop]);

  const value = useMemo<AuthValue>(
    () => ({
      status,
      user,
      error,
      can: (permission) => !!user?.permissions.includes(permission),
      login: async (body) => {
        const answer = await sessionApi.login(body);
        accept(answer);
        return answer.user;
      },
      logout: async () => {
        try {
          await sessionApi.logout();
        } finally {
          drop();
          navigate('/login', { replace: true });
        }
      },
      refresh: () => load(),
    }),
    [status, user, error, accept, drop, load, navigate],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
