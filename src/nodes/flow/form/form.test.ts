import { describe, expect, it } from 'vitest';
import { NEVER } from '../../../domain/interactions.js';
import { createTestContext, runNode, TEST_NOW } from '../../test-context.js';
import { form } from './form.js';

const config = {
  title: 'Deploy?',
  fields: [{ name: 'reason', type: 'text' }],
  buttons: [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ],
};

describe('form', () => {
  it('first asks a person: waits with the form until its timeout, or forever', async () => {
    const outcome = await runNode(form, {
      ...config,
      timeout: { duration: '2', unit: 'Hours' },
      assignee: 'ops@example.com',
    });
    expect(outcome).toEqual({
      wait: {
        until: TEST_NOW + 7_200_000,
        interaction: {
          form: expect.objectContaining({ title: 'Deploy?', description: '', assignee: 'ops@example.com' }),
          assignee: 'ops@example.com',
          expiresAt: TEST_NOW + 7_200_000,
        },
      },
    });
    expect(await runNode(form, config)).toMatchObject({
      wait: { until: NEVER, interaction: { expiresAt: null } },
    });
  });

  it('continues down the chosen button once answered, with its output schema', async () => {
    const ctx = createTestContext({
      interaction: {
        status: 'answered',
        answer: { button: 'no', values: { reason: 'Friday' } },
        answeredBy: 'usr_ada',
        answeredAt: TEST_NOW + 1500,
      },
      linkUrl: 'https://flows.test/forms/frm_x',
    });
    const outcome = await runNode(form, { ...config, access: 'link' }, ctx);
    expect(outcome).toEqual({
      handle: 'no',
      output: {
        button: 'no',
        values: { reason: 'Friday' },
        answered_by: 'usr_ada',
        answered_at: '2024-06-15T12:00:01.500000Z',
        url: 'https://flows.test/forms/frm_x',
      },
    });
    expect(form.output?.safeParse((outcome as { output: unknown }).output).success).toBe(true);
  });

  it('takes the timeout handle when it expired', async () => {
    const ctx = createTestContext({ interaction: { status: 'expired' } });
    const outcome = await runNode(form, { ...config, timeout: { duration: 1, unit: 'days' } }, ctx);
    expect(outcome).toEqual({
      handle: 'timeout',
      output: { button: null, values: {}, answered_by: null, answered_at: null, url: null },
    });
    expect(form.output?.safeParse((outcome as { output: unknown }).output).success).toBe(true);
  });

  it('has one handle per button, plus timeout when it can time out', () => {
    expect(form.dynamicHandles?.(form.config.parse(config))).toEqual(['yes', 'no']);
    const timed = form.config.parse({ ...config, timeout: { duration: 30, unit: 'days' } });
    expect(form.dynamicHandles?.(timed)).toEqual(['yes', 'no', 'timeout']);
    expect(form.interactive?.link({ access: 'link' })).toBe(true);
    expect(form.interactive?.link({})).toBe(false);
  });

  it.each([
    [{ ...config, buttons: [] }, 'buttons: A form needs at least one button.'],
    [
      { ...config, buttons: [{ id: 'timeout', label: 'T' }] },
      'buttons.0.id: The button id "timeout" is reserved',
    ],
    [
      {
        ...config,
        buttons: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'B' },
        ],
      },
      'buttons.1.id: The button id "a" is used by an earlier button.',
    ],
    [{ ...config, timeout: { duration: 721, unit: 'hours' } }, 'timeout: A form may wait at most 30 days.'],
    [
      { ...config, fields: [{ name: 'x', type: 'select' }] },
      'fields.0.options: A select field needs options.',
    ],
    [{ ...config, fields: [{ name: 'x' }, { name: 'x' }] }, 'fields.1.name: Field "x" is defined twice.'],
    [
      { ...config, fields: [{ name: 'a', visible_when: { field: 'b' } }, { name: 'b' }] },
      'fields.0.visible_when.field: visible_when must refer to a field defined before "a"; "b" is not.',
    ],
    [{ ...config, fields: [{ name: '1st' }] }, 'fields.0.name: Expected a name of letters'],
    [{ ...config, assignee: 'bob' }, 'assignee: Expected a user id (usr_...) or an email address.'],
    [{ ...config, access: 'public' }, 'access:'],
  ])('refuses a bad config: %j', (raw, message) => {
    const result = form.config.safeParse(raw);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues.some((issue) => issue.startsWith(message))).toBe(true);
  });
});
