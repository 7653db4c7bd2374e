import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { formatNullableTimestamp, parseTimestamp } from '../../domain/time.js';
import { defineNode } from '../contract.js';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

const config = z.object({
  url: z
    .string()
    .trim()
    .max(8_000)
    .refine(
      (text) => /^https?:$/.test(URL.parse(text)?.protocol ?? ''),
      'Expected an absolute http:// or https:// URL.',
    ),
  expires_at: z.preprocess(
    blank,
    z
      .string()
      .refine((text) => parseTimestamp(text.trim()) !== null, 'Expected an ISO-8601 date-time.')
      .optional(),
  ),
  expires_in_seconds: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});

const output = z.object({
  id: z.string().describe('The link id (DELETE /workflows/links/{linkId})'),
  code: z.string(),
  short_url: z.string().describe('{STRATOFLOW_PUBLIC_URL}/l/{code}: redirects (302) to url'),
  url: z.string(),
  expires_at: z.string().nullable(),
});

export const shortenLink = defineNode({
  componentId: 'shorten_link',
  kind: 'action',
  title: 'Shorten link',
  description:
    'Makes a short URL that Stratoflow itself serves at /l/{code} with a 302 to the long URL, owned by the organization and counting clicks. Optional expiry (expires_at, or expires_in_seconds); afterwards the short URL answers 410. Links are listed at GET /workflows/links.',
  config,
  output,
  outputExample: {
    id: 'lnk_01jdq8a2b4c6d8e0f2g4h6j8k0',
    code: 'x7Kp2Qa9',
    short_url: 'https://flows.example.org/l/x7Kp2Qa9',
    url: 'https://portal.example.org/sites/st_7f3a',
    expires_at: null,
  },
  handles: [],
  run: async (ctx, c) => {
    const now = ctx.clock.now();
    const at = c.expires_at !== undefined ? (parseTimestamp(c.expires_at.trim()) as number) : null;
    const expiresAt = at ?? (c.expires_in_seconds !== undefined ? now + c.expires_in_seconds * 1000 : null);
    if (expiresAt !== null && expiresAt <= now)
      throw new StratoflowError(
        'node_config_invalid',
        'The link would expire in the past: expires_at must be in the future.',
      );
    const link = await ctx.links.create({ url: c.url, expiresAt });
    return {
      output: {
        id: link.id,
        code: link.code,
        short_url: link.shortUrl,
        url: link.url,
        expires_at: formatNullableTimestamp(link.expiresAt),
      },
    };
  },
});
