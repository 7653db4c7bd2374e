import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from '../components/Modal.js';

/**
 * Keeps unsaved changes from being lost: asks before an in-app navigation and lets the browser ask
 * before a reload or closing the tab. `allow()` lets one navigation through (after a save, say).
 */
export function useLeaveGuard(dirty: boolean) {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return {
    blocker,
    allow() {
      allowed.current = true;
    },
  };
}

export function LeaveDialog({
  blocker,
  onSave,
}: {
  blocker: ReturnType<typeof useBlocker>;
  onSave(): Promise<boolean>;
}) {
  const open = blocker.state === 'blocked';
  return (
    <Modal
      title="Leave without saving?"
      open={open}
      onClose={() => blocker.reset?.()}
      footer={
        <>
          <button type="button" className="btn" onClick={() => blocker.reset?.()}>
            Stay
          </button>
          <button type="button" className="btn btn-danger" onClick={() => blocker.proceed?.()}>
            Discard changes
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={async () => {
              if (await onSave()) blocker.proceed?.();
              else blocker.reset?.();
            }}
          >
            Save and leave
          </button>
        </>
      }
    >
      <p>This workflow has changes that are not saved yet.</p>
    </Modal>
  );
}
