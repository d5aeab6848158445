import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { ErrorBoundary } from './components/error-boundary';
import { api, ApiError, errorMessage, onUnauthenticated } from './lib/api';
import { useBackToSandbox } from './lib/sandbox';
import { SessionContext, type Session } from './lib/session';
import type { Me } from './lib/types';
import { IncidentDocPage } from './pages/incident-doc';
import { IncidentListPage } from './pages/incident-list';
import { NotFoundPage } from './pages/not-found';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';

// Charts are the heaviest dependency; only /insights loads them.
const InsightsPage = lazy(() => import('./pages/insights').then((m) => ({ default: m.InsightsPage })));

type AuthState = { kind: 'loading' } | { kind: 'signed-in'; me: Me } | { kind: 'signed-out' } | { kind: 'error'; message: string };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  useEffect(() => {
    // After client-side navigation, move focus to the new page so screen readers announce it (not on first load).
    if (location.pathname !== firstPath.current) {
      firstPath.current = '';
      main.current?.focus();
    }
  }, [location.pathname]);

  const loadMe = useCallback(async () => {
    try {
      setAuth({ kind: 'signed-in', me: await api.get<Me>('/api/v1/me') });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setAuth({ kind: 'signed-out' });
      else setAuth({ kind: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void loadMe();
    return onUnauthenticated(() => setAuth({ kind: 'signed-out' }));
  }, [loadMe]);

  const signOut = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setAuth({ kind: 'signed-out' });
  }, []);

  if (location.pathname === '/sign-in' || auth.kind === 'signed-out') return <SignInPage />;
  if (auth.kind === 'loading')
    return (
      <p className="page-loading" role="status">
        Loading…
      </p>
    );
  if (auth.kind === 'error')
    return (
      <main className="page narrow">
        <h1>Response is not reachable</h1>
        <p role="alert">{auth.message}</p>
        <button type="button" onClick={() => void loadMe()}>
          Try again
        </button>
      </main>
    );

  const session: Session = { me: auth.me, signOut };
  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header me={auth.me} onSignOut={signOut} />
      <main id="main" className="page" tabIndex={-1} ref={main}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <Routes>
              <Route path="/" element={<IncidentListPage />} />
              <Route path="/incidents/:id" element={<IncidentDocPage />} />
              <Route path="/insights" element={<InsightsPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </main>
    </SessionContext.Provider>
  );
}

function Header({ me, onSignOut }: { me: Me; onSignOut(): Promise<void> }) {
  const sandbox = useBackToSandbox(me.sandbox_url);
  return (
    <header className="site-header">
      <NavLink to="/" className="brand">
        <span aria-hidden="true">⛈️</span> Response
      </NavLink>
      <nav aria-label="Main">
        <NavLink to="/" end>
          Incidents
        </NavLink>
        <NavLink to="/insights">Insights</NavLink>
        <NavLink to="/settings">Settings</NavLink>
      </nav>
      <div className="who">
        {sandbox && (
          // Same tab: the sandbox is where the newcomer came from, and its Back button returns here.
          <a className="sandbox-link" href={sandbox}>
            <span aria-hidden="true">←</span> Back to the sandbox
          </a>
        )}
        {me.user ? (
          <span className="who-name">{me.user.display_name}</span>
        ) : (
          <span className="who-name muted">{me.via === 'anonymous' ? 'Anonymous' : 'API token'}</span>
        )}
        {me.via === 'session' && (
          <button type="button" className="link-button" onClick={() => void onSignOut()}>
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
