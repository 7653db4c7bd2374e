import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';
import { Modal } from './Modal.js';

/** "Are you sure?" for a destructive action: what it does, Cancel, the action, and its error if it failed. */
export function ConfirmDialog({
  title,
  open,
  confirmLabel,
  busy,
  error,
  onCancel,
  onConfirm,
  children,
}: {
  title: string;
  open: boolean;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p style={{ margin: 0 }}>{children}</p>
      <ErrorNotice error={error} title="Could not delete" />
    </Modal>
  );
}
