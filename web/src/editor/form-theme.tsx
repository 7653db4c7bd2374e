import {
  type ArrayFieldItemTemplateProps,
  type FieldErrorProps,
  type FieldProps,
  getTemplate,
  getUiOptions,
  type IconButtonProps,
  type RegistryFieldsType,
  type RegistryWidgetsType,
  type TemplatesType,
  type WidgetProps,
} from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { LiquidInput } from './LiquidInput.js';

/** What every field of the config form can read: the Liquid suggestions of the selected node. */
export interface ConfigFormContext {
  suggestions: readonly string[];
}

function suggestionsOf(props: { registry: { formContext?: unknown } }): readonly string[] {
  return (props.registry.formContext as ConfigFormContext | undefined)?.suggestions ?? [];
}

function LiquidWidget({ multiline, ...props }: WidgetProps & { multiline: boolean }) {
  const { id, value, onChange, onBlur, onFocus, options, rawErrors } = props;
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <LiquidInput
      id={id}
      value={text}
      multiline={multiline || options.widget === 'textarea'}
      suggestions={suggestionsOf(props)}
      onChange={(next) => onChange(next === '' ? options.emptyValue : next)}
      onBlur={() => onBlur(id, text)}
      onFocus={() => onFocus(id, text)}
      disabled={props.disabled || props.readonly}
      required={props.required}
      placeholder={
        props.placeholder || (props.schema.type === 'string' ? 'Text, or {{ node_id.field }}' : '')
      }
      invalid={(rawErrors?.length ?? 0) > 0}
      describedBy={rawErrors?.length ? `${id}__error` : undefined}
    />
  );
}

function LiquidTextWidget(props: WidgetProps) {
  return <LiquidWidget {...props} multiline={false} />;
}

function LiquidTextareaWidget(props: WidgetProps) {
  return <LiquidWidget {...props} multiline />;
}

function parseLoose(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^[[{]/.test(trimmed) || ['true', 'false', 'null'].includes(trimmed) || /^-?\d/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

function showLoose(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Any JSON (or a Liquid string) in a textarea: for fields a form cannot break down (a body, a mapping). */
function JsonField(props: FieldProps) {
  const { formData, onChange, fieldPathId, schema, required, rawErrors } = props;
  const id = fieldPathId.$id;
  const [text, setText] = useState(() => showLoose(formData));
  const typed = useRef(text);
  typed.current = text;
  const [invalid, setInvalid] = useState(false);
  // Follow changes made elsewhere (undo, another node selected) unless they are the echo of our own typing.
  useEffect(() => {
    if (JSON.stringify(parseLoose(typed.current)) !== JSON.stringify(formData)) setText(showLoose(formData));
  }, [formData]);
  return (
    <div className="field">
      <label htmlFor={id}>
        {schema.title ?? props.name}
        {required ? <span className="required"> *</span> : null}
      </label>
      <LiquidInput
        id={id}
        multiline
        value={text}
        suggestions={suggestionsOf(props)}
        invalid={invalid || (rawErrors?.length ?? 0) > 0}
        describedBy={`${id}__hint`}
        onChange={(next) => {
          setText(next);
          const parsed = parseLoose(next);
          setInvalid(/^\s*[[{]/.test(next) && typeof parsed === 'string');
          onChange(parsed, fieldPathId.path);
        }}
      />
      <span className="hint" id={`${id}__hint`}>
        {invalid ? 'Not valid JSON yet: it will be saved as text.' : 'JSON, or text with {{ }} templates.'}
      </span>
      {rawErrors && rawErrors.length > 0 && (
        <ul className="field-errors">
          {rawErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TextButton({ label, className = '', ...props }: IconButtonProps & { label: string }) {
  const { onClick, disabled, id, title } = props;
  return (
    <button
      type="button"
      id={id}
      className={`btn btn-small ${className}`}
      onClick={onClick}
      disabled={disabled}
      title={title}
    >
      {label}
    </button>
  );
}

const AddButton = (props: IconButtonProps) => (
  <div className="form-add">
    <TextButton {...props} className="" label="+ Add item" />
  </div>
);
const RemoveButton = (props: IconButtonProps) => (
  <TextButton {...props} className="btn-danger" label="Remove" />
);
const MoveUpButton = (props: IconButtonProps) => <TextButton {...props} className="" label="↑" />;
const MoveDownButton = (props: IconButtonProps) => <TextButton {...props} className="" label="↓" />;
const CopyItemButton = (props: IconButtonProps) => <TextButton {...props} className="" label="Copy" />;
const ClearButton = (props: IconButtonProps) => <TextButton {...props} className="" label="Clear" />;

/** An array item: its fields, then its buttons on one line (the default template lays them out in columns). */
function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, className, buttonsProps, hasToolbar, registry, uiSchema } = props;
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <div className={`array-item ${className ?? ''}`}>
      {children}
      {hasToolbar && (
        <div className="array-item-toolbox">
          <Buttons {...buttonsProps} />
        </div>
      )}
    </div>
  );
}

function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const list = errors.filter(Boolean);
  if (list.length === 0) return null;
  return (
    <ul className="field-errors" id={`${fieldPathId.$id}__error`}>
      {list.map((error, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: errors have no identity of their own
        <li key={i}>{error}</li>
      ))}
    </ul>
  );
}

export const widgets: RegistryWidgetsType = {
  TextWidget: LiquidTextWidget,
  TextareaWidget: LiquidTextareaWidget,
};

export const fields: RegistryFieldsType = { json: JsonField };

export const templates: Partial<Omit<TemplatesType, 'ButtonTemplates'>> & {
  ButtonTemplates?: Partial<TemplatesType['ButtonTemplates']>;
} = {
  FieldErrorTemplate,
  ArrayFieldItemTemplate,
  ButtonTemplates: {
    AddButton,
    RemoveButton,
    MoveUpButton,
    MoveDownButton,
    CopyButton: CopyItemButton,
    ClearButton,
    SubmitButton: () => null,
  },
};
