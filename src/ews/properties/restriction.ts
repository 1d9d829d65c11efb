import { NS } from '../namespaces.js';
import { child, type XmlElement } from '../xml/node.js';
import type { XmlWriter } from '../xml/write.js';
import { CodecError } from '../errors.js';
import type { FieldOrder, Restriction } from '../types.js';
import { readFirstPath, readPath, writePath } from './paths.js';

const COMPARISONS = new Set([
  'IsEqualTo',
  'IsNotEqualTo',
  'IsGreaterThan',
  'IsGreaterThanOrEqualTo',
  'IsLessThan',
  'IsLessThanOrEqualTo',
]);

/** @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/restriction */
export function writeRestriction(w: XmlWriter, r: Restriction): void {
  switch (r.op) {
    case 'And':
    case 'Or':
      w.el(`t:${r.op}`, undefined, () => r.items.forEach((i) => writeRestriction(w, i)));
      break;
    case 'Not':
      w.el('t:Not', undefined, () => writeRestriction(w, r.item));
      break;
    case 'Exists':
      w.el('t:Exists', undefined, () => writePath(w, r.path));
      break;
    case 'Contains':
      w.el('t:Contains', { ContainmentMode: r.containmentMode, ContainmentComparison: r.containmentComparison }, () => {
        writePath(w, r.path);
        w.empty('t:Constant', { Value: r.value });
      });
      break;
    default:
      w.el(`t:${r.op}`, undefined, () => {
        writePath(w, r.path);
        w.el('t:FieldURIOrConstant', undefined, () => {
          if (typeof r.value === 'string') w.empty('t:Constant', { Value: r.value });
          else writePath(w, r.value.path);
        });
      });
  }
}

export function readRestriction(el: XmlElement): Restriction {
  const op = el.local;
  if (op === 'And' || op === 'Or') return { op, items: el.children.filter((c) => c.uri === NS.t).map(readRestriction) };
  if (op === 'Not') {
    const inner = el.children.find((c) => c.uri === NS.t);
    if (!inner) throw new CodecError('unexpected', '<Not> holds no restriction');
    return { op, item: readRestriction(inner) };
  }
  if (op === 'Exists') return { op, path: readFirstPath(el) };
  if (op === 'Contains') {
    const constant = child(el, NS.t, 'Constant')?.attrs['Value'];
    if (constant === undefined) throw new CodecError('unexpected', '<Contains> has no Constant');
    const r: Restriction = { op, path: readFirstPath(el), value: constant };
    const mode = el.attrs['ContainmentMode'];
    const cmp = el.attrs['ContainmentComparison'];
    if (mode) r.containmentMode = mode as NonNullable<typeof r.containmentMode>;
    if (cmp) r.containmentComparison = cmp as NonNullable<typeof r.containmentComparison>;
    return r;
  }
  if (COMPARISONS.has(op)) {
    const holder = child(el, NS.t, 'FieldURIOrConstant');
    const inner = holder?.children.find((c) => c.uri === NS.t);
    if (!inner) throw new CodecError('unexpected', `<${op}> has no FieldURIOrConstant`);
    const path = readFirstPath(el);
    if (inner.local === 'Constant') return { op: op as 'IsEqualTo', path, value: inner.attrs['Value'] ?? '' };
    const other = readPath(inner);
    if (!other) throw new CodecError('unexpected', `<${op}> compares with <${inner.local}>`);
    return { op: op as 'IsEqualTo', path, value: { path: other } };
  }
  throw new CodecError('unexpected', `<${op}> is not a restriction Tern understands`);
}

/** The single search expression inside `m:Restriction`. */
export function readRestrictionIn(container: XmlElement | undefined): Restriction | undefined {
  const inner = container?.children.find((c) => c.uri === NS.t);
  return inner ? readRestriction(inner) : undefined;
}

export function writeSortOrder(w: XmlWriter, tag: string, orders: FieldOrder[]): void {
  w.el(tag, undefined, () =>
    orders.forEach((o) => w.el('t:FieldOrder', { Order: o.order }, () => writePath(w, o.path))),
  );
}

export function readSortOrder(el: XmlElement): FieldOrder[] {
  return el.children
    .filter((c) => c.uri === NS.t && c.local === 'FieldOrder')
    .map((c) => ({ order: c.attrs['Order'] === 'Descending' ? 'Descending' : 'Ascending', path: readFirstPath(c) }));
}
