/**
 * Interactions: a node (the `form` component) asks a person something and its run waits, parked and
 * holding no worker, until the answer arrives through the API or a one-time link, or the wait times out.
 */
export type InteractionStatus = 'pending' | 'answered' | 'expired' | 'cancelled';

/** What the person sent: the button they chose and the field values (validated, hidden fields dropped). */
export interface InteractionAnswer {
  button: string;
  values: Record<string, unknown>;
}

export interface InteractionRecord {
  id: string;
  orgId: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  status: InteractionStatus;
  /** The form as shown: the node's config with its templates rendered. */
  form: Record<string, unknown>;
  /** A `usr_` id or an email the question is meant for (shown, not enforced). */
  assignee: string | null;
  /** sha256 (hex) of the one-time link token; null when the form has no link. */
  linkHash: string | null;
  /** The one-time link itself, for the organization's API readers; null without one. */
  url: string | null;
  createdAt: number;
  /** Null: waits until answered (or the run ends). */
  expiresAt: number | null;
  answer: InteractionAnswer | null;
  /** The token's `sub` of whoever answered; null when answered through the one-time link. */
  answeredBy: string | null;
  answeredAt: number | null;
}

/** What a node waiting for an interaction asks the engine to record. */
export interface InteractionRequest {
  form: Record<string, unknown>;
  assignee: string | null;
  expiresAt: number | null;
}

/** A `ready_at` for a wait with no timeout: later than any real time (year 275760, JS's largest date). */
export const NEVER = 8_640_000_000_000_000;
