import { z } from 'zod';
import { booleanish, emptyToUndefined, httpUrl } from '../config-fields.js';

export const AI_CREDENTIAL_FIELDS = ['api_key'] as const;

export const aiTextTransformConfig = z.object({
  /** OpenAI-compatible API base (…/v1); default STRATOFLOW_AI_BASE_URL. */
  base_url: z.preprocess(emptyToUndefined, httpUrl.optional()),
  /** From the vault; sent as `Authorization: Bearer`. Local servers may need none. */
  api_key: z.preprocess(emptyToUndefined, z.string().optional()),
  model: z.string().trim().min(1).max(200),
  system_prompt: z.preprocess(emptyToUndefined, z.string().max(100_000).optional()),
  /** The text to transform (a template: `Summarise {{ n2.body }}`). */
  input: z.string().min(1).max(200_000),
  temperature: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(2).optional()),
  max_tokens: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).optional()),
  /** Ask for a JSON object (`response_format: json_object`) and output it parsed as `json`. */
  json_mode: z.preprocess(booleanish, z.boolean().default(false)),
  timeout_seconds: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(60)),
});
export type AiTextTransformConfig = z.output<typeof aiTextTransformConfig>;

export const aiTextTransformOutput = z.object({
  text: z.string(),
  /** The parsed answer in json_mode. */
  json: z.unknown().optional(),
  model: z.string(),
  finish_reason: z.string().nullable(),
  usage: z.object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  }),
});
