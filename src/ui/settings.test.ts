import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings.js';

describe('parseSettings', () => {
  it('gives defaults for nothing or garbage', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('"a string"')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid values and clamps the poll interval', () => {
    expect(parseSettings('{"language":"fr","pollSeconds":2,"markReadAfterMs":null,"undoSendSeconds":0}')).toEqual({
      language: 'fr',
      pollSeconds: 2,
      markReadAfterMs: null,
      undoSendSeconds: 0,
    });
    expect(parseSettings('{"undoSendSeconds":30}').undoSendSeconds).toBe(30);
    expect(parseSettings('{"pollSeconds":0.1}').pollSeconds).toBe(2);
    expect(parseSettings('{"pollSeconds":999999}').pollSeconds).toBe(3600);
  });

  it('drops values of the wrong kind', () => {
    expect(parseSettings('{"language":"de","pollSeconds":"5","markReadAfterMs":-1,"undoSendSeconds":7}')).toEqual(
      DEFAULT_SETTINGS,
    );
    // Only one of the times offered: not an hour a hand-edited entry asked for.
    expect(parseSettings('{"undoSendSeconds":3600}').undoSendSeconds).toBe(10);
  });
});
