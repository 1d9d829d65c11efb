/**
 * The ports images come from (SECURITY.md §4): the proxy must not become a way to talk HTTP to a
 * public host's mail, database or admin ports.
 */
export const isWebPort = (port: number): boolean => port === 80 || port === 443;

/** Longest image address accepted, in characters: what browsers and servers reliably handle. */
export const MAX_IMAGE_URL_LENGTH = 2048;

/**
 * The address the image proxy may fetch, or the sentence that says what is wrong with it. The same
 * rules hold for the address the page asks for and for every redirect on the way.
 */
export function imageTarget(text: string, base?: URL): URL | string {
  if (text.length > MAX_IMAGE_URL_LENGTH) return `The image address is longer than ${MAX_IMAGE_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return `The image address is not an absolute URL: ${shorten(text)}`;
  }
  // file:, data:, javascript:, ftp: … are either local or not fetched over the network at all.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `The image address must start with http: or https:, not ${shorten(url.protocol)}`;
  // Credentials in an image address can only be a trick: mail never needs them to show a picture.
  if (url.username || url.password)
    return 'The image address carries a user name or password; Tern does not send those.';
  // Parsing percent-encodes what the text left raw, so the address can grow past the limit.
  if (url.href.length > MAX_IMAGE_URL_LENGTH)
    return `The image address is longer than ${MAX_IMAGE_URL_LENGTH} characters.`;
  return url;
}

const shorten = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);
