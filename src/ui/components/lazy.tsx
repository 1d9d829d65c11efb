import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is fetched on first render (`import()` → its own chunk), keeping the
 * composer, the diagnostics page and DOMPurify out of the first load. Renders nothing until loaded.
 */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (component) return;
      pending ??= load().then((m) => (loaded = m.default));
      let live = true;
      void pending.then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, []);
    const Component = component;
    return Component ? <Component {...props} /> : null;
  };
}
