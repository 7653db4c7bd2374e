import { StratoflowError } from '../../domain/errors.js';

/**
 * A Liquid template could not be parsed or rendered (syntax error, unknown filter, a limit exceeded).
 * The message says what went wrong and where in the template; it never contains values from the scope.
 */
export class TemplateError extends StratoflowError {
  declare readonly code: 'template_error';

  constructor(message: string) {
    super('template_error', message);
  }
}
