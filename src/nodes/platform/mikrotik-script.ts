import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { formatTimestamp } from '../../domain/time.js';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode, type NodeContext, type NodeOutcome } from '../contract.js';
import { callPlatform, pathSegment, segment } from './platform-client.js';

/**
 * Dispatches a RouterOS script to a site as an asynchronous device job (`POST /sites/{site_id}/scripts`,
 * answered with `{job_id}`), and, with `wait_for_result`, waits for the job durably: the run parks between
 * looks at `GET /jobs/{job_id}` (a restart resumes the wait, the script is not sent twice) until the job is
 * `completed` or `failed`, or `timeout_seconds` pass.
 */

const DONE = new Set(['completed', 'succeeded', 'success', 'done']);
const FAILED = new Set(['failed', 'error', 'cancelled', 'canceled']);

const seconds = (fallback: number, max: number) =>
  z.preprocess(
    (input) => (input === '' || input === null ? undefined : input),
    z.coerce.number().int().min(1).max(max).default(fallback),
  );

const config = z.object({
  site_id: pathSegment,
  script: z.string().min(1, 'Write the RouterOS script to run.').max(65_536),
  description: z.string().max(500).optional(),
  wait_for_result: booleanFlag.default(false),
  poll_interval_seconds: seconds(10, 3_600),
  timeout_seconds: seconds(600, 7 * 86_400),
});
type Config = z.output<typeof config>;

const output = z.object({
  job_id: z.string().describe('The device job the platform created'),
  status: z.string().describe('`dispatched` when not waiting; otherwise the final job status'),
  result: z.unknown().describe('The last job document the platform returned (null when not waiting)'),
});

interface Memo {
  job_id: string;
  deadline: number;
}

function jobIdOf(body: unknown): string {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const id = record.job_id ?? record.id ?? (record.data as Record<string, unknown> | undefined)?.job_id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  throw new StratoflowError(
    'platform_api_failed',
    'The platform accepted the script but returned no job_id.',
  );
}

function statusOf(body: unknown): string {
  const status =
    (body && typeof body === 'object' ? (body as Record<string, unknown>).status : undefined) ?? '';
  return String(status).toLowerCase();
}

function park(ctx: NodeContext, cfg: Config, memo: Memo): NodeOutcome {
  return { wait: { until: ctx.clock.now() + cfg.poll_interval_seconds * 1000, memo } };
}

async function look(ctx: NodeContext, cfg: Config, memo: Memo): Promise<NodeOutcome> {
  const job = await callPlatform(ctx, { method: 'GET', endpoint: `/jobs/${segment(memo.job_id)}` });
  const status = statusOf(job.body);
  if (DONE.has(status)) return { output: { job_id: memo.job_id, status, result: job.body } };
  if (FAILED.has(status)) {
    const error = (job.body as Record<string, unknown>).error;
    throw new StratoflowError(
      'node_failed',
      `MikroTik script job ${memo.job_id} ${status}${typeof error === 'string' ? `: ${error}` : '.'}`,
    );
  }
  if (ctx.clock.now() >= memo.deadline) {
    throw new StratoflowError(
      'node_timeout',
      `MikroTik script job ${memo.job_id} did not finish by ${formatTimestamp(memo.deadline)} (timeout_seconds ${cfg.timeout_seconds}); its last status was '${status || 'unknown'}'.`,
    );
  }
  return park(ctx, cfg, memo);
}

export const mikrotikScript = defineNode({
  componentId: 'mikrotik_script',
  kind: 'action',
  title: 'MikroTik script',
  description:
    "Dispatches a RouterOS script to a site as a device job (`POST /sites/{site_id}/scripts` with {script, description}, answered with {job_id}) as the workflow's authorized user. With wait_for_result, waits durably for the job (`GET /jobs/{job_id}` every poll_interval_seconds) and fails when it fails or takes longer than timeout_seconds.",
  config,
  output,
  outputExample: {
    job_id: 'job_01jdq8e5',
    status: 'completed',
    result: { id: 'job_01jdq8e5', status: 'completed', output: 'ok' },
  },
  handles: [],
  run: async (ctx, cfg) => {
    const memo = ctx.memo as Memo | null;
    if (memo) return look(ctx, cfg, memo);
    const dispatched = await callPlatform(ctx, {
      method: 'POST',
      endpoint: `/sites/${segment(cfg.site_id)}/scripts`,
      body: { script: cfg.script, ...(cfg.description ? { description: cfg.description } : {}) },
    });
    const jobId = jobIdOf(dispatched.body);
    if (!cfg.wait_for_result) return { output: { job_id: jobId, status: 'dispatched', result: null } };
    ctx.logger.info({ job_id: jobId }, 'mikrotik_script: waiting for the job');
    return park(ctx, cfg, { job_id: jobId, deadline: ctx.clock.now() + cfg.timeout_seconds * 1000 });
  },
});
