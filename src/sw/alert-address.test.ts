import { describe, expect, it } from 'vitest';
import { parseRoute } from '../ui/route.js';
import { alertAddress } from './alert-address.js';

describe('alertAddress', () => {
  it('is the app’s address of the one message, or of the folder for several', () => {
    expect(parseRoute(alertAddress({ folderId: 'AA/1=', messageId: 'id+/=' }).slice(1))).toEqual({
      view: 'mail',
      folderId: 'AA/1=',
      messageId: 'id+/=',
    });
    expect(parseRoute(alertAddress({ folderId: 'inbox' }).slice(1))).toEqual({ view: 'mail', folderId: 'inbox' });
  });
});
