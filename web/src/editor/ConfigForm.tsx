import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo } from 'react';
import { type ComponentInfo, configOf, metadataOf, type NodeData } from '../graph/catalogue.js';
import { formSchemas } from './form-schema.js';
import { fields, templates, widgets } from './form-theme.js';
import type { Issue } from './issues.js';

/** The selected node's config as a form generated from its component's JSON Schema. */
export function ConfigForm({
  nodeId,
  data,
  component,
  issues,
  suggestions,
  onChange,
}: {
  nodeId: string;
  data: NodeData;
  component: ComponentInfo;
  issues: readonly Issue[];
  suggestions: readonly string[];
  onChange(change: (data: NodeData) => NodeData): void;
}) {
  const { schema, uiSchema } = useMemo(() => formSchemas(component.config_schema), [component]);
  const properties = Object.keys((schema.properties ?? {}) as object);
  const extraErrors = useMemo(() => {
    const errors: Record<string, { __errors: string[] }> = {};
    for (const issue of issues) {
      if (!issue.field || !properties.includes(issue.field)) continue;
      const value = data[issue.field];
      const text =
        value === undefined || value === ''
          ? 'Required.'
          : issue.message.replace(/^Node '[^']+' \([^)]*\): /, '').replace(/^[\w.[\]]+: /, '');
      errors[issue.field] = { __errors: [...(errors[issue.field]?.__errors ?? []), text] };
    }
    return errors as ErrorSchema;
  }, [issues, properties, data]);
  const formContext = useMemo(() => ({ suggestions }), [suggestions]);
  if (properties.length === 0) {
    return <p className="muted">This component has nothing to configure.</p>;
  }
  return (
    <Form
      key={nodeId}
      className="config-form"
      schema={schema}
      uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { norender: true } }}
      formData={configOf(data)}
      validator={validator}
      widgets={widgets}
      fields={fields}
      templates={templates}
      formContext={formContext}
      extraErrors={extraErrors}
      showErrorList={false}
      noValidate
      idPrefix={`cfg-${nodeId}`}
      onChange={(event) => {
        const config = event.formData as Record<string, unknown>;
        onChange((current) => ({ ...config, ...metadataOf(current) }));
      }}
    />
  );
}
