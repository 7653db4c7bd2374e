export { formatCarbon } from '../../domain/carbon-format.js';
export { CARBON_CONDITIONS, checkCarbonCondition } from './carbon-condition.js';
export { registerCounterTags } from './counter-tags.js';
export {
  createTemplateEngine,
  DEFAULT_TEMPLATE_LIMITS,
  MAX_UNDEFINED_REPORTED,
  type RenderBudget,
  type TemplateCheck,
  type TemplateEngine,
  type TemplateEngineOptions,
  type TemplateLimits,
  type UndefinedWatch,
} from './engine.js';
export { registerFilters } from './filters.js';
export { TemplateError } from './template-error.js';
