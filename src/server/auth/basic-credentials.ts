/** A user name and password from an `Authorization: Basic` header. */
export interface Credentials {
  user: string;
  password: string;
}

/**
 * Reads HTTP Basic credentials. The user-pass is decoded as UTF-8, as RFC 7617 §2.1 recommends
 * and EWS clients send; anything that is not `Basic <base64 of user:pass>` gives undefined.
 * @see https://www.rfc-editor.org/rfc/rfc7617#section-2
 */
export function parseBasic(header: string | undefined): Credentials | undefined {
  const m = header?.match(/^Basic[ \t]+([A-Za-z0-9+/]+=*)[ \t]*$/i);
  if (!m) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[1]!, 'base64'));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The header value for `credentials`, for the proxy's upstream requests. */
export function basicHeader({ user, password }: Credentials): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
