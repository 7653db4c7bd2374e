import type { Context, Liquid } from 'liquidjs';
import { formatCarbon } from '../../domain/carbon-format.js';
import { parseDate } from '../../domain/dates.js';
import { luxon } from '../../domain/luxon.js';
import { CARBON_CONDITIONS, checkCarbonCondition } from './carbon-condition.js';
import { liquidjs } from './liquidjs.js';

/** What liquidjs binds `this` to when it calls a filter. */
interface FilterThis {
  context: Context;
}

const DEFAULT_CARBON_FORMAT = 'Y-m-d H:i:s';

/**
 * Registers Stratoflow's filters on top of the standard liquidjs set:
 * - `json`: JSON text of the value (`null` for undefined), safe to embed in a JSON body;
 * - `carbon_date: "Y-m-d H:i", "Europe/Paris"`: parses loosely (see domain/dates.ts, offset-less input is
 *   UTC) and formats with PHP/Carbon characters in the given zone (default UTC); empty when unparseable;
 * - `carbon_condition: "is_today", "Europe/Paris"`: true or false (see checkCarbonCondition); false when
 *   the value is not a date.
 */
export function registerFilters(liquid: Liquid, now: () => number): void {
  const builtinJson = liquidjs().filters.json as (this: FilterThis, value: unknown, space?: number) => string;

  liquid.registerFilter('json', function (this: FilterThis, value: unknown, space?: number) {
    return builtinJson.call(this, value, space) ?? 'null';
  });

  liquid.registerFilter(
    'carbon_date',
    function (this: FilterThis, value: unknown, format?: unknown, zone?: unknown) {
      const tz = zoneArgument('carbon_date', zone);
      const date = parseDate(value, { now: now() });
      if (!date) return '';
      const out = formatCarbon(date.setZone(tz), typeof format === 'string' ? format : DEFAULT_CARBON_FORMAT);
      this.context.memoryLimit.use(out.length);
      return out;
    },
  );

  liquid.registerFilter('carbon_condition', (value: unknown, condition?: unknown, zone?: unknown) => {
    const tz = zoneArgument('carbon_condition', zone);
    const current = luxon().DateTime.fromMillis(now(), { zone: tz });
    const date = parseDate(value, { now: now() });
    // Check the condition's name even when the value is not a date, so a typo never goes unnoticed.
    const result = checkCarbonCondition(date ?? current, String(condition ?? ''), current);
    if (result === null) {
      throw new Error(`carbon_condition: unknown condition; use one of ${CARBON_CONDITIONS.join(', ')}`);
    }
    return date ? result : false;
  });
}

/** The optional time zone argument; an invalid one is a mistake in the template, so it fails loudly. */
function zoneArgument(filter: string, zone: unknown): string {
  if (zone === undefined || zone === null || zone === '') return 'UTC';
  if (typeof zone === 'string' && luxon().DateTime.fromMillis(0, { zone }).isValid) return zone;
  throw new Error(
    `${filter}: the time zone argument is not a valid IANA time zone name (e.g. "Europe/Paris")`,
  );
}
