/**
 * ipsec.secrets grammar: a lossless token list, typed records and syntax errors.
 * `parseSecrets` never throws on input; `printSecrets(parseSecrets(x)) === x` always.
 */
export { parseSecrets, printSecrets, readSecretPayload } from '../lazy-grammar';
export { classifyIndex } from './classify';
export { includePattern } from './include-path';
export type * from './syntax-tree';
