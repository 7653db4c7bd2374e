import type { AnyNodeDefinition } from '../contract.js';
import { arrayCondition } from './array-condition.js';
import { booleanCondition } from './boolean-condition.js';
import { dateCondition } from './date-condition.js';
import { logicalGroup } from './logical-group.js';
import { numberCondition } from './number-condition.js';
import { stringCondition } from './string-condition.js';
import { switchNode } from './switch.js';

/** Every condition component: nodes that pick the outgoing handle. */
export const conditionNodes: AnyNodeDefinition[] = [
  stringCondition,
  numberCondition,
  dateCondition,
  booleanCondition,
  arrayCondition,
  logicalGroup,
  switchNode,
];
