/** Whether Node loads `specifier`, imported by an ES module of this repository, as CommonJS. */
export function isCommonJs(specifier: string): boolean;
