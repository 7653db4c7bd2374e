import { z } from 'zod';
import { booleanish, emptyToUndefined } from '../config-fields.js';

/** The ssh node's config and output. */

/** `SHA256:` + unpadded base64 of the key's SHA-256, as `ssh-keygen -l` prints it. */
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;
const fingerprint = z
  .string()
  .trim()
  .refine((text) => FINGERPRINT.test(text), {
    error:
      'Expected a host key fingerprint as `ssh-keygen -l -f <host key>.pub` prints it: SHA256:<43 characters>.',
  });

/** A list of commands, or one text with one command per line (blank lines skipped). */
const commands = z.preprocess(
  (input) => (typeof input === 'string' ? input.split(/\r?\n/) : input),
  z
    .array(z.string())
    .transform((list) => list.map((command) => command.trim()).filter((command) => command !== ''))
    .pipe(z.array(z.string()).min(1, { error: 'Give at least one command.' }).max(100)),
);

export const SSH_CREDENTIAL_FIELDS = ['password', 'private_key', 'passphrase'] as const;
export const MAX_OUTPUT_BYTES = 1024 * 1024;

export const sshConfig = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(22)),
    username: z.string().trim().min(1).max(128),
    /** From the vault; one of password / private_key is needed. */
    password: z.string().optional(),
    /** OpenSSH or PEM private key, from the vault. */
    private_key: z.string().optional(),
    passphrase: z.string().optional(),
    /** One pinned fingerprint, or several (any of the server's host keys). */
    host_key_fingerprint: z.union([fingerprint, z.array(fingerprint).min(1)]),
    commands,
    command_timeout_seconds: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(60)),
    connect_timeout_seconds: z.preprocess(
      emptyToUndefined,
      z.coerce.number().positive().max(120).default(10),
    ),
    stop_on_error: z.preprocess(booleanish, z.boolean().default(true)),
    /** Per stream (stdout, stderr) of each command; what is beyond is cut off and `truncated` set. */
    max_output_bytes: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_OUTPUT_BYTES)
        .default(64 * 1024),
    ),
  })
  .refine((config) => Boolean(config.password) || Boolean(config.private_key), {
    error: 'Give a password or a private_key (from the vault).',
    path: ['password'],
  });
export type SshConfig = z.output<typeof sshConfig>;

export const commandResult = z.object({
  command: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  /** null when the command was killed by a signal or timed out. */
  exit_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  timed_out: z.boolean(),
  truncated: z.boolean(),
});
export type CommandResult = z.output<typeof commandResult>;

export const sshOutput = z.object({
  host: z.string(),
  results: z.array(commandResult),
  /** Every command ran and exited 0. */
  success: z.boolean(),
});
