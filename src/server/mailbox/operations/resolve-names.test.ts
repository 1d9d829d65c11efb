import { describe, expect, it } from 'vitest';
import type { Ctx } from '../context.js';
import { openDb } from '../store/database.js';
import { insertUser } from '../store/users.js';
import { resolveNames } from './resolve-names.js';

function directory(people: [name: string, address: string][]): Ctx {
  const db = openDb(':memory:');
  for (const [name, address] of people) insertUser(db, { name, address, salt: Buffer.alloc(1), hash: Buffer.alloc(1) });
  return { db } as unknown as Ctx;
}

const resolve = (ctx: Ctx, entry: string) =>
  resolveNames(ctx, { unresolvedEntry: entry, returnFullContactData: false });
const addresses = (ctx: Ctx, entry: string) =>
  resolve(ctx, entry)[0]!.resolutionSet?.resolutions.map((r) => r.mailbox.emailAddress) ?? [];

describe('resolveNames', () => {
  const ctx = directory([
    ['Ada Lovelace', 'ada@tern.test'],
    ['Adam Smith', 'asmith@tern.test'],
    ['Grace Hopper', 'grace@tern.test'],
  ]);

  it('finds people by the start of their address, their name or a word of it, in any case', () => {
    expect(addresses(ctx, 'hopper')).toEqual(['grace@tern.test']);
    expect(addresses(ctx, 'GRA')).toEqual(['grace@tern.test']);
    expect(addresses(ctx, 'SMTP:ada@tern.test')).toEqual(['ada@tern.test']);
    expect(addresses(ctx, 'Ada Love')).toEqual(['ada@tern.test']);
    expect(resolve(ctx, 'ada lovelace')[0]!.resolutionSet?.resolutions[0]?.mailbox).toEqual({
      name: 'Ada Lovelace',
      emailAddress: 'ada@tern.test',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    });
  });

  it('answers one as a Success, several as a Warning with them all, none as an Error', () => {
    expect(resolve(ctx, 'grace')[0]).toMatchObject({ responseClass: 'Success', responseCode: 'NoError' });
    const several = resolve(ctx, 'ad')[0]!;
    expect(several).toMatchObject({ responseClass: 'Warning', responseCode: 'ErrorNameResolutionMultipleResults' });
    expect(several.resolutionSet).toMatchObject({ totalItemsInView: 2, includesLastItemInRange: true });
    expect(addresses(ctx, 'ad').sort()).toEqual(['ada@tern.test', 'asmith@tern.test']);
    for (const nobody of ['zed', 'tern.test', '  '])
      expect(resolve(ctx, nobody)).toEqual([
        { responseClass: 'Error', responseCode: 'ErrorNameResolutionNoResults', messageText: 'No results were found.' },
      ]);
  });

  it('answers at most 100, and says when there were more', () => {
    const many = directory(Array.from({ length: 120 }, (_, i) => [`Clerk ${i}`, `clerk${i}@tern.test`]));
    const set = resolve(many, 'clerk')[0]!.resolutionSet!;
    expect(set.resolutions).toHaveLength(100);
    expect(set).toMatchObject({ totalItemsInView: 100, includesLastItemInRange: false });
  });
});
