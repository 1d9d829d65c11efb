import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings.js';

describe('parseSettings', () => {
  it('gives defaults for nothing or garbage', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('"a string"')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid values and clamps the poll interval', () => {
    expect(parseSettings('{"language":"fr","pollSeconds":2,"markReadAfterMs":null}')).toEqual({
      language: 'fr',
      pollSeconds: 2,
      markReadAfterMs: null,
    });
    expect(parseSettings('{"pollSeconds":0.1}').pollSeconds).toBe(2);
    expect(parseSettings('{"pollSeconds":999999}').pollSeconds).toBe(3600);
  });

  it('drops values of the wrong kind', () => {
    expect(parseSettings('{"language":"de","pollSeconds":"5","markReadAfterMs":-1}')).toEqual(DEFAULT_SETTINGS);
  });
});
