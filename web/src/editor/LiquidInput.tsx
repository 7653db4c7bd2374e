import { type ChangeEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { insertPath, matchSuggestions, openTag } from './liquid.js';

interface LiquidInputProps {
  id: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  onFocus?(): void;
  suggestions: readonly string[];
  multiline?: boolean;
  disabled?: boolean;
  required?: boolean;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  label?: string;
}

/**
 * A text field that knows Liquid: typing `{{` offers the paths of upstream nodes' outputs and vault
 * names; arrows choose, Enter or Tab inserts `{{ path }}`, Escape closes the list.
 */
export function LiquidInput(props: LiquidInputProps) {
  const { id, value, onChange, suggestions, multiline } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<{ start: number; items: string[] } | null>(null);
  const [active, setActive] = useState(0);

  function refresh(text: string, caret: number) {
    const tag = openTag(text, caret);
    const items = tag ? matchSuggestions(suggestions, tag.partial) : [];
    if (tag && items.length > 0) {
      setOpen({ start: tag.start, items });
      setActive(0);
    } else setOpen(null);
  }

  function choose(path: string) {
    const field = ref.current;
    if (!field || !open) return;
    const caret = field.selectionStart ?? value.length;
    const next = insertPath(value, caret, open.start, path);
    onChange(next.text);
    setOpen(null);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(next.caret, next.caret);
    });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + open.items.length) % open.items.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(open.items[active] as string);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(null);
    }
  }

  const common = {
    id,
    ref,
    value,
    disabled: props.disabled,
    required: props.required,
    placeholder: props.placeholder,
    'aria-invalid': props.invalid || undefined,
    'aria-describedby': props.describedBy,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open !== null,
    'aria-controls': listId,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    spellCheck: false,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onChange(e.target.value);
      refresh(e.target.value, e.target.selectionStart ?? e.target.value.length);
    },
    onKeyDown,
    onBlur: () => {
      setOpen(null);
      props.onBlur?.();
    },
    onFocus: props.onFocus,
  };
  return (
    <div className="liquid">
      {multiline ? (
        <textarea className="input liquid-input textarea" rows={4} {...common} />
      ) : (
        <input className="input liquid-input" type="text" autoComplete="off" {...common} />
      )}
      <div id={listId} role="listbox" className="liquid-list" hidden={!open} aria-label="Suggestions">
        {open?.items.map((item, i) => (
          <div
            key={item}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(item);
            }}
          >
            <code>{item}</code>
          </div>
        ))}
      </div>
    </div>
  );
}
