import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * How long a drag rests on the menu button before the drawer opens under it, as a spring-loaded
 * folder does in the Finder: long enough that a drag passing over on its way does not open it.
 */
export const SPRING_MS = 600;

export interface DrawerOptions {
  /** Drags that may rest on the button to open the drawer (messages on their way to a folder). */
  springsFor?: (e: DragEvent) => boolean;
}

/**
 * A pane that a narrow screen shows over the others from a menu button (the folders). Opening it
 * takes the focus into it, to its current entry, so the keyboard goes on where the eye does; Esc
 * outside a dialog closes it and gives the focus back to the button, as a disclosure does.
 * A drag that rests on the button opens it, so what is dragged can reach a folder that was put
 * away; once that drag is dropped or given up, the drawer goes away again.
 */
export function useDrawer({ springsFor }: DrawerOptions = {}) {
  const [open, setOpen] = useState(false);
  const [springing, setSpringing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pane = useRef<HTMLElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Set when a drag opened the drawer: where the focus was, to go back to when it closes.
  const sprung = useRef<{ focus: Element | null }>();

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
    // A drag that opened the drawer ends in a drop on a folder or anywhere else; either puts it away.
    const onDragDone = () => {
      const before = sprung.current;
      if (!before) return;
      sprung.current = undefined;
      setOpen(false);
      if (before.focus instanceof HTMLElement && before.focus.isConnected) before.focus.focus();
    };
    document.addEventListener('drop', onDragDone);
    document.addEventListener('dragend', onDragDone);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('drop', onDragDone);
      document.removeEventListener('dragend', onDragDone);
    };
  }, [open]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const disarm = () => {
    clearTimeout(timer.current);
    setSpringing(false);
  };
  /** Handlers for the menu button: a drag `springsFor` accepts opens the drawer after SPRING_MS. */
  const spring = {
    onDragEnter: (e: DragEvent) => {
      if (open || !springsFor?.(e)) return;
      clearTimeout(timer.current);
      setSpringing(true);
      timer.current = setTimeout(() => {
        setSpringing(false);
        sprung.current = { focus: document.activeElement };
        setOpen(true);
      }, SPRING_MS);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) disarm();
    },
    onDrop: disarm,
  };

  const close = (value: boolean) => {
    if (!value) sprung.current = undefined;
    setOpen(value);
  };

  return { open, setOpen: close, button, pane, spring, springing };
}
