import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Oniguruma from 'vscode-oniguruma';
import type * as Textmate from 'vscode-textmate';

/*
 * Tokenizes with vscode-textmate + vscode-oniguruma, the engine VS Code itself uses, so a
 * passing test means the grammar behaves the same in the editor.
 */

// Both packages are CommonJS; require() sidesteps the ESM interop differences between
// tsx and vitest, and the type-only imports keep full typing.
const require = createRequire(import.meta.url);
const oniguruma = require('vscode-oniguruma') as typeof Oniguruma;
const vsctm = require('vscode-textmate') as typeof Textmate;

const grammarDir = fileURLToPath(new URL('../../grammar/textmate/', import.meta.url));
const grammarFiles: Readonly<Record<string, string>> = {
  'source.ipsec-conf': 'ipsec-conf.tmLanguage.json',
  'source.ipsec-secrets': 'ipsec-secrets.tmLanguage.json',
  'source.ipsec-policy': 'ipsec-policy.tmLanguage.json',
};

let registry: Textmate.Registry | undefined;

async function getRegistry(): Promise<Textmate.Registry> {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = grammarFiles[scopeName];
      if (file === undefined) return null;
      const path = grammarDir + file;
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  return registry;
}

export interface ScopedToken {
  readonly text: string;
  /** UTF-16 column of the token's first character. */
  readonly start: number;
  readonly scopes: readonly string[];
}

/** Tokenizes `source` line by line, carrying the rule stack across lines like the editor. */
export async function tokenize(scopeName: string, source: string): Promise<ScopedToken[][]> {
  const grammar = await (await getRegistry()).loadGrammar(scopeName);
  if (grammar === null) throw new Error(`no grammar for ${scopeName}`);
  let stack = vsctm.INITIAL;
  return source.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is exactly `text`. */
export function scopesOf(lines: readonly ScopedToken[][], line: number, text: string): readonly string[] {
  const token = lines[line]?.find((t) => t.text === text);
  if (token === undefined) {
    const seen = (lines[line] ?? []).map((t) => JSON.stringify(t.text)).join(' ');
    throw new Error(`no token ${JSON.stringify(text)} on line ${line}; tokens: ${seen}`);
  }
  return token.scopes;
}

/** The scopes at one character position. */
export function scopesAt(lines: readonly ScopedToken[][], line: number, character: number): readonly string[] {
  const token = lines[line]?.find((t) => t.start <= character && character < t.start + t.text.length);
  return token?.scopes ?? [];
}
