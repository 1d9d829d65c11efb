import type { Context } from 'hono';

/**
 * Why a state-changing request is not from this origin, or undefined when it is. Fetch metadata
 * first (every current browser sends it), then the Origin header; a request with neither is
 * refused, since a cookie-carrying POST without them cannot be told apart from a forged one.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Sec-Fetch-Site
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export function crossSiteReason(c: Context): string | undefined {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' ? undefined : `Sec-Fetch-Site is "${site}"`;
  const origin = c.req.header('origin');
  if (origin === undefined) return 'the request carries neither Sec-Fetch-Site nor Origin';
  return origin === new URL(c.req.url).origin ? undefined : `Origin ${origin} is not this server`;
}
