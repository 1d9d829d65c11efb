import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-query.js';

describe('parseSearch', () => {
  it('takes the operators out of the words, and leaves what it does not know as words', () => {
    expect(parseSearch('budget from:Ada is:unread  has:attachment category:"Red category" q3')).toEqual({
      text: 'budget q3',
      from: ['ada'],
      categories: ['red category'],
      unread: true,
      attachment: true,
    });
    expect(parseSearch('IS:FLAGGED is:read Category:Travel')).toEqual({
      text: '',
      from: [],
      categories: ['travel'],
      unread: false,
      flagged: true,
    });
    expect(parseSearch('is:important subject:x mailto:ada@x')).toEqual({
      text: 'is:important subject:x mailto:ada@x',
      from: [],
      categories: [],
    });
  });

  it('reads a quoted name still being typed to its end', () => {
    expect(parseSearch('category:"Red cat').categories).toEqual(['red cat']);
  });
});
