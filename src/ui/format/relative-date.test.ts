import { describe, expect, it } from 'vitest';
import { agoParts, formatClock, formatListDate } from './relative-date.js';
import { formatFileSize } from './file-size.js';

// Local-time constructors, so the tests hold in any time zone.
const now = new Date(2024, 2, 14, 15, 30).getTime(); // Thu 14 Mar 2024, 15:30

describe('formatListDate', () => {
  it('shows the time for today', () => {
    expect(formatListDate(new Date(2024, 2, 14, 10, 42).getTime(), now, 'en-GB')).toBe('10:42');
    expect(formatListDate(new Date(2024, 2, 14, 0, 1).getTime(), now, 'en-GB')).toBe('00:01');
  });

  it('shows the weekday within the last week', () => {
    expect(formatListDate(new Date(2024, 2, 12, 9, 0).getTime(), now, 'en-GB')).toBe('Tue');
    expect(formatListDate(new Date(2024, 2, 13, 23, 59).getTime(), now, 'en-GB')).toBe('Wed');
    expect(formatListDate(new Date(2024, 2, 8, 9, 0).getTime(), now, 'en-GB')).toBe('Fri');
  });

  it('shows day and month earlier this year', () => {
    expect(formatListDate(new Date(2024, 2, 7, 9, 0).getTime(), now, 'en-GB')).toBe('7 Mar');
    expect(formatListDate(new Date(2024, 0, 2, 9, 0).getTime(), now, 'en-GB')).toBe('2 Jan');
  });

  it('shows the full date for earlier years', () => {
    expect(formatListDate(new Date(2023, 2, 12, 9, 0).getTime(), now, 'en-GB')).toBe('12/03/2023');
  });

  it('speaks French', () => {
    expect(formatListDate(new Date(2024, 2, 12, 9, 0).getTime(), now, 'fr')).toBe('mar.');
    expect(formatListDate(new Date(2024, 1, 2, 9, 0).getTime(), now, 'fr')).toBe('2 févr.');
  });

  it('does not call a message from tomorrow (a skewed clock) "Thu"', () => {
    expect(formatListDate(new Date(2024, 2, 15, 9, 0).getTime(), now, 'en-GB')).toBe('15 Mar');
  });
});

describe('formatClock', () => {
  it('has seconds', () => {
    expect(formatClock(new Date(2024, 2, 14, 10, 42, 5).getTime(), 'en-GB')).toBe('10:42:05');
  });
});

describe('agoParts', () => {
  it('picks the coarsest unit', () => {
    expect(agoParts(now - 20_000, now)).toEqual({ unit: 'now' });
    expect(agoParts(now - 2 * 60_000, now)).toEqual({ unit: 'minutes', count: 2 });
    expect(agoParts(now - 3 * 3_600_000, now)).toEqual({ unit: 'hours', count: 3 });
    expect(agoParts(now - 50 * 3_600_000, now)).toEqual({ unit: 'days', count: 2 });
  });
});

describe('formatFileSize', () => {
  it('uses powers of 1024 and one decimal below 10', () => {
    expect(formatFileSize(512, 'en')).toBe('512 B');
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(23 * 1024 * 1024, 'en')).toBe('23 MB');
    expect(formatFileSize(1536, 'fr')).toBe('1,5 KB');
  });
});
