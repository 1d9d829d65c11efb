import { describe, expect, it } from 'vitest';
import type { Correspondence } from '../../db/index.js';
import { acceptSuggestion, peopleFrom, suggest, tokenAt, withDirectory, type Person } from './recipients.js';

const seen = (name: string, email: string, at: number, sent = false): Correspondence => ({
  address: { name, email },
  at,
  sent,
});

describe('peopleFrom', () => {
  it('makes one person an address, case aside, counting mail each way', () => {
    const people = peopleFrom([
      seen('Ada Lovelace', 'ada@tern.test', 1, true),
      seen('Ada', 'ADA@tern.test', 5),
      seen('', 'ada@tern.test', 3, true),
      seen('Grace', 'grace@tern.test', 2),
    ]);
    expect(people).toEqual([
      { name: 'Ada Lovelace', email: 'ada@tern.test', sentTo: 2, receivedFrom: 1, last: 5 },
      { name: 'Grace', email: 'grace@tern.test', sentTo: 0, receivedFrom: 1, last: 2 },
    ]);
  });

  it('keeps the name mail sent from here gave over a newer one a sender gave, and the newest among equals', () => {
    const [ada] = peopleFrom([
      seen('Ada (from her)', 'ada@tern.test', 9),
      seen('Ada L.', 'ada@tern.test', 1, true),
      seen('Ada Lovelace', 'ada@tern.test', 2, true),
      seen('Ada King', 'ada@tern.test', 0, true),
    ]);
    expect(ada!.name).toBe('Ada Lovelace');
    const [grace] = peopleFrom([seen('Grace', 'grace@tern.test', 1), seen('Grace Hopper', 'grace@tern.test', 2)]);
    expect(grace!.name).toBe('Grace Hopper');
  });

  it('leaves out addresses that take no answers, unless mail was sent to one from here', () => {
    const people = peopleFrom([
      seen('Shop', 'no-reply@shop.example', 1),
      seen('Bank', 'noreply+alerts@bank.example', 1),
      seen('', 'MAILER-DAEMON@tern.test', 1),
      seen('Help', 'donotreply@help.example', 1, true),
      seen('Nora', 'noreply.nora@tern.test', 1),
    ]);
    expect(people.map((p) => p.email)).toEqual(['donotreply@help.example']);
  });

  it('leaves out what is not an address, and a name that only repeats the address', () => {
    const people = peopleFrom([
      seen('Undisclosed', 'undisclosed-recipients:;', 1),
      seen('bob@tern.test', 'BOB@tern.test', 1),
    ]);
    expect(people).toEqual([{ name: '', email: 'BOB@tern.test', sentTo: 0, receivedFrom: 1, last: 1 }]);
  });
});

describe('suggest', () => {
  const people: Person[] = [
    { name: 'Ada Lovelace', email: 'ada.lovelace@tern.test', sentTo: 0, receivedFrom: 3, last: 10 },
    { name: 'Adam Smith', email: 'adam@example.org', sentTo: 2, receivedFrom: 0, last: 5 },
    { name: 'Adèle Dupont', email: 'adele@exemple.fr', sentTo: 0, receivedFrom: 3, last: 20 },
    { name: '', email: 'newsletter@adverts.example', sentTo: 0, receivedFrom: 40, last: 30 },
    { name: 'Grace Hopper', email: 'grace@navy.example', sentTo: 1, receivedFrom: 0, last: 1 },
  ];
  const emails = (list: Person[]) => list.map((p) => p.email);

  it('finds people by the start of any word of their name or address, case and accents aside', () => {
    expect(emails(suggest(people, 'LOVE'))).toEqual(['ada.lovelace@tern.test']);
    expect(emails(suggest(people, 'adele'))).toEqual(['adele@exemple.fr']);
    expect(emails(suggest(people, 'navy'))).toEqual(['grace@navy.example']);
    expect(emails(suggest(people, 'race'))).toEqual([]);
    expect(suggest(people, '  ')).toEqual([]);
  });

  it('puts those written to before those only heard from, then the most heard from, then the newest', () => {
    expect(emails(suggest(people, 'ad'))).toEqual([
      'adam@example.org',
      'newsletter@adverts.example',
      'adele@exemple.fr',
      'ada.lovelace@tern.test',
    ]);
  });

  it('matches an address as typed once it has an @ or a dot', () => {
    expect(emails(suggest(people, 'ada.l'))).toEqual(['ada.lovelace@tern.test']);
    expect(emails(suggest(people, 'adam@ex'))).toEqual(['adam@example.org']);
    expect(emails(suggest(people, 'lovelace@'))).toEqual([]);
  });

  it('leaves out addresses already in the field, and shows at most `limit`', () => {
    expect(emails(suggest(people, 'ad', new Set(['adam@example.org', 'newsletter@adverts.example'])))).toEqual([
      'adele@exemple.fr',
      'ada.lovelace@tern.test',
    ]);
    expect(suggest(people, 'a', new Set(), 2)).toHaveLength(2);
  });
});

