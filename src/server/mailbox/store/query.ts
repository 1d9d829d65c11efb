import type { FieldOrder, PropertyPath, Restriction } from '../../../ews/index.js';

/** How a property looks to SQL. */
export type SqlType = 'string' | 'bool' | 'int' | 'date' | 'isodate' | 'strings' | 'address' | 'addresses';

export interface SqlField {
  type: SqlType;
  /** An expression over one row of the table being searched. */
  sql: string;
  params?: unknown[];
  /** 'address' fields: the display-name column beside the address in `sql`. */
  name?: string;
  /** A generic extended property: equality can use the (key, value) index. */
  propKey?: string;
}

export type FieldResolver = (path: PropertyPath) => SqlField | undefined;

export interface Compiled {
  sql: string;
  params: unknown[];
}

const OPS = {
  IsEqualTo: '=',
  IsNotEqualTo: '!=',
  IsGreaterThan: '>',
  IsGreaterThanOrEqualTo: '>=',
  IsLessThan: '<',
  IsLessThanOrEqualTo: '<=',
} as const;

/**
 * Compiles an EWS restriction to a WHERE clause. Semantics follow MAPI: a comparison with a
 * property the item does not have is false (so `Not(Exists 0x3613)` finds folders without a class,
 * and a property this mailbox never stores simply matches nothing); `Not` inverts a definite
 * true/false, never a NULL.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/restriction
 */
export function compileRestriction(r: Restriction, resolve: FieldResolver, rowId: string): Compiled {
  const params: unknown[] = [];
  const walk = (x: Restriction): string => {
    switch (x.op) {
      case 'And':
      case 'Or':
        return x.items.length ? `(${x.items.map(walk).join(` ${x.op.toUpperCase()} `)})` : x.op === 'And' ? '1' : '0';
      case 'Not':
        return `NOT (${walk(x.item)})`;
      default:
        return `coalesce((${leaf(x, resolve, params, rowId)}), 0)`;
    }
  };
  return { sql: walk(r), params };
}

function leaf(
  x: Exclude<Restriction, { op: 'And' | 'Or' | 'Not' }>,
  resolve: FieldResolver,
  params: unknown[],
  rowId: string,
) {
  const f = resolve(x.path);
  if (!f) return '0';
  const use = (field: SqlField) => {
    params.push(...(field.params ?? []));
    return field.sql;
  };
  if (x.op === 'Exists') {
    if (f.propKey) {
      params.push(f.propKey);
      return `EXISTS (SELECT 1 FROM item_props WHERE item_id = ${rowId} AND key = ?)`;
    }
    return f.type === 'strings' || f.type === 'addresses'
      ? `json_array_length(${use(f)}) > 0`
      : `(${use(f)}) IS NOT NULL`;
  }
  if (x.op === 'Contains') return contains(f, x, params, use);
  const op = OPS[x.op];
  if (typeof x.value !== 'string') {
    const g = resolve(x.value.path);
    if (!g || kind(g.type) !== kind(f.type) || f.type === 'strings' || f.type === 'addresses') return '0';
    const left = use(f);
    return `(${left}) ${op} (${use(g)})`;
  }
  const c = constant(f.type, x.value);
  if (c === undefined) return '0';
  switch (f.type) {
    case 'strings':
      if (op !== '=' && op !== '!=') return '0';
      params.push(...(f.params ?? []), c);
      return `${op === '!=' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM json_each(${f.sql}) WHERE value = ? COLLATE NOCASE)`;
    case 'addresses':
      if (op !== '=' && op !== '!=') return '0';
      params.push(...(f.params ?? []), c, c);
      return `${op === '!=' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM json_each(${f.sql})
        WHERE lower(json_extract(value, '$.email')) = lower(?) OR json_extract(value, '$.name') = ? COLLATE NOCASE)`;
    case 'address': {
      if (op === '=' || op === '!=') {
        params.push(c, c);
        const eq = `(lower(${f.sql}) = lower(?) OR ${f.name} = ? COLLATE NOCASE)`;
        return op === '=' ? eq : `${f.sql} IS NOT NULL AND NOT ${eq}`;
      }
      params.push(c);
      return `${f.name} ${op} ? COLLATE NOCASE`;
    }
    case 'string':
    case 'isodate':
      if (f.propKey && op === '=') {
        params.push(f.propKey, c);
        return `${rowId} IN (SELECT item_id FROM item_props WHERE key = ? AND value = ?)`;
      }
      params.push(...(f.params ?? []), c);
      return `(${f.sql}) ${op} ?${f.type === 'string' ? ' COLLATE NOCASE' : ''}`;
    default:
      params.push(...(f.params ?? []), c);
      return `(${f.sql}) ${op} ?`;
  }
}

function contains(
  f: SqlField,
  x: Extract<Restriction, { op: 'Contains' }>,
  params: unknown[],
  use: (f: SqlField) => string,
): string {
  const mode = x.containmentMode ?? 'Substring';
  const cmp = x.containmentComparison ?? 'IgnoreCase';
  switch (f.type) {
    case 'strings': {
      const sql = use(f);
      params.push(x.value, mode, cmp);
      return `EXISTS (SELECT 1 FROM json_each(${sql}) WHERE tern_contains(value, ?, ?, ?))`;
    }
    case 'addresses': {
      const sql = use(f);
      params.push(x.value, mode, cmp);
      return `EXISTS (SELECT 1 FROM json_each(${sql}) WHERE tern_contains(
        coalesce(json_extract(value, '$.name'), '') || ' ' || json_extract(value, '$.email'), ?, ?, ?))`;
    }
    case 'address':
      params.push(x.value, mode, cmp);
      return `tern_contains(coalesce(${f.name}, '') || ' ' || coalesce(${f.sql}, ''), ?, ?, ?)`;
    case 'string':
    case 'isodate': {
      const sql = use(f);
      params.push(x.value, mode, cmp);
      return `tern_contains(${sql}, ?, ?, ?)`;
    }
    default:
      return '0';
  }
}

/** Numbers compare with numbers, text with text. */
const kind = (t: SqlType) => (t === 'string' || t === 'isodate' || t === 'address' ? 'text' : 'number');

function constant(type: SqlType, v: string): unknown {
  const t = v.trim();
  switch (type) {
    case 'bool':
      return t === 'true' || t === '1' ? 1 : t === 'false' || t === '0' ? 0 : undefined;
    case 'int': {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'date': {
      const ms = Date.parse(t);
      return Number.isNaN(ms) ? undefined : ms;
    }
    default:
      return v;
  }
}

/** ORDER BY for a SortOrder; properties this mailbox does not know are skipped. */
export function compileOrder(orders: readonly FieldOrder[], resolve: FieldResolver): Compiled {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const o of orders) {
    const f = resolve(o.path);
    if (!f) continue;
    const dir = o.order === 'Descending' ? 'DESC' : 'ASC';
    params.push(...(f.params ?? []));
    const expr =
      f.type === 'address' ? `${f.name} COLLATE NOCASE` : f.type === 'string' ? `${f.sql} COLLATE NOCASE` : f.sql;
    parts.push(`${expr} ${dir}`);
  }
  return { sql: parts.join(', '), params };
}
