import { z } from 'zod';

/** Field readers shared by the action configs (what a template or an editor's blank input turns into). */

/** A blank field ('' or null) counts as not given, so its default applies. */
export const emptyToUndefined = (input: unknown) => (input === '' || input === null ? undefined : input);

/** A boolean, also from template text `"true"` / `"false"`; blank counts as not given. */
export const booleanish = (input: unknown) =>
  input === 'true' ? true : input === 'false' ? false : emptyToUndefined(input);

/** Optional text; blank counts as not given. */
export const optionalText = z.preprocess(emptyToUndefined, z.string().optional());

/** An absolute http:// or https:// URL. */
export const httpUrl = z
  .string()
  .trim()
  .refine((text) => /^https?:$/.test(URL.parse(text)?.protocol ?? ''), {
    error: 'Expected an absolute http:// or https:// URL.',
  });
