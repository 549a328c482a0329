import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * What the console (a Vite build under /console) loads: its own module scripts and stylesheet, its fetches to
 * /api/v1, system fonts, ECharts drawing SVG. ECharts sets style attributes (the tooltip's markup, the chart's
 * root), hence 'unsafe-inline' for style attributes only: no inline <style>, no inline or foreign script.
 */
export const CONSOLE_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI (/api/docs) writes its page styles inline and its icons as data: images. */
export const API_DOCS_CSP: Directives = { ...CONSOLE_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

const API_DOCS_PATH = /^\/api\/docs(\/|$)/;

const withPolicy = (directives: Directives) =>
  helmet({
    // upgrade-insecure-requests is left out: TLS ends at the district's proxy, and behind it the api speaks plain HTTP on 127.0.0.1.
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * helmet on every response of the api and the console it serves: the Content-Security-Policy above,
 * X-Content-Type-Options: nosniff, frame-ancestors 'none' (and X-Frame-Options: DENY for older browsers),
 * HSTS, no X-Powered-By.
 */
export function securityHeaders(): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  const strict = withPolicy(CONSOLE_CSP);
  const docs = withPolicy(API_DOCS_CSP);
  return (request, response, next) => (API_DOCS_PATH.test(request.url ?? '') ? docs : strict)(request, response, next);
}
