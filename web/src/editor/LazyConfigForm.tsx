import { type ComponentProps, lazy, Suspense } from 'react';
import type { ConfigForm as ConfigFormType } from './ConfigForm.js';

/** The form library (rjsf with ajv) is most of the editor's weight: loaded apart, after the canvas. */
export const loadConfigForm = () => import('./ConfigForm.js');

const ConfigForm = lazy(async () => ({ default: (await loadConfigForm()).ConfigForm }));

export function LazyConfigForm(props: ComponentProps<typeof ConfigFormType>) {
  return (
    <Suspense fallback={<p className="muted">Loading the form…</p>}>
      <ConfigForm {...props} />
    </Suspense>
  );
}
