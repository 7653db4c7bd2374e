import { CopyButton } from '../../components/CopyButton.js';
import { Modal } from '../../components/Modal.js';

/** A generated workflow API key, shown this once. */
export function OneTimeSecret({
  value,
  onClose,
}: {
  value: { name: string; secret: string } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      title="Copy your API key now"
      open={value !== null}
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          I have stored it
        </button>
      }
    >
      <div className="notice notice-info" role="status">
        <span>
          This is the only time <strong>{value?.name}</strong> is shown. Only its hash is stored.
        </span>
      </div>
      <div className="row">
        <code className="grow" style={{ wordBreak: 'break-all' }}>
          {value?.secret}
        </code>
        {value && <CopyButton text={value.secret} />}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Use it as the bearer token of <code>POST /workflows/sync/&#123;workflowId&#125;</code>.
      </p>
    </Modal>
  );
}
