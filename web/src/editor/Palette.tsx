import { useState } from 'react';
import type { ComponentInfo } from '../graph/catalogue.js';

export const DRAG_TYPE = 'application/x-stratoflow-component';

const GROUPS = [
  { kind: 'trigger', title: 'Triggers' },
  { kind: 'action', title: 'Actions' },
  { kind: 'condition', title: 'Conditions' },
];

/** Every component, grouped and searchable; drag one onto the canvas, or press it to add it. */
export function Palette({
  components,
  onAdd,
  hasTrigger,
}: {
  components: readonly ComponentInfo[];
  onAdd(componentId: string): void;
  /** Triggers start folded away once the workflow has its one trigger. */
  hasTrigger: boolean;
}) {
  const [search, setSearch] = useState('');
  const [folded, setFolded] = useState<Record<string, boolean>>(() => ({ trigger: hasTrigger }));
  const needle = search.trim().toLowerCase();
  const shown = components.filter(
    (c) =>
      !needle ||
      c.title.toLowerCase().includes(needle) ||
      c.componentId.includes(needle) ||
      c.description.toLowerCase().includes(needle),
  );
  const kinds = new Set(GROUPS.map((g) => g.kind));
  const groups = [
    ...GROUPS,
    ...[...new Set(components.map((c) => c.kind))]
      .filter((k) => !kinds.has(k))
      .map((kind) => ({ kind, title: kind })),
  ];
  return (
    <aside className="palette" aria-label="Components">
      <div className="palette-search">
        <label className="visually-hidden" htmlFor="palette-search">
          Search components
        </label>
        <input
          id="palette-search"
          className="input"
          type="search"
          placeholder="Search components"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <p className="hint">Drag onto the canvas, or press to add.</p>
      </div>
      <div className="palette-groups">
        {shown.length === 0 && <p className="muted palette-empty">No component matches “{search}”.</p>}
        {groups.map(({ kind, title }) => {
          const items = shown.filter((c) => c.kind === kind);
          if (items.length === 0) return null;
          return (
            <details
              key={kind}
              className={`palette-group palette-${kind}`}
              open={Boolean(needle) || !folded[kind]}
              onToggle={(e) => {
                const open = (e.currentTarget as HTMLDetailsElement).open;
                if (!needle) setFolded((f) => ({ ...f, [kind]: !open }));
              }}
            >
              <summary>
                <h2>
                  {title} <span className="palette-count">{items.length}</span>
                </h2>
              </summary>
              <ul>
                {items.map((c) => (
                  <li key={c.componentId}>
                    <button
                      type="button"
                      className="palette-item"
                      draggable
                      onDragStart={(e) => {
                        e.dataTransfer.setData(DRAG_TYPE, c.componentId);
                        e.dataTransfer.effectAllowed = 'move';
                      }}
                      onClick={() => onAdd(c.componentId)}
                      title={`${c.componentId}: ${c.description}`}
                      aria-label={`Add ${c.title}`}
                      data-component={c.componentId}
                    >
                      <span className="palette-item-title">{c.title}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          );
        })}
      </div>
    </aside>
  );
}
