import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import type { TrustedTypePolicyFactory } from 'trusted-types/lib';
import { cleanCss } from './clean-css.js';
import { cidOfUrl } from './body-pictures.js';

export interface SanitizeOptions {
  /**
   * Remote images the user chose to see, fetched by the Tern server (`/api/image`): their address
   * → a data: URL. The frame never loads a remote address itself, so the sender never learns who
   * read the mail, from where, or when (SECURITY.md S2).
   */
  remote: ReadonlyMap<string, string>;
  /** `cid:` content ids → data: URLs of inline parts already on this device. */
  inline: ReadonlyMap<string, string>;
}

export interface SanitizedMail {
  /** The sanitized body, still a fragment of the page's inert document. */
  fragment: DocumentFragment;
  /** Remote images held back: those not in `remote`. */
  blockedImages: number;
  /** Their addresses, each once, in the order they appear. */
  blockedUrls: string[];
}

const refuseScript = (): never => {
  throw new TypeError('A mail may not name or carry a script.');
};
// Trusted Types (SECURITY.md §10.1): DOMPurify parses the mail with DOMParser, an HTML sink, so it
// needs a policy. Ours, named in the app's CSP, rather than the one the library would make under a
// name of its own; it makes no script or script URL (DOMPurify then drops the attribute asking).
const policy = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes?.createPolicy('tern-purify', {
  createHTML: (html) => html,
  createScript: refuseScript,
  createScriptURL: refuseScript,
});

/**
 * DOMPurify settings from SECURITY.md §2.5: the HTML profile only (no SVG, no MathML), no forms or
 * embedding elements, no URL attributes that fetch or post. FORCE_BODY keeps a mail's leading
 * `<style>`, which would otherwise be dropped with the head.
 */
const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'form',
    'input',
    'button',
    'select',
    'textarea',
    'meta',
    'base',
    'link',
    'iframe',
    'frame',
    'object',
    'embed',
    'portal',
    'template',
    'noscript',
  ],
  FORBID_ATTR: ['srcset', 'ping', 'action', 'formaction', 'background', 'poster', 'lowsrc', 'dynsrc', 'longdesc'],
  ADD_ATTR: ['target', 'data-blocked-src'],
  ALLOW_DATA_ATTR: false,
  SANITIZE_NAMED_PROPS: true,
  FORCE_BODY: true,
  RETURN_DOM_FRAGMENT: true,
  ...(policy && { TRUSTED_TYPES_POLICY: policy }),
} satisfies Config;

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
// Attributes that name a resource to load; only img[src] survives, and only as allowed below.
const URL_ATTRS = new Set(['src', 'cite', 'usemap', 'xlink:href', 'href', 'data', 'codebase', 'manifest']);

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

let purifier: DOMPurify | undefined;
// Options of the call in progress: sanitize() is synchronous and not re-entrant, so hooks read them.
let current:
  { options: SanitizeOptions; blocked: WeakMap<Element, string>; count: number; urls: Set<string> } | undefined;

/** A remote image fetched for the user, or undefined: it stays blocked and is counted. */
function fetched(state: NonNullable<typeof current>, url: URL): string | undefined {
  const image = state.options.remote.get(url.href);
  if (image !== undefined && SAFE_DATA_IMAGE.test(image)) return image;
  state.count++;
  state.urls.add(url.href);
  return undefined;
}

function setup(): DOMPurify {
  const p = createDOMPurify(window);
  p.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) {
      // `<` can never be needed in CSS outside strings; removing it means no decoded escape can
      // ever spell `</style>` when the document is serialized into srcdoc.
      node.textContent = cleanCss(node.textContent).replace(/</g, '');
    }
  });
  p.addHook('uponSanitizeAttribute', (node, data) => {
    const state = current!;
    const name = data.attrName;
    if (name === 'style') {
      data.attrValue = cleanCss(data.attrValue);
      return;
    }
    if (!URL_ATTRS.has(name)) return;
    const tag = node.nodeName.toLowerCase();
    const value = data.attrValue.trim();
    if (tag === 'a' && name === 'href') {
      if (value.startsWith('#')) return;
      const url = parseUrl(value);
      if (url && LINK_PROTOCOLS.has(url.protocol)) data.attrValue = url.href;
      else data.keepAttr = false;
      return;
    }
    if (tag === 'img' && name === 'src') {
      if (SAFE_DATA_IMAGE.test(value)) return;
      if (/^cid:/i.test(value)) {
        const inline = state.options.inline.get(cidOfUrl(value));
        if (inline && SAFE_DATA_IMAGE.test(inline)) {
          data.attrValue = inline;
          return;
        }
        state.blocked.set(node, value);
        data.keepAttr = false;
        return;
      }
      const url = parseUrl(value);
      const remote = url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
      const image = remote && fetched(state, remote);
      if (image !== undefined) {
        data.attrValue = image;
        return;
      }
      data.keepAttr = false;
      if (remote) state.blocked.set(node, remote.href);
      return;
    }
    data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    const state = current!;
    const blocked = state.blocked.get(node);
    if (blocked !== undefined) node.setAttribute('data-blocked-src', blocked);
    else if (node.nodeName === 'IMG' && node.hasAttribute('data-blocked-src')) {
      // A second pass over our own output: the image was counted and kept inert the first time.
      const url = parseUrl(node.getAttribute('data-blocked-src')!);
      const image = url && (url.protocol === 'https:' || url.protocol === 'http:') ? fetched(state, url) : undefined;
      if (image !== undefined) {
        node.setAttribute('src', image);
        node.removeAttribute('data-blocked-src');
      }
    }
    if (node.nodeName === 'A' && node.hasAttribute('href') && !node.getAttribute('href')!.startsWith('#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (node.nodeName === 'A') {
      node.removeAttribute('target');
    }
  });
  return p;
}

/** Sanitizes a mail's HTML body in the page's DOM (never in the worker, which has no DOM). */
export function sanitizeMail(html: string, options: SanitizeOptions): SanitizedMail {
  purifier ??= setup();
  current = { options, blocked: new WeakMap(), count: 0, urls: new Set() };
  try {
    const fragment = purifier.sanitize(html, CONFIG);
    return { fragment, blockedImages: current.count, blockedUrls: [...current.urls] };
  } finally {
    current = undefined;
  }
}
