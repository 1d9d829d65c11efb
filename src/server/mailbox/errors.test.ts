import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RESPONSE_CODES } from './errors.js';

const schema = readFileSync(new URL('../../../test/fixtures/ews-schema/messages.xsd', import.meta.url), 'utf8');
const enumeration = new Set(
  [
    .../<xs:simpleType name="ResponseCodeType">([\s\S]*?)<\/xs:simpleType>/
      .exec(schema)![1]!
      .matchAll(/value="(\w+)"/g),
  ].map((m) => m[1]!),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('response codes', () => {
  it('answers only codes of the schema’s ResponseCodeType (clients reject others)', () => {
    expect(enumeration.size).toBeGreaterThan(300);
    const used = new Set(RESPONSE_CODES);
    for (const source of sources(fileURLToPath(new URL('.', import.meta.url))))
      for (const m of source.matchAll(/EwsFail\('(\w+)'|errorStatus\('(\w+)'/g)) used.add(m[1] ?? m[2]!);
    expect([...used].filter((c) => !enumeration.has(c))).toEqual([]);
    expect(used.size).toBeGreaterThan(25);
  });
});
