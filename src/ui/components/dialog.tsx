import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  class?: string;
}

/**
 * A modal `<dialog>`: the browser traps focus, makes the rest inert, closes on Esc (as `cancel`),
 * and we put focus back where it was when it closes.
 */
export function Dialog({ title, onClose, children, class: className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      before?.focus?.({ preventScroll: true });
    };
  }, []);
  return (
    <dialog ref={ref} class={className ? `dialog ${className}` : 'dialog'} aria-labelledby="dialog-title">
      <header class="dialog-header">
        <h2 id="dialog-title">{title}</h2>
      </header>
      {children}
    </dialog>
  );
}
