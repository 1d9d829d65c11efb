import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissToast, holdToasts, showToast, toasts } from './toasts.js';

const texts = () => toasts.get().map((t) => t.text);

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  holdToasts(false);
  for (const t of toasts.get()) dismissToast(t.id);
  vi.useRealTimers();
});

describe('toasts', () => {
  it('go after a while, one at a time', () => {
    showToast('Archived.');
    showToast('Moved to Receipts.');
    expect(texts()).toEqual(['Moved to Receipts.']);
    vi.advanceTimersByTime(8_000);
    expect(texts()).toEqual([]);
  });

  it('stay while held (pointer or focus on them), then show their full time again', () => {
    showToast('3 messages archived.', { undo: () => undefined });
    vi.advanceTimersByTime(7_000);
    holdToasts(true);
    vi.advanceTimersByTime(60_000);
    expect(texts()).toEqual(['3 messages archived.']);
    holdToasts(false);
    vi.advanceTimersByTime(7_999);
    expect(texts()).toEqual(['3 messages archived.']);
    vi.advanceTimersByTime(1);
    expect(texts()).toEqual([]);
  });

  it('keep errors until dismissed', () => {
    showToast('That did not work.', { kind: 'error' });
    vi.advanceTimersByTime(60_000);
    expect(texts()).toEqual(['That did not work.']);
  });
});
