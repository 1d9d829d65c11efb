import { describe, expect, it } from 'vitest';
import { checkFolderName, MAX_FOLDER_NAME } from './folder-name-check.js';

const siblings = [
  { id: 'inbox', name: 'Inbox' },
  { id: 'p', name: 'Projects' },
  { id: 'r', name: ' Receipts ' },
];

describe('checkFolderName', () => {
  it('accepts a new name, trimmed', () => {
    expect(checkFolderName('  Travel 2025 ', siblings)).toBeUndefined();
    expect(checkFolderName('Équipe / réunions', siblings)).toBeUndefined();
  });

  it('refuses a blank name', () => {
    expect(checkFolderName('', siblings)?.key).toBe('folder.nameEmpty');
    expect(checkFolderName(' \u00a0 ', siblings)?.key).toBe('folder.nameEmpty');
  });

  it('refuses line breaks, tabs and other control characters', () => {
    expect(checkFolderName('Two\nlines', siblings)?.key).toBe('folder.nameControl');
    expect(checkFolderName('Tab\there', siblings)?.key).toBe('folder.nameControl');
    expect(checkFolderName('Nul\u0000', siblings)?.key).toBe('folder.nameControl');
  });

  it('allows 255 characters, not 256', () => {
    expect(checkFolderName('x'.repeat(MAX_FOLDER_NAME), siblings)).toBeUndefined();
    expect(checkFolderName('x'.repeat(MAX_FOLDER_NAME + 1), siblings)).toEqual({
      key: 'folder.nameTooLong',
      params: { max: 255 },
    });
  });

  it('refuses the name of a sibling, whatever the case and spaces', () => {
    expect(checkFolderName('projects', siblings)).toEqual({ key: 'folder.nameTaken', params: { name: 'Projects' } });
    expect(checkFolderName('RECEIPTS', siblings)?.key).toBe('folder.nameTaken');
    expect(checkFolderName('inbox', siblings)?.key).toBe('folder.nameTaken');
  });

  it('lets a folder being renamed keep its name in another case', () => {
    expect(checkFolderName('PROJECTS', siblings, 'p')).toBeUndefined();
    expect(checkFolderName('Receipts', siblings, 'p')?.key).toBe('folder.nameTaken');
  });
});
