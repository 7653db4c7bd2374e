/**
 * What runs leave behind besides their logs.
 *
 * Glossary
 * - run file:   bytes a node produced (a rendered PDF), kept with the run that made it and downloadable by
 *               the run's organization; deleted with the workflow's runs.
 * - short link: a code Stratoflow answers at `/l/{code}` with a redirect to a long URL; owned by an
 *               organization, optionally expiring, counting its clicks.
 */

export interface RunFileRecord {
  id: string;
  orgId: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  name: string;
  contentType: string;
  /** Bytes. */
  size: number;
  createdAt: number;
}

export interface ShortLinkRecord {
  id: string;
  orgId: string;
  code: string;
  url: string;
  /** The run and workflow whose node created it (null for links created otherwise). */
  workflowId: string | null;
  runId: string | null;
  clicks: number;
  expiresAt: number | null;
  createdAt: number;
}
