import { describe, expect, it } from 'vitest';
import { unmarked } from './draft-marks.js';

describe('unmarked', () => {
  it('keeps the words of bold, italic, links, list items and quotes, and bare addresses as they are', () => {
    const text = [
      'Here are the **figures** for _Q3_.',
      'See the [report](https://tern.test/q3) or https://tern.test/all.',
      '- first',
      '> quoted',
    ].join('\n');
    expect(unmarked(text)).toBe(
      ['Here are the figures for Q3.', 'See the report or https://tern.test/all.', 'first', 'quoted'].join('\n'),
    );
  });

  it('leaves what only looks like a mark: snake_case, a lone star, brackets without an address', () => {
    const text = 'my_file_name, 2 * 3, [draft](not an address), price: **5';
    expect(unmarked(text)).toBe(text);
  });
});
