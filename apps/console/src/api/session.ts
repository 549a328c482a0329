const TOKEN_KEY = 'whistle.console.token';

export type Session = { token: string; role: string; scope?: string; subject: string; expiresAt?: number };

/** Reads the claims for navigation only; the API verifies the token on every call and is the only judge. */
export function sessionOf(token: string): Session | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json))) as { sub?: string; role?: string; scope?: string; exp?: number };
    if (typeof claims.role !== 'string') return undefined;
    return { token, role: claims.role, scope: claims.scope, subject: claims.sub ?? '', expiresAt: claims.exp !== undefined ? claims.exp * 1000 : undefined };
  } catch {
    return undefined;
  }
}

export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token === null ? undefined : sessionOf(token);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The page a role that acts for one unit works in; undefined for the district-wide roles (they read every page). */
export function workbenchOf(session: Session): string | undefined {
  if (session.scope === undefined) return undefined;
  const scope = encodeURIComponent(session.scope);
  if (session.role === 'station') return `/stations/${scope}`;
  if (session.role === 'street') return `/streets/${scope}`;
  if (session.role === 'department') return `/departments/${scope}`;
  return undefined;
}
