import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * A Dexie live query as component state: re-runs whenever the tables it read change, in this tab,
 * another tab or the service worker (Dexie broadcasts commits across contexts). Until the first
 * result for the current `deps`, the previous result stays (no flash of empty lists while a
 * window scrolls); `undefined` only before the very first one.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (v) => setValue(() => v),
      error: (err: unknown) => console.error('Live query failed', err),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
