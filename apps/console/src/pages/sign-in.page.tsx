import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { sessionOf, storeToken, workbenchOf } from '../api/session';
import { t } from '../i18n/dictionary';

/** The roles a local token is made for, and whether the token names the unit it acts for (`--scope`). */
const ROLES: [role: string, scoped: boolean][] = [
  ['station', true],
  ['street', true],
  ['department', true],
  ['dispatch', false],
  ['supervisor', false],
  ['admin', false],
  ['auditor', false],
];

/**
 * Paste a bearer token. Locally the page composes the `npm run token` command for the chosen role and unit; in
 * production the token comes from the identity provider. It is kept in sessionStorage; the API checks it on every call.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const navigate = useNavigate();
  const id = useId();
  const [token, setToken] = useState('');
  const [role, setRole] = useState('supervisor');
  const [scope, setScope] = useState('');
  const [error, setError] = useState<string | undefined>();
  const scoped = ROLES.find(([name]) => name === role)?.[1] ?? false;
  const command = `npm run token -- --role ${role}${scoped ? ` --scope ${scope.trim() || t.signIn.scopePlaceholder}` : ''}`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const session = sessionOf(token.trim());
    if (session === undefined) return setError(t.signIn.invalid);
    if (session.expiresAt !== undefined && session.expiresAt < Date.now()) return setError(t.signIn.expired);
    storeToken(session.token);
    onSignedIn();
    navigate(workbenchOf(session) ?? '/');
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t.signIn.title}</h1>
      <section className="local-token" aria-labelledby={`${id}-local`}>
        <h2 id={`${id}-local`}>{t.signIn.localTitle}</h2>
        <div className="filters">
          <span className="field">
            <label htmlFor={`${id}-role`}>{t.signIn.role}</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map(([name]) => (
                <option key={name} value={name}>
                  {t.roles[name] ?? name}
                </option>
              ))}
            </select>
          </span>
          {scoped && (
            <span className="field">
              <label htmlFor={`${id}-scope`}>{t.signIn.scope(t.roles[role] ?? role)}</label>
              <input id={`${id}-scope`} type="text" value={scope} onChange={(e) => setScope(e.target.value)} autoCapitalize="off" spellCheck={false} />
            </span>
          )}
        </div>
        <p className="muted">{t.signIn.localHelp}</p>
        <code className="command" data-testid="token-command">
          {command}
        </code>
      </section>
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
