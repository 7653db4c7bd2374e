import { CopyButton } from './CopyButton.js';

/** Pretty-printed JSON with a copy button. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="row">
        {label && <span className="label grow">{label}</span>}
        <CopyButton text={text} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long value scrolls, and keyboard users must reach it to scroll it (axe scrollable-region-focusable) */}
      <pre className="json" tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}
