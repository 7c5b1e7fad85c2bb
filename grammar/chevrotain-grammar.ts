/**
 * Everything that needs Chevrotain: the conf lexer and line parser (for the lines the
 * hand-written scanner leaves), and the secrets and policy-group parsers. Imported only
 * through lazy-grammar.ts; the CLI build makes this a second bundle (dist/chevrotain-grammar.cjs).
 */
export { readLineWithChevrotain } from './conf/chevrotain-line';
export { parseSecrets, printSecrets, readSecretPayload } from './secrets/parse-secrets';
export { parsePolicyGroup, printPolicyGroup } from './policy/parse-policy-group';
