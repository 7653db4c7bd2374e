import { useLayoutEffect, useRef } from 'react';
import { type NavigateOptions, useSearchParams } from 'react-router';

/** Query parameters to set (a string, even empty) or remove (undefined). */
export type ParamChanges = Record<string, string | undefined>;

/**
 * The address's query parameters, and `update` to change some of them.
 *
 * Each change starts from the last change asked for, not from the parameters of the last render: the
 * router re-renders a navigation in a transition, so a second change made before that render (clear the
 * filters, then pick a workflow) would otherwise be built on the old address and undo the first.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  // A render of a new address (ours, or back and forward) is the new starting point.
  useLayoutEffect(() => {
    latest.current = params;
  }, [params]);

  const update = (changes: ParamChanges, options?: NavigateOptions) => {
    const next = new URLSearchParams(latest.current);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    latest.current = next;
    setParams(next, options);
  };
  return [params, update] as const;
}
