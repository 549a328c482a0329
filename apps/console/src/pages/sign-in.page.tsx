import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { sessionOf, storeToken } from '../api/session';
import { t } from '../i18n/dictionary';

/** Paste a bearer token (npm run token). It is kept in sessionStorage; the API checks it on every call. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const navigate = useNavigate();
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const session = sessionOf(token.trim());
    if (session === undefined) return setError(t.signIn.invalid);
    if (session.expiresAt !== undefined && session.expiresAt < Date.now()) return setError(t.signIn.expired);
    storeToken(session.token);
    onSignedIn();
    navigate(session.role === 'department' && session.scope !== undefined ? `/departments/${session.scope}` : '/');
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t.signIn.title}</h1>
      <form onSubmit={submit}>
        <label htmlFor={id}>{t.signIn.tokenLabel}</label>
        <textarea id={id} name="token" rows={5} value={token} onChange={(e) => setToken(e.target.value)} aria-describedby={`${id}-help`} />
        <p id={`${id}-help`} className="muted">
          {t.signIn.tokenHelp}
        </p>
        {error !== undefined && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">{t.signIn.submit}</button>
      </form>
    </main>
  );
}
