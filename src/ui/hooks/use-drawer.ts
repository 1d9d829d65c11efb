import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A pane that a narrow screen shows over the others from a menu button (the folders). Opening it
 * takes the focus into it, to its current entry, so the keyboard goes on where the eye does; Esc
 * outside a dialog closes it and gives the focus back to the button, as a disclosure does.
 */
export function useDrawer() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pane = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    const at = (selector: string) => pane.current?.querySelector<HTMLElement>(selector);
    (at('[aria-current="page"]') ?? at('a[href], button'))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return { open, setOpen, button, pane };
}
