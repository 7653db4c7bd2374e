const LABELS: Record<string, string> = {
  awaiting_ui_interaction: 'waiting for input',
  not_reached: 'not reached',
};

/** A run or node status as a coloured pill. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="badge">never run</span>;
  return <span className={`badge badge-${status}`}>{LABELS[status] ?? status}</span>;
}
