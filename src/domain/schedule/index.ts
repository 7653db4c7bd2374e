export { describeSchedule } from './describe.js';
export { nextFireAfter } from './next-fire.js';
export { parseSchedule } from './parse.js';
export {
  DEFAULT_TIMEZONE,
  type IsoWeekday,
  type ParseScheduleResult,
  SCHEDULE_TYPES,
  type Schedule,
  type ScheduleTypeName,
  type TimeOfDay,
} from './types.js';