describe('tokenAt and acceptSuggestion', () => {
  const ada: Person = { name: 'Ada Lovelace', email: 'ada@tern.test', sentTo: 1, receivedFrom: 0, last: 0 };

  it('finds the entry the caret is in, separators inside quotes and angle brackets aside', () => {
    const value = '"Hopper, Grace" <grace@navy.example>; ad, bob@tern.test';
    const caret = value.indexOf(' ad') + 3;
    expect(tokenAt(value, caret)).toEqual({ start: value.indexOf(';') + 1, end: value.lastIndexOf(','), typed: 'ad' });
    expect(tokenAt('ada', 1)).toEqual({ start: 0, end: 3, typed: 'a' });
    expect(tokenAt('', 0)).toEqual({ start: 0, end: 0, typed: '' });
  });

  it('puts the person in place of the entry, with a separator after it and the caret past that', () => {
    const first = acceptSuggestion('ad', tokenAt('ad', 2), ada);
    expect(first).toEqual({ value: 'Ada Lovelace <ada@tern.test>, ', caret: 30 });
    const value = 'bob@tern.test, ad, carol@tern.test';
    const next = acceptSuggestion(value, tokenAt(value, value.indexOf(' ad') + 3), ada);
    expect(next.value).toBe('bob@tern.test, Ada Lovelace <ada@tern.test>, carol@tern.test');
    expect(next.value.slice(0, next.caret)).toBe('bob@tern.test, Ada Lovelace <ada@tern.test>, ');
    const quoted = acceptSuggestion('x', tokenAt('x', 1), { ...ada, name: 'Lovelace, Ada' });
    expect(quoted.value).toBe('"Lovelace, Ada" <ada@tern.test>, ');
  });
});

describe('withDirectory', () => {
  const person = (name: string, email: string, sentTo = 0): Person => ({
    name,
    email,
    sentTo,
    receivedFrom: 0,
    last: 0,
  });
  it('puts the directory’s people after this device’s, once each, none already in the field, within the limit', () => {
    const local = [person('Ada Lovelace', 'ada@tern.test', 3)];
    const directory = [
      person('Ada Lovelace', 'ADA@tern.test'),
      person('Ada Byron', 'byron@tern.test'),
      person('Adam Smith', 'adam@tern.test'),
      person('Adam Smith', 'Adam@tern.test'),
    ];
    expect(withDirectory(local, directory, new Set()).map((p) => p.email)).toEqual([
      'ada@tern.test',
      'byron@tern.test',
      'adam@tern.test',
    ]);
    expect(withDirectory(local, directory, new Set(['byron@tern.test'])).map((p) => p.email)).toEqual([
      'ada@tern.test',
      'adam@tern.test',
    ]);
    expect(withDirectory(local, directory, new Set(), 2)).toHaveLength(2);
  });
});
