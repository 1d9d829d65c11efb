import { describe, expect, it } from 'vitest';
import { MAX_TERMS, searchTerms, words } from './terms.js';

describe('words', () => {
  it('lower-cases, drops accents and splits on anything but letters and digits', () => {
    expect(words('Re: Café-Meeting @ 10:30, Zürich!')).toEqual(['re', 'cafe', 'meeting', '10', '30', 'zurich']);
    expect(words('Привет мир')).toEqual(['привет', 'мир']);
  });
});

describe('searchTerms', () => {
  it('indexes subject, sender name and address, preview, once each, without one-letter words', () => {
    const terms = searchTerms('A plan for Q3', { name: 'Ada Lovelace', email: 'ada@tern.test' }, 'plan attached');
    expect(terms).toEqual(['plan', 'for', 'q3', 'ada', 'lovelace', 'tern', 'test', 'attached']);
  });

  it('caps the number of terms', () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    expect(searchTerms('subject', undefined, long)).toHaveLength(MAX_TERMS);
  });
});
