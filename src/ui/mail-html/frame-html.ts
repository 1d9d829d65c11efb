import type { TrustedHTML, TrustedTypePolicyFactory } from 'trusted-types/lib';

/**
 * Trusted Types (SECURITY.md §10.1): the app's CSP makes every HTML sink refuse a plain string,
 * so markup reaches the page only through a named policy. This one passes a message's document
 * to its sandboxed frame, and nothing else may call it: the document is mailDocument's, made from
 * DOMPurify's output.
 * @see https://developer.mozilla.org/en-US/docs/Web/API/Trusted_Types_API
 */
const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
const policy = factory?.createPolicy('tern-mail', { createHTML: (html) => html });

/** The frame's srcdoc as the browser accepts it under `require-trusted-types-for 'script'`. */
export function frameDocument(srcdoc: string): TrustedHTML | string {
  return policy?.createHTML(srcdoc) ?? srcdoc;
}
