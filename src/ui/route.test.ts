import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from './route.js';

describe('routes', () => {
  it('parses every view', () => {
    expect(parseRoute('')).toEqual({ view: 'mail' });
    expect(parseRoute('#/outbox')).toEqual({ view: 'outbox' });
    expect(parseRoute('#/diagnostics')).toEqual({ view: 'diagnostics' });
    expect(parseRoute('#/mail/AAMk%2Fx%3D%3D/AQ%2B')).toEqual({ view: 'mail', folderId: 'AAMk/x==', messageId: 'AQ+' });
  });

  it('treats unknown or broken addresses as the mailbox', () => {
    expect(parseRoute('#/nowhere')).toEqual({ view: 'mail' });
    expect(parseRoute('#/mail/%E0%A4%A')).toEqual({ view: 'mail' });
  });

  it('round-trips any EWS-style id', () => {
    const id = fc.string({ minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(id, fc.option(id, { nil: undefined }), (folderId, messageId) => {
        const r: Route = { view: 'mail', folderId, ...(messageId !== undefined && { messageId }) };
        expect(parseRoute(formatRoute(r))).toEqual(r);
      }),
    );
  });
});
