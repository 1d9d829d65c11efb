import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { cleanCss } from './clean-css.js';

export interface SanitizeOptions {
  /** The user clicked "Show images": https images load (through the frame's relaxed CSP). */
  remoteImages: boolean;
  /** `cid:` content ids → data: URLs of inline parts already on this device. */
  inline: ReadonlyMap<string, string>;
}

export interface SanitizedMail {
  /** The sanitized body, still a fragment of the page's inert document. */
  fragment: DocumentFragment;
  /** Remote images held back (0 when remote images are shown). */
  blockedImages: number;
}

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
let current: { options: SanitizeOptions; blocked: WeakMap<Element, string>; count: number } | undefined;

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
        const inline = state.options.inline.get(decodeURIComponent(value.slice(4)).replace(/^<|>$/g, ''));
        if (inline && SAFE_DATA_IMAGE.test(inline)) {
          data.attrValue = inline;
          return;
        }
        state.blocked.set(node, value);
        data.keepAttr = false;
        return;
      }
      const url = parseUrl(value);
      if (url?.protocol === 'https:' && state.options.remoteImages) {
        data.attrValue = url.href;
        return;
      }
      data.keepAttr = false;
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
        state.blocked.set(node, url.href);
        state.count++;
      }
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
      const src = node.getAttribute('data-blocked-src')!;
      const url = parseUrl(src);
      if (state.options.remoteImages && url?.protocol === 'https:') {
        node.setAttribute('src', url.href);
        node.removeAttribute('data-blocked-src');
      } else if (url?.protocol === 'https:' || url?.protocol === 'http:') state.count++;
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
  current = { options, blocked: new WeakMap(), count: 0 };
  try {
    const fragment = purifier.sanitize(html, CONFIG);
    return { fragment, blockedImages: current.count };
  } finally {
    current = undefined;
  }
}
