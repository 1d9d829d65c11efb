import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeResponse, GetItem, type Item } from '../ews/index.js';
import { itemToRow, hasSummary } from './map-item.js';
import { itemToBody } from './bodies.js';

const sample = (name: string): Item => {
  const xml = readFileSync(new URL(`../../test/fixtures/ews-samples/${name}`, import.meta.url), 'utf8');
  const item = decodeResponse(GetItem, xml).messages[0]?.items?.[0];
  if (!item) throw new Error(`${name} holds no item`);
  return item;
};

describe('itemToRow', () => {
  it('maps a real Exchange Online message to a list row', () => {
    const item = sample('08-ewsjs-o365-getitem-message-html-body-itemattachment.xml');
    const row = itemToRow(item, 'inbox-id');
    expect(row).toMatchObject({
      id: item.itemId!.id,
      changeKey: item.itemId!.changeKey,
      folderId: 'inbox-id',
      subject: 'Re: Message with Attachments',
      receivedAt: Date.parse('2016-02-28T20:18:15Z'),
      from: { name: 'Group Manager', email: 'user@contoso.com' },
      isRead: 1,
      flag: 0,
      importance: 'Normal',
      hasAttachments: 1,
      itemClass: 'IPM.Note',
      internetMessageId: '<CY1PR02MB1754AF72A369E3B1E2FF7722C1B90@CY1PR02MB1754.namprd02.prod.outlook.com>',
    });
    expect(row.size).toBe(item.size);
    expect(row.terms).toEqual(expect.arrayContaining(['re', 'message', 'attachments', 'group', 'manager', 'contoso']));
  });

  it('keeps meeting responses, unread', () => {
    const row = itemToRow(sample('24-ewsjs-o365-getitem-meetingresponse-html-body-recipients.xml'), 'f');
    expect(row).toMatchObject({
      itemClass: 'IPM.Schedule.Meeting.Resp.Tent',
      isRead: 0,
      subject: 'Tentative:test accept',
    });
    expect(row.to.length).toBeGreaterThan(0);
  });

  it('stores flags as numbers and falls back on the sent date', () => {
    const row = itemToRow(
      {
        kind: 'Message',
        itemId: { id: 'x', changeKey: 'k' },
        flag: { flagStatus: 'Complete' },
        dateTimeSent: '2026-01-02T03:04:05Z',
        sender: { emailAddress: 'a@b.c' },
      },
      'f',
    );
    expect(row).toMatchObject({
      flag: 2,
      receivedAt: Date.parse('2026-01-02T03:04:05Z'),
      from: { name: 'a@b.c', email: 'a@b.c' },
    });
    expect(row.isRead).toBe(0);
  });

  it('keeps Bcc where the server shows it (a draft), and adds nothing where it is empty', () => {
    const draft = itemToRow(
      {
        kind: 'Message',
        itemId: { id: 'd', changeKey: 'k' },
        isDraft: true,
        bccRecipients: [{ name: 'Ada', emailAddress: 'ada@tern.test' }],
      },
      'drafts',
    );
    expect(draft.bcc).toEqual([{ name: 'Ada', email: 'ada@tern.test' }]);
    expect('bcc' in itemToRow({ kind: 'Message', itemId: { id: 'm' }, bccRecipients: [] }, 'f')).toBe(false);
  });

  it('keeps where replies should go when the sender said, and adds nothing where it is empty', () => {
    const row = itemToRow(
      { kind: 'Message', itemId: { id: 'm' }, replyTo: [{ name: 'The list', emailAddress: 'list@lists.example' }] },
      'inbox',
    );
    expect(row.replyTo).toEqual([{ name: 'The list', email: 'list@lists.example' }]);
    expect('replyTo' in itemToRow({ kind: 'Message', itemId: { id: 'm' }, replyTo: [] }, 'f')).toBe(false);
  });

  it('keeps Outlook’s categories, and adds nothing where there are none', () => {
    const row = itemToRow({ kind: 'Message', itemId: { id: 'm' }, categories: ['Travel', 'Red category'] }, 'inbox');
    expect(row.categories).toEqual(['Travel', 'Red category']);
    expect('categories' in itemToRow({ kind: 'Message', itemId: { id: 'm' }, categories: [] }, 'f')).toBe(false);
  });

  it('refuses an item without an id', () => {
    expect(() => itemToRow({ kind: 'Message', subject: 'x' }, 'f')).toThrow(/ItemId/);
  });

  it('tells an IdOnly item from one with its summary', () => {
    expect(hasSummary({ kind: 'Message', itemId: { id: 'x' } })).toBe(false);
    expect(hasSummary({ kind: 'Message', itemId: { id: 'x' }, subject: '' })).toBe(true);
  });
});

describe('itemToBody', () => {
  it('keeps the HTML body and the attachment list, an attached email as the .eml file it downloads as', () => {
    const item = sample('08-ewsjs-o365-getitem-message-html-body-itemattachment.xml');
    const body = itemToBody('id', item, 5);
    expect(body.type).toBe('html');
    expect(body.content).toContain('<html');
    expect(body.size).toBe(body.content.length);
    expect(body.attachments.length).toBe(item.attachments!.length);
    // Exchange Online's ItemAttachment: named by its subject, no ContentType.
    expect(item.attachments![0]).toMatchObject({ kind: 'ItemAttachment', name: 'Message with Attachments' });
    expect(body.attachments[0]).toMatchObject({ name: 'Message with Attachments.eml', contentType: 'message/rfc822' });
  });
});
