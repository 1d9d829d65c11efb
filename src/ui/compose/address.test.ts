import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddressList, isValidEmail, parseAddresses, shownAddresses, shownName } from './address.js';

describe('parseAddresses', () => {
  it('reads bare addresses, names and quoted names with separators', () => {
    expect(parseAddresses('ada@tern.test, Bob <bob@example.org>; "Lovelace, Ada" <ada.l@tern.test>')).toEqual({
      addresses: [
        { name: '', email: 'ada@tern.test' },
        { name: 'Bob', email: 'bob@example.org' },
        { name: 'Lovelace, Ada', email: 'ada.l@tern.test' },
      ],
      invalid: [],
    });
  });

  it('reports the pieces that are not addresses, keeping the good ones', () => {
    const r = parseAddresses('ada@tern.test, not-an-address, bob@, Carol <carol@nodot>');
    expect(r.addresses).toEqual([{ name: '', email: 'ada@tern.test' }]);
    expect(r.invalid).toEqual(['not-an-address', 'bob@', 'Carol <carol@nodot>']);
  });

  it('ignores empty pieces and trailing separators', () => {
    expect(parseAddresses(' ada@tern.test ,, ; ').addresses).toHaveLength(1);
    expect(parseAddresses('')).toEqual({ addresses: [], invalid: [] });
  });

  it('unescapes quoted names', () => {
    expect(parseAddresses('"Say \\"hi\\"" <a@b.cd>').addresses[0]!.name).toBe('Say "hi"');
  });

  it('accepts international domains and plus addressing', () => {
    expect(isValidEmail('ada+tern@exämple.fr')).toBe(true);
    expect(isValidEmail('a..b@x.org')).toBe(false);
    expect(isValidEmail('a b@x.org')).toBe(false);
    expect(isValidEmail('ada@-x.org')).toBe(false);
  });

  it('round-trips what it formats', () => {
    const name = fc.string({ maxLength: 20 }).filter((s) => s.trim() === s && !/[\\\r\n<>]/.test(s));
    const email = fc.constantFrom('ada@tern.test', 'b.c+d@example.org', 'x@sub.domain.fr');
    fc.assert(
      fc.property(fc.array(fc.record({ name, email }), { maxLength: 5 }), (list) => {
        const parsed = parseAddresses(formatAddressList(list));
        expect(parsed.invalid).toEqual([]);
        expect(parsed.addresses.map((a) => a.email)).toEqual(list.map((a) => a.email));
        expect(parsed.addresses.map((a) => a.name || a.email)).toEqual(list.map((a) => a.name || a.email));
      }),
    );
  });
});

describe('shownAddresses and shownName', () => {
  const spoof = { name: '\u202Emoc.knab@ecivres', email: 'mallory@evil.test' };

  it('isolate each name, so an override in it cannot reach the address or the next name', () => {
    expect(shownAddresses([spoof, { name: 'Bob', email: 'bob@example.org' }])).toBe(
      '\u2068"\u202Emoc.knab@ecivres"\u2069 <mallory@evil.test>, \u2068Bob\u2069 <bob@example.org>',
    );
    expect(shownName({ name: '\u202Ehannah', email: 'h@example.org' })).toBe('\u2068\u202Ehannah\u2069');
  });

  it('show the real address for a name that reads as another address, reversed or not', () => {
    expect(shownName(spoof)).toBe('\u2068mallory@evil.test\u2069');
    expect(shownName({ name: 'security@bank.example', email: 'x@evil.test' })).toBe('\u2068x@evil.test\u2069');
    // Names that hold the sender's own address, or an at sign between words, stay.
    expect(shownName({ name: 'Ada (ADA@tern.test)', email: 'ada@tern.test' })).toBe('\u2068Ada (ADA@tern.test)\u2069');
    expect(shownName({ name: 'Tern @ home', email: 'ada@tern.test' })).toBe('\u2068Tern @ home\u2069');
  });

  it('still quote a name with separators, and show a bare address as it is', () => {
    expect(shownAddresses([{ name: 'Lovelace, Ada', email: 'ada@tern.test' }])).toBe(
      '\u2068"Lovelace, Ada"\u2069 <ada@tern.test>',
    );
    expect(shownAddresses([{ name: '', email: 'ada@tern.test' }])).toBe('ada@tern.test');
    expect(shownName({ name: ' ', email: 'ada@tern.test' })).toBe('\u2068ada@tern.test\u2069');
  });

  it('leave what the composer edits alone', () => {
    expect(formatAddressList([spoof])).toBe('"\u202Emoc.knab@ecivres" <mallory@evil.test>');
  });
});
