import { z } from 'zod';
import { StratoflowError } from '../../domain/errors.js';
import { booleanFlag } from '../conditions/coercions.js';
import { defineNode } from '../contract.js';
import { type ParsedRule, parseRules } from './validation/rule-parser.js';
import { RULES } from './validation/rules.js';
import { type ValidationErrors, validateData } from './validation/validator.js';
import { fromJsonText, readArray } from './values.js';

export const MAX_VALIDATED_ITEMS = 10_000;

/** Save-time problems of one attribute's rules. */
function ruleProblems(rules: ParsedRule[]): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    const definition = RULES[rule.name];
    if (!definition) {
      problems.push(`unknown rule "${rule.name}"`);
      continue;
    }
    const [least, most] = definition.params ?? [0, 0];
    const count = rule.params.length;
    if (count < least || count > most) {
      const wanted = least === most ? `${least}` : most >= 100 ? `at least ${least}` : `${least} to ${most}`;
      problems.push(`"${rule.name}" takes ${wanted} parameter${most === 1 && least === 1 ? '' : 's'}`);
      continue;
    }
    const problem = definition.checkParams?.(rule.params);
    if (problem) problems.push(`"${rule.name}" ${problem}`);
  }
  return problems;
}

const rulesSchema = z
  .record(z.string().min(1), z.union([z.string(), z.array(z.string())]), {
    error: 'Expected rules by field, e.g. {"email": "required|email|max:255"}.',
  })
  .refine((rules) => Object.keys(rules).length > 0, { error: 'Give rules for at least one field.' })
  .transform((rules, ctx) => {
    const parsed: Record<string, ParsedRule[]> = {};
    for (const [field, spec] of Object.entries(rules)) {
      parsed[field] = parseRules(spec);
      for (const problem of ruleProblems(parsed[field])) {
        ctx.addIssue({ code: 'custom', path: [field], message: problem });
      }
    }
    return parsed;
  });

function toData(value: unknown): unknown {
  const data = fromJsonText(value ?? {});
  if (typeof data === 'string') {
    throw new StratoflowError(
      'node_failed',
      'Validate: `data` is text that is not JSON; pass an object or an array.',
    );
  }
  return data;
}

/** Prefixes every attribute of an item's errors with its index, as Laravel's `*.field` rules do. */
function prefixed(errors: ValidationErrors, index: number): ValidationErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [`${index}.${field}`, messages]),
  );
}

export const validate = defineNode({
  componentId: 'validate',
  kind: 'action',
  network: false,
  pure: true,
  title: 'Validate',
  description:
    "Checks an object, or each item of an array, against Laravel-style rule strings (`required|email|max:255`) and continues down `valid` or `invalid`; errors are keyed by field with Laravel's messages.",
  config: z.object({
    /** The object or array to check: `{{ n1.body }}` (its raw value) or JSON text. */
    data: z.unknown(),
    /** Rules by field (dot paths, `*` for every item), as a `|`-separated string or a list. Not templated. */
    rules: rulesSchema,
    /** Validate each item of an array `data` (the default for arrays); errors are keyed `0.email`. */
    each_item: booleanFlag.optional(),
  }),
  output: z.object({
    valid: z.boolean(),
    errors: z.record(z.string(), z.array(z.string())),
    error_count: z.number().int(),
    data: z.unknown(),
    valid_items: z.array(z.unknown()).optional(),
    invalid_items: z.array(z.unknown()).optional(),
  }),
  outputExample: {
    valid: false,
    errors: { email: ['email must be a valid email address.'] },
    error_count: 1,
    data: { name: 'Ada', email: 'not-an-address' },
  },
  handles: ['valid', 'invalid'],
  rawFields: ['rules'],
  valueFields: ['data'],
  run: (ctx, config) => {
    const data = toData(config.data);
    const now = ctx.clock.now();
    const eachItem = config.each_item ?? Array.isArray(data);
    let errors: ValidationErrors;
    let items: { valid_items: unknown[]; invalid_items: unknown[] } | null = null;
    if (eachItem) {
      const list = readArray(data, 'Validate: with each_item, `data`', MAX_VALIDATED_ITEMS);
      errors = {};
      items = { valid_items: [], invalid_items: [] };
      for (const [index, item] of list.entries()) {
        const itemErrors = validateData(item, config.rules, now);
        const bad = Object.keys(itemErrors).length > 0;
        (bad ? items.invalid_items : items.valid_items).push(item);
        Object.assign(errors, prefixed(itemErrors, index));
      }
    } else {
      errors = validateData(data, config.rules, now);
    }
    const errorCount = Object.values(errors).reduce((sum, messages) => sum + messages.length, 0);
    const valid = errorCount === 0;
    return {
      output: { valid, errors, error_count: errorCount, data, ...(items ?? {}) },
      handle: valid ? 'valid' : 'invalid',
    };
  },
});
