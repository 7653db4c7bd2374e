import type { AnyNodeDefinition } from '../contract.js';
import { arrayFilter } from './array-filter.js';
import { dataMapper } from './data-mapper.js';
import { dateTransform } from './date-transform.js';
import { setVariables } from './set-variables.js';
import { stringUtils } from './string-utils.js';
import { validate } from './validate.js';

/** Every data-processing component: nodes that reshape, check or generate values. */
export const dataNodes: AnyNodeDefinition[] = [
  dataMapper,
  dateTransform,
  arrayFilter,
  validate,
  stringUtils,
  setVariables,
];
