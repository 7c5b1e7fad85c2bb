// Bundles the CLI, the language server and the VS Code extension into CommonJS files that run
// on Node 20 with no runtime dependencies (chevrotain is ESM-only; the bundle hides that).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

// Some ESM dependencies read import.meta.url, which CommonJS lacks: give them the bundle's own URL.
const importMetaShim = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
// JSON tables enter the bundle as JSON.parse of a string: V8 parses JSON several times faster
// than the same data written as an object literal, and keywords.json alone is over half a megabyte.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};
// The CLI reads a normal ipsec.conf with the hand-written scanner alone, so it loads Chevrotain
// (with lodash-es, the secrets and policy-group parsers) on first use: grammar/chevrotain-grammar.ts
// becomes a second bundle, and in the CLI bundle grammar/lazy-grammar.ts (in the sources a plain
// re-export of it) becomes a CommonJS module whose exports are getters that require that bundle.
// The names come from the built bundle, so the two cannot drift apart.
const lazyGrammarOut = 'dist/chevrotain-grammar.cjs';
const lazyGrammar = (names) => ({
  name: 'lazy-grammar',
  setup(b) {
    b.onResolve({ filter: /[/\\]lazy-grammar$/ }, (args) => ({ path: args.path, namespace: 'lazy-grammar' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-grammar' }, () => ({
      loader: 'js',
      contents: [
        'let grammar;',
        `const load = () => (grammar ??= require(require('node:path').join(__dirname, ${JSON.stringify(lazyGrammarOut.slice('dist/'.length))})));`,
        `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
      ].join('\n'),
    }));
  },
});
// node:crypto costs the CLI a few milliseconds to load, and only SARIF output, --fix and pair
// use it: in the CLI bundle its import becomes getters that require it on first use.
const lazyBuiltins = (modules) => ({
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(${modules.join('|')})$`);
    // The loader's own require is of the real module.
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        `for (const name of ${JSON.stringify(Object.keys(await import(args.path)).filter((n) => n !== 'default'))}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
      ].join('\n'),
    }));
  },
});
const common = {
  plugins: [jsonAsString],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'import.meta.url': '__importMetaUrl' },
};
const entries = [
  { entryPoints: ['server/cli/bin.ts'], outfile: 'dist/ipsec-lint.cjs', banner: { js: `#!/usr/bin/env node\n${importMetaShim}` } },
  { entryPoints: ['server/lsp/bin.ts'], outfile: 'dist/ipsec-language-server.cjs', banner: { js: `#!/usr/bin/env node\n${importMetaShim}` } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.cjs', external: ['vscode'], banner: { js: importMetaShim } },
  { entryPoints: ['server/lsp/bin.ts'], outfile: 'client/dist/server.cjs', banner: { js: importMetaShim } },
];
const started = Date.now();
await build({ ...common, entryPoints: ['grammar/chevrotain-grammar.ts'], outfile: lazyGrammarOut, banner: { js: importMetaShim } });
const lazyNames = Object.keys(createRequire(import.meta.url)(`./${lazyGrammarOut}`));
entries.find((e) => e.outfile === 'dist/ipsec-lint.cjs').plugins = [jsonAsString, lazyGrammar(lazyNames), lazyBuiltins(['node:crypto'])];
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
for (const out of ['dist/ipsec-lint.cjs', 'dist/ipsec-language-server.cjs']) if (existsSync(out)) chmodSync(out, 0o755);
// The VS Code extension packages only what is under client/: give it the grammars, the licence
// and the rule pages (its diagnostics link to that copy, which works offline).
if (existsSync('client/package.json')) {
  mkdirSync('client/syntaxes', { recursive: true });
  for (const name of ['ipsec-conf', 'ipsec-secrets', 'ipsec-policy']) {
    copyFileSync(`grammar/textmate/${name}.tmLanguage.json`, `client/syntaxes/${name}.tmLanguage.json`);
  }
  copyFileSync('LICENSE', 'client/LICENSE');
  // The JSON Schema of .ipsec-lint.json, contributed through jsonValidation.
  mkdirSync('client/schemas', { recursive: true });
  copyFileSync('schemas/ipsec-lint.schema.json', 'client/schemas/ipsec-lint.schema.json');
  // Emptied first, so a page of a removed rule does not linger in the .vsix.
  rmSync('client/docs/rules', { recursive: true, force: true });
  mkdirSync('client/docs/rules', { recursive: true });
  for (const name of readdirSync('docs/rules').filter((n) => n.endsWith('.md'))) copyFileSync(`docs/rules/${name}`, `client/docs/rules/${name}`);
}
if (process.env.IPSEC_LINT_BUILD_VERBOSE) console.log(`built in ${Date.now() - started} ms`);
