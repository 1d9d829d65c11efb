import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { bodyText, searchBodies } from './body-search.js';
import type { BodyRow } from './entities.js';
import { openMailDB } from './schema.js';

const body = (id: string, type: BodyRow['type'], content: string): BodyRow => ({
  id,
  type,
  content,
  attachments: [],
  fetchedAt: 0,
  size: content.length,
});

describe('bodyText', () => {
  it('keeps what an HTML body shows: no tags, style sheets or scripts, entities decoded', () => {
    expect(
      bodyText(
        body(
          'h',
          'html',
          '<html><head><title>T</title></head><style>.zebra{color:red}</style><p>Fish&nbsp;&amp;&#32;chips&#x21;</p><script>var zebra</script>',
        ),
      ).replace(/\s+/g, ' '),
    ).toBe(' Fish & chips! ');
    expect(bodyText(body('t', 'text', '<p> is text here'))).toBe('<p> is text here');
  });
});

describe('searchBodies', () => {
  it('finds every word anywhere in the text of stored bodies, case and accents aside', async () => {
    const db = openMailDB('body-search', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.bodies.bulkPut([
      body('a', 'text', 'The quarterly zebrafish report is attached.'),
      body('b', 'html', '<p>Zébrafish <b>numbers</b></p>'),
      body('c', 'html', '<style>.zebrafish{}</style><p>Nothing about fish</p>'),
      body('d', 'text', 'Quarterly figures only.'),
    ]);
    expect((await searchBodies(db, 'ZEBRAFISH')).ids.sort()).toEqual(['a', 'b']);
    expect(await searchBodies(db, 'zebrafish quarterly')).toEqual({ ids: ['a'], searched: 4 });
    // Inside a word, as the server finds it.
    expect((await searchBodies(db, 'arterl')).ids.sort()).toEqual(['a', 'd']);
    expect(await searchBodies(db, 'a é')).toEqual({ ids: [], searched: 0 });
  });
});
