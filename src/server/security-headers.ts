import type { MiddlewareHandler } from 'hono';
import { CSP_REPORT_GROUP, CSP_REPORT_PATH } from './csp-reports.js';

/**
 * The app's CSP. Scripts only from this origin (no inline script, so an injected handler cannot
 * run, and srcdoc message frames inherit this policy too); frames for the sandboxed message view;
 * no plugins, no <base>, no framing of Tern itself. SECURITY.md §2.5 and §5.6.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // No remote host: a mail's remote images reach its frame as data: URLs fetched by this server
  // (/api/image) once the user asks, so the browser never contacts a sender's host.
  "img-src 'self' data: blob:",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
  // Trusted Types: no HTML or script URL from a plain string, only through these policies: the
  // message frame's document, the inert documents replies are quoted from, Tern's own worker,
  // and DOMPurify's parser (SECURITY.md §10.1).
  "require-trusted-types-for 'script'",
  'trusted-types tern-mail tern-inert tern-worker tern-purify',
  // Violations go to the server's log (csp-reports.ts): report-to where the Reporting API is,
  // report-uri for browsers without it (they ignore it when they have report-to).
  `report-to ${CSP_REPORT_GROUP}`,
  `report-uri ${CSP_REPORT_PATH}`,
].join('; ');

/** Where `report-to` sends (a path: browsers resolve it against the page's address). */
export const REPORTING_ENDPOINTS = `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`;

// Features a mail client never uses; denying them limits what injected content could ask for.
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()';

const PRIVATE_PATHS = /^\/(ews|EWS|api|admin|signin|attachments)(\/|$)/;

/**
 * Security headers on every answer, errors included. No CORS header is ever sent: the PWA is
 * same-origin, and everything else must not read Tern's answers. CORP keeps other sites from
 * embedding or reading responses (Spectre-class reads); mail and session answers are never cached.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    // A route's own policy is stricter than the page's (a download's sandbox): it stays.
    if (!h.has('content-security-policy')) {
      h.set('content-security-policy', CONTENT_SECURITY_POLICY);
      h.set('reporting-endpoints', REPORTING_ENDPOINTS);
    }
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('cross-origin-resource-policy', 'same-origin');
    h.set('permissions-policy', PERMISSIONS_POLICY);
    h.set('x-frame-options', 'DENY');
    if (new URL(c.req.url).protocol === 'https:') h.set('strict-transport-security', 'max-age=31536000');
    // A route that chose the browser's private cache keeps it (the image proxy's pictures: nothing
    // shared, and the sender is not asked again each time the mail is opened).
    if (PRIVATE_PATHS.test(c.req.path) && !h.get('cache-control')?.startsWith('private'))
      h.set('cache-control', 'no-store');
    for (const name of [...h.keys()]) if (name.startsWith('access-control-')) h.delete(name);
  };
}
