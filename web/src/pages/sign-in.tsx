import { useLocation } from 'react-router-dom';
import { useTitle } from '../lib/use-title';

const MESSAGES: Record<string, string> = {
  denied: 'Sign-in was cancelled in Slack.',
  state: 'That sign-in link has expired or was already used. Please try again.',
  failed: 'Slack did not confirm who you are. Please try again.',
  config: 'Sign in with Slack is not configured on this server (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).',
  signed_out: 'You are signed out.',
};

export function SignInPage() {
  useTitle('Sign in');
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const problem = params.get('error');
  const notice = problem ? (MESSAGES[problem] ?? 'Sign-in failed. Please try again.') : null;
  const returnTo = location.pathname === '/sign-in' ? (params.get('return_to') ?? '/') : location.pathname + location.search;
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>
          <span aria-hidden="true">⛈️</span> Response
        </h1>
        <p>Incident response, from Slack. Sign in with your Slack account to see and edit incidents.</p>
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <a className="button primary slack-sign-in" href={`/auth/login?return_to=${encodeURIComponent(returnTo.startsWith('/') ? returnTo : '/')}`}>
          Sign in with Slack
        </a>
        <p className="hint">Scripts and integrations use API tokens instead (Authorization: Bearer …).</p>
      </div>
    </main>
  );
}
