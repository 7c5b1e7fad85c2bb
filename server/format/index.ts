/**
 * Pure formatting over the lossless trees: text in, text out, no I/O. The LSP and the CLI
 * reach it through server/service/format.ts.
 */
export { formatConf } from './format-conf';
export { formatSecrets, maskSecrets } from './format-secrets';
export { formatPolicy } from './format-policy';
export { joinLines, type FormatError, type FormatOutcome, type FormattedLines } from './formatted-lines';
export * from './format-options';
