import { useEffect, useState } from 'preact/hooks';

/** A value that views subscribe to: the status, the settings, the toasts. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const l of [...listeners]) l(value);
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(() => store.get());
  useEffect(() => {
    // Always the updater form: a stored value may itself be a function (the "Reload" action),
    // which setState would otherwise call.
    const take = (v: T) => setValue(() => v);
    take(store.get());
    return store.subscribe(take);
  }, [store]);
  return value;
}
