/**
 * The Chevrotain-backed readers, as the rest of the code imports them. From the sources
 * (vitest, tsx, the language server and playground bundles) this is a plain re-export. The CLI
 * bundle swaps this module for a loader that requires dist/chevrotain-grammar.cjs on the first
 * call (build.mjs): compiling and evaluating Chevrotain and lodash-es is about a tenth of a
 * small file's run, and the fast scanner reads nearly every line of a normal ipsec.conf.
 * Nothing may call these at module top level, or the CLI would load the grammar at start.
 */
export * from './chevrotain-grammar';
