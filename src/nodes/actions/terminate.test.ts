import { describe, expect, it } from 'vitest';
import { runNode } from '../test-context.js';
import { terminate } from './terminate.js';

describe('terminate', () => {
  it.each(['completed', 'failed'] as const)('ends the run as %s with its message', async (status) => {
    expect(await runNode(terminate, { status, message: 'Done here' })).toEqual({
      output: { status, message: 'Done here' },
      terminate: { status, message: 'Done here' },
    });
  });

  it('treats a missing, null or blank message as none and accepts any case of status', async () => {
    for (const message of [undefined, null, '', '  ']) {
      expect(await runNode(terminate, { status: ' Failed ', message })).toEqual({
        output: { status: 'failed', message: null },
        terminate: { status: 'failed', message: null },
      });
    }
  });

  it('rejects other statuses', () => {
    expect(terminate.config.safeParse({ status: 'cancelled' }).success).toBe(false);
    expect(terminate.config.safeParse({}).success).toBe(false);
  });
});
