import { describe, expect, it } from 'vitest';
import { messageRow } from '../../db/test-rows.js';
import { categoryChoices } from './category-choices.js';

const presets = ['Red category', 'Blue category'];
const messages = [
  messageRow('a', { categories: ['Travel', 'Red category'] }),
  messageRow('b', { categories: ['Travel'] }),
];

describe('categoryChoices', () => {
  it('lists the messages’ categories, then the presets, then the others in use, each once, with how many have it', () => {
    expect(categoryChoices(messages, presets, ['Zebra', 'Travel', 'alpha'], '')).toEqual([
      { name: 'Travel', has: 'all' },
      { name: 'Red category', has: 'some' },
      { name: 'Blue category', has: 'none' },
      { name: 'alpha', has: 'none' },
      { name: 'Zebra', has: 'none' },
    ]);
  });

  it('filters by every word, and offers what was typed as a new category unless it names one', () => {
    expect(categoryChoices(messages, presets, [], 'CAT re')).toEqual([
      { name: 'CAT re', has: 'none', isNew: true },
      { name: 'Red category', has: 'some' },
    ]);
    expect(categoryChoices(messages, presets, [], ' travel ').map((c) => c.name)).toEqual(['Travel']);
    expect(categoryChoices(messages, presets, [], 'a, b')).toEqual([]);
  });
});
