import type { Address } from '../../db/entities.js';
import { isolate, withoutBidiControls } from '../format/bidi.js';

export interface ParsedAddresses {
  addresses: Address[];
  /** The pieces that are not addresses, as the user typed them. */
  invalid: string[];
}

// RFC 5322 dot-atom for the local part; domain labels of letters (any script), digits and
// hyphens with at least one dot, as every address Exchange delivers to has.
// https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

export function isValidEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1 || email.length > 254) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return local.length <= 64 && LOCAL.test(local) && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

/** Where `input` is cut into addresses: its commas and semicolons outside quotes and angle brackets. */
export function separators(input: string): number[] {
  const at: number[] = [];
  let quoted = false;
  let angle = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '<' && !quoted) angle = true;
    else if (c === '>' && !quoted) angle = false;
    else if ((c === ',' || c === ';') && !quoted && !angle) at.push(i);
  }
  return at;
}

function split(input: string): string[] {
  const cuts = [-1, ...separators(input), input.length];
  return cuts
    .slice(1)
    .map((end, i) => input.slice(cuts[i]! + 1, end).trim())
    .filter((p) => p !== '');
}

function unquote(name: string): string {
  const t = name.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/**
 * Parses what people type or paste into To/Cc/Bcc: `ada@tern.test`, `Ada <ada@tern.test>`,
 * `"Lovelace, Ada" <ada@tern.test>`, separated by commas or semicolons (Outlook uses both).
 */
export function parseAddresses(input: string): ParsedAddresses {
  const addresses: Address[] = [];
  const invalid: string[] = [];
  for (const part of split(input)) {
    const angled = /^(.*)<([^<>]*)>\s*$/s.exec(part);
    const email = (angled ? angled[2]! : part).trim();
    const name = angled ? unquote(angled[1]!) : '';
    if (isValidEmail(email)) addresses.push({ name, email });
    else invalid.push(part);
  }
  return { addresses, invalid };
}

/** One address as a person reads and edits it; the name is quoted when it holds a separator. */
export function formatAddress(a: Address, shown: (name: string) => string = (name) => name): string {
  if (!a.name || a.name === a.email) return a.email;
  const name = /[",;<>@()]/.test(a.name) ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name;
  return `${shown(name)} <${a.email}>`;
}

export function formatAddressList(list: readonly Address[]): string {
  return list.map((a) => formatAddress(a)).join(', ');
}

/**
 * Addresses as views show them (never as the composer edits them): each sender-written name is
 * isolated, so a right-to-left override in it cannot reorder the address or the next name.
 */
export function shownAddresses(list: readonly Address[]): string {
  return list.map((a) => formatAddress(a, isolate)).join(', ');
}

// A name shaped like an address: text, an at sign, more text.
const ADDRESS_LIKE = /\S@\S/;

/**
 * The name to show for a sender: the display name, else the address. A name that reads as an
 * address other than the sender's ("security@bank.example" <x@evil.test>, however its letters are
 * ordered) gives way to the real address: a list shows the name alone.
 */
export function displayName(a: Address | undefined): string {
  if (!a) return '';
  const name = a.name.trim();
  if (!name) return a.email;
  const says = withoutBidiControls(name).toLowerCase();
  return ADDRESS_LIKE.test(says) && !says.includes(a.email.toLowerCase()) ? a.email : name;
}

/** A sender's name as a list shows it, isolated from the text around it. */
export function shownName(a: Address | undefined): string {
  return isolate(displayName(a));
}
