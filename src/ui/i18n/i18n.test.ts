import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { enViews } from './en-views.js';
import { fr } from './fr.js';
import { createTranslator, isLoaded, loadLanguage, pickLanguage } from './translate.js';

describe('message catalogues', () => {
  it('have the same keys in English and French, each English key in one of its two parts', () => {
    expect(Object.keys(en).filter((k) => k in enViews)).toEqual([]);
    expect(Object.keys(fr).sort()).toEqual([...Object.keys(en), ...Object.keys(enViews)].sort());
  });

  it('use the same parameters in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const english: Record<string, string> = { ...en, ...enViews };
    for (const key of Object.keys(english) as (keyof typeof fr)[]) {
      expect(params(fr[key]), key).toEqual(params(english[key]!));
    }
  });

  it('leave no message empty', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(enViews), ...Object.entries(fr)])
      expect(value.trim(), key).not.toBe('');
  });
});

describe('pickLanguage', () => {
  it('takes the first supported language from navigator.languages', () => {
    expect(pickLanguage(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['en-GB', 'fr'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLanguage(['de', 'ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('translator', () => {
  it('fills parameters and formats numbers for the locale', () => {
    const t = createTranslator('en');
    expect(t.plural('status.outbox', 3)).toBe('3 changes waiting');
    expect(t.plural('status.outbox', 1)).toBe('1 change waiting');
    expect(t.plural('list.count', 100000)).toBe('100,000 messages');
    expect(t.t('toast.moved', { folder: 'Receipts' })).toBe('Moved to Receipts.');
  });

  it('loads French on demand', async () => {
    await loadLanguage('fr');
    expect(isLoaded('fr')).toBe(true);
  });

  it('uses French plural rules (0 and 1 are singular)', async () => {
    await loadLanguage('fr');
    const t = createTranslator('fr');
    expect(t.plural('folder.unread', 0)).toBe('0 non lu');
    expect(t.plural('folder.unread', 2)).toBe('2 non lus');
  });

  it('has the words of later views once a module that uses them has loaded', async () => {
    expect(createTranslator('en').t('diag.title')).toBe('diag.title');
    await import('./views.js');
    expect(createTranslator('en').t('diag.title')).toBe(enViews['diag.title']);
  });

  it('keeps an unknown placeholder visible rather than dropping text', () => {
    expect(createTranslator('en').t('toast.moved')).toBe('Moved to {folder}.');
  });
});

describe('pickLocale', () => {
  it("keeps the browser's region for the chosen language, else a default one", async () => {
    const { pickLocale } = await import('./translate.js');
    expect(pickLocale('en', ['en-US', 'fr'])).toBe('en-US');
    expect(pickLocale('fr', ['en-US', 'fr-CA'])).toBe('fr-CA');
    expect(pickLocale('fr', ['en-US'])).toBe('fr-FR');
  });
});
