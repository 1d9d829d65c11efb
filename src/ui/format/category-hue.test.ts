import { describe, expect, it } from 'vitest';
import { categoryHue } from './category-hue.js';

describe('categoryHue', () => {
  it('shows Outlook’s colour-named categories in their colour, in English and French', () => {
    expect(categoryHue('Red category')).toBe(0);
    expect(categoryHue('Blue category')).toBe(215);
    expect(categoryHue('Catégorie verte')).toBe(130);
  });

  it('gives any other name one hue, the same each time and whatever its case', () => {
    expect(categoryHue('Project Alpha')).toBe(categoryHue('project alpha'));
    const hues = new Set(['Travel', 'Follow up', 'Project Alpha', 'Receipts', 'Family', 'Taxes'].map(categoryHue));
    expect(hues.size).toBeGreaterThan(2);
  });
});
