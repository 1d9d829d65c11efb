import { describe, expect, it } from 'vitest';
import { contains } from './functions.js';

describe('EWS Contains', () => {
  it('follows ContainmentMode', () => {
    expect(contains('Project Alpha review', 'alpha', 'Substring', 'IgnoreCase')).toBe(true);
    expect(contains('Project Alpha review', 'alpha', 'Prefixed', 'IgnoreCase')).toBe(false);
    expect(contains('Project Alpha review', 'proj', 'Prefixed', 'IgnoreCase')).toBe(true);
    expect(contains('Project Alpha review', 'rev', 'PrefixOnWords', 'IgnoreCase')).toBe(true);
    expect(contains('Project Alpha review', 'lpha', 'PrefixOnWords', 'IgnoreCase')).toBe(false);
    expect(contains('Alpha', 'alpha', 'FullString', 'IgnoreCase')).toBe(true);
    expect(contains('Alpha!', 'alpha', 'FullString', 'IgnoreCase')).toBe(false);
  });

  it('follows ContainmentComparison', () => {
    expect(contains('Réunion', 'réunion', 'Substring', 'Exact')).toBe(false);
    expect(contains('Réunion', 'réunion', 'Substring', 'IgnoreCase')).toBe(true);
    expect(contains('Réunion', 'Reunion', 'Substring', 'IgnoreCase')).toBe(false);
    expect(contains('Réunion', 'Reunion', 'Substring', 'IgnoreNonSpacingCharacters')).toBe(true);
    expect(contains('Réunion', 'reunion', 'Substring', 'IgnoreNonSpacingCharacters')).toBe(false);
    expect(contains('Réunion', 'reunion', 'Substring', 'IgnoreCaseAndNonSpacingCharacters')).toBe(true);
    expect(contains('Réunion', 'REUNION', 'Substring', 'Loose')).toBe(true);
    expect(contains(null, 'x', 'Substring', 'IgnoreCase')).toBe(false);
  });
});
