import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import confGrammar from '../../grammar/textmate/ipsec-conf.tmLanguage.json';
import policyGrammar from '../../grammar/textmate/ipsec-policy.tmLanguage.json';
import secretsGrammar from '../../grammar/textmate/ipsec-secrets.tmLanguage.json';
import { TextMateTokenizer, toJavaScriptRegExpSource, type Grammar, type GrammarRule } from '../../playground/src/textmate-stream';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';
import { tokenize } from '../textmate/tokenize';

/*
 * The playground highlights with its own small TextMate interpreter (CodeMirror has no
 * Oniguruma). It must scope every character as vscode-textmate + vscode-oniguruma, the engine
 * VS Code uses, scopes it: checked here on the repository's fixtures and examples, a seeded
 * sample of the corpus (where present), and random lines.
 */

const grammars: Readonly<Record<string, Grammar>> = {
  'source.ipsec-conf': confGrammar as Grammar,
  'source.ipsec-secrets': secretsGrammar as Grammar,
  'source.ipsec-policy': policyGrammar as Grammar,
};

/** Scope stack per character, line by line, from the playground's interpreter. */
function playgroundScopes(scopeName: string, source: string): string[][] {
  const tokenizer = new TextMateTokenizer(grammars[scopeName]);
  let stack: readonly GrammarRule[] = tokenizer.initialStack();
  return source.split('\n').map((line) => {
    const result = tokenizer.tokenizeLine(line, stack);
    stack = result.stack;
    const perChar: string[] = [];
    let start = 0;
    for (const t of result.tokens) {
      for (let i = start; i < t.end; i++) perChar.push(t.scopes.join(' '));
      start = t.end;
    }
    return perChar;
  });
}

async function referenceScopes(scopeName: string, source: string): Promise<string[][]> {
  const lines = await tokenize(scopeName, source);
  return lines.map((tokens) => tokens.flatMap((t) => Array.from({ length: t.text.length }, () => t.scopes.join(' '))));
}

/** The first line and column where the two disagree, for a readable failure. */
async function firstDifference(scopeName: string, source: string): Promise<string | undefined> {
  const mine = playgroundScopes(scopeName, source);
  const theirs = await referenceScopes(scopeName, source);
  const lines = source.split('\n');
  for (let l = 0; l < lines.length; l++) {
    for (let c = 0; c < lines[l].length; c++) {
      if (mine[l]?.[c] !== theirs[l]?.[c]) return `line ${l + 1} col ${c + 1} of ${JSON.stringify(lines[l])}: playground '${mine[l]?.[c]}', vscode-textmate '${theirs[l]?.[c]}'`;
    }
  }
  return undefined;
}

function scopeOfFile(path: string): string {
  if (/\.secrets$|ipsec\.secrets/.test(path)) return 'source.ipsec-secrets';
  if (/\/policies\/[^/]+$/.test(path)) return 'source.ipsec-policy';
  return 'source.ipsec-conf';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const repo = resolve(__dirname, '../..');

describe('the playground highlighter scopes as vscode-textmate does', () => {
  it('rewrites (?i:…) groups for engines without inline flags', () => {
    const re = new RegExp(`^${toJavaScriptRegExpSource('((?i:psk|xauth))(?=[ \\t]|$)')}`);
    expect(re.test('PSK')).toBe(true);
    expect(re.test('XAuth ')).toBe(true);
    expect(re.test('rsa')).toBe(false);
  });

  it('on every fixture and example file', async () => {
    const files = [...filesUnder(join(repo, 'test', 'fixtures')), ...filesUnder(join(repo, 'examples'))].filter((p) => !/\.(json|md|ts)$/.test(p));
    expect(files.length).toBeGreaterThan(50);
    const differences: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\0')) continue;
      const difference = await firstDifference(scopeOfFile(file), text);
      if (difference) differences.push(`${file.slice(repo.length + 1)}: ${difference}`);
    }
    expect(differences).toEqual([]);
  });

  it.skipIf(!corpusPresent)('on a seeded sample of the corpus (skipped where ../shared/corpus is absent)', async () => {
    const entries = manifest().filter((e) => e.size < 20_000);
    // A fixed stride, not Math.random: the same sample on every run.
    const sample = entries.filter((_, i) => i % Math.max(1, Math.floor(entries.length / 200)) === 0);
    const differences: string[] = [];
    for (const entry of sample) {
      const text = readFileSync(join(corpusDir, entry.path), 'utf8');
      const scope = entry.kind.startsWith('secrets') ? 'source.ipsec-secrets' : 'source.ipsec-conf';
      const difference = await firstDifference(scope, text);
      if (difference) differences.push(`${entry.path}: ${difference}`);
    }
    expect(differences).toEqual([]);
  });

  it('on random lines', async () => {
    const pieces = ['conn', 'config', 'setup', 'include', ' ', '\t', '=', '#', '"', "'", '`', ':', '%any', 'left', 'right', 'subnet', 'PSK', 'psk', 'RSA', 'PPKS', '0s', '0x', '0t', '192.0.2.1', '::1', '/24', '@id', '{', '}', 'yes', '10s', 'a', '-', '\n', ','];
    const source = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
    for (const scope of Object.keys(grammars)) {
      const texts = fc.sample(source, { numRuns: 150, seed: 13 });
      for (const text of texts) expect(await firstDifference(scope, text), `${scope} ${JSON.stringify(text)}`).toBeUndefined();
    }
  });
});
