/**
 * Why a text is not JSON, without quoting it: V8's messages embed the start of the input
 * (`Unexpected token 'h', "hunter2 ..." is not valid JSON`), and that input may be a secret.
 */
export function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const length = `${text.length} characters`;
  if (/Unexpected end of JSON input/.test(message)) return `Unexpected end of JSON input (${length})`;
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `Syntax error at position ${position} (of ${length})`;
  return `Syntax error: the text is not a JSON document (${length})`;
}
