import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { type Issue, issueFromParam } from './issues.js';

/** Asks `POST /workflows/validate` about the definition a moment after each change. */
export function useValidation(body: Record<string, unknown>, serialized: string, delayMs = 600) {
  const [issues, setIssues] = useState<Issue[]>([]);
  const [checking, setChecking] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `serialized` stands for `body`
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const { data } = await api.POST('/workflows/validate', { body });
        if (cancelled || !data) return;
        // Each problem comes with the path of its field (`nodes[1].data.url`): that places it on the node.
        const nodeIds = Array.isArray(body.nodes)
          ? (body.nodes as { id?: unknown }[]).map((n) => String(n.id ?? ''))
          : [];
        setIssues(data.issues.map((issue) => issueFromParam(issue.message, issue.param, nodeIds)));
      } catch {
        // The save answers with the same problems; a failed check is not worth an alert.
      } finally {
        if (!cancelled) setChecking(false);
      }
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [serialized, delayMs]);
  return { issues, setIssues, checking };
}
