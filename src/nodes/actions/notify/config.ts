import { z } from 'zod';
import { emptyToUndefined, httpUrl, optionalText } from '../config-fields.js';
import { addressList } from '../mail/config.js';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
/** Incoming-webhook dialects: Slack (`text` + attachment colour), Teams (Adaptive Card), plain JSON. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;

export const sendNotificationConfig = z
  .object({
    channel: z.enum(['email', 'webhook']),
    title: z.string().trim().min(1).max(300),
    text: z.string().max(20_000).default(''),
    severity: z.preprocess(emptyToUndefined, z.enum(SEVERITIES).default('info')),
    /** A link to act on (a dashboard, the site); shown as a button or line. */
    link: z.preprocess(emptyToUndefined, httpUrl.optional()),
    /** email: recipients; sent through STRATOFLOW_SMTP_URL from STRATOFLOW_SMTP_FROM (or `from`). */
    to: addressList.default([]),
    from: optionalText,
    /** webhook: the incoming-webhook URL (it usually holds a token: keep it in the vault). */
    webhook_url: optionalText,
    format: z.preprocess(emptyToUndefined, z.enum(WEBHOOK_FORMATS).default('json')),
  })
  .refine((config) => config.channel !== 'email' || config.to.length > 0, {
    error: 'The email channel needs at least one address in to.',
    path: ['to'],
  })
  .refine((config) => config.channel !== 'webhook' || config.webhook_url !== undefined, {
    error: 'The webhook channel needs webhook_url.',
    path: ['webhook_url'],
  });
export type SendNotificationConfig = z.output<typeof sendNotificationConfig>;

export const sendNotificationOutput = z.object({
  channel: z.enum(['email', 'webhook']),
  /** email: as the smtp node's output. */
  message_id: z.string().optional(),
  accepted: z.array(z.string()).optional(),
  rejected: z.array(z.string()).optional(),
  /** email: the server's last answer. */
  response: z.string().optional(),
  /** webhook: the HTTP status the receiver answered. */
  status: z.number().int().optional(),
});
