import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

/**
 * A native <dialog>: focus trapped by the browser, Escape closes it. Rendered into <body>, so a dialog
 * opened from a table row takes none of the table's styles (alignment, link colours).
 */
export function Modal({
  title,
  open,
  onClose,
  children,
  footer,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return createPortal(
    <dialog ref={ref} className="modal" onClose={onClose} aria-labelledby={titleId}>
      {open && (
        <>
          <div className="modal-header">
            <h2 id={titleId} className="grow">
              {title}
            </h2>
            <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close">
              ✕
            </button>
          </div>
          <div className="modal-body">{children}</div>
          {footer && <div className="modal-footer">{footer}</div>}
        </>
      )}
    </dialog>,
    document.body,
  );
}
