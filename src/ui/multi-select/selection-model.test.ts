import { describe, expect, it } from 'vitest';
import { addRange, isSelected, selectAll, selectedCount, selectionIn, toggle } from './selection-model.js';

describe('selection model', () => {
  it('toggles messages on and off, and the last toggled one is the anchor', () => {
    let s = toggle(undefined, 'inbox', 'a');
    s = toggle(s, 'inbox', 'b');
    expect(isSelected(s, 'inbox', 'a')).toBe(true);
    expect(isSelected(s, 'inbox', 'b')).toBe(true);
    s = toggle(s, 'inbox', 'a');
    expect(isSelected(s, 'inbox', 'a')).toBe(false);
    expect(s.anchorId).toBe('a');
    expect(selectedCount(s, 100, s.ids.size)).toBe(1);
  });

  it('starts afresh in another folder', () => {
    const inbox = toggle(undefined, 'inbox', 'a');
    const other = toggle(inbox, 'receipts', 'b');
    expect([...other.ids]).toEqual(['b']);
    expect(isSelected(other, 'inbox', 'a')).toBe(false);
    expect(selectionIn(inbox, 'receipts')).toBeUndefined();
  });

  it('counts an emptied selection as none', () => {
    const s = toggle(toggle(undefined, 'inbox', 'a'), 'inbox', 'a');
    expect(selectionIn(s, 'inbox')).toBeUndefined();
    expect(selectionIn(selectAll('inbox'), 'inbox')).toBeDefined();
  });

  it('adds a range to what is selected, never removing', () => {
    let s = toggle(undefined, 'inbox', 'a');
    s = addRange(s, 'inbox', ['c', 'd', 'e'], 'e');
    expect([...s.ids].sort()).toEqual(['a', 'c', 'd', 'e']);
    s = addRange(s, 'inbox', ['d', 'e', 'f'], 'f');
    expect([...s.ids].sort()).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(s.anchorId).toBe('f');
  });

  it('selects all as a flag: every id, including ones never seen, minus those toggled off', () => {
    let s = selectAll('inbox');
    expect(isSelected(s, 'inbox', 'never-rendered')).toBe(true);
    s = toggle(s, 'inbox', 'x');
    expect(isSelected(s, 'inbox', 'x')).toBe(false);
    expect(selectedCount(s, 100_000, 1)).toBe(99_999);
    s = addRange(s, 'inbox', ['x', 'y'], 'y');
    expect(isSelected(s, 'inbox', 'x')).toBe(true);
    expect(selectedCount(s, 100_000, s.ids.size)).toBe(100_000);
  });
});
