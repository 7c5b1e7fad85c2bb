import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFmt } from '../../server/cli/fmt-command';
import { runCli } from '../../server/cli/main';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { LanguageService } from '../../server/service/language-service';
import { pathToUri } from '../../server/service/uris';
import { defaultSettings } from '../../server/settings/lint-settings';
import { CANARY_HOSTS, canaryDir, leakedCanary } from './canaries';

/*
 * The canaries through the formatter's CLI paths and through the language service in
 * process, feature by feature: diagnostics, hover at every position of every file, completion,
 * document and workspace symbols, semantic tokens, folding, links, code actions, formatting.
 */

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ipsec-lint-canary-service-'));
  cpSync(canaryDir, scratch, { recursive: true });
  for (const host of CANARY_HOSTS) chmodSync(join(scratch, host, 'ipsec.secrets'), host === 'west' ? 0o644 : 0o600);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function positionsOf(text: string): Position[] {
  const out: Position[] = [];
  text.split('\n').forEach((line, i) => {
    for (let c = 0; c <= line.length; c++) out.push({ line: i, character: c });
  });
  return out;
}

describe('secret canaries in ipsec-lint fmt', () => {
  it("do not appear in 'fmt --diff' or 'fmt --check' (the messy host's records are reformatted, their secrets masked)", () => {
    const diff = runCli(['fmt', '--diff', join(scratch, 'messy')]);
    expect(diff.exitCode).toBe(1);
    // The diff does show the reformatted record lines, with the secret replaced.
    expect(diff.stdout).toMatch(/^\+@west @east : PSK <secret>$/m);
    expect(diff.stdout).toMatch(/^-@road {3}: {2}XAUTH {3}<secret>$/m);
    expect(leakedCanary(diff.stdout + diff.stderr)).toBeUndefined();
    const check = runCli(['fmt', '--check', scratch]);
    expect(leakedCanary(check.stdout + check.stderr)).toBeUndefined();
  });

  it("do not appear in fmt's refusals: syntax errors of a broken secrets file, printing a secrets file", () => {
    const broken = runCli(['fmt', '--diff', join(scratch, 'west', 'ipsec.secrets')]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/syntax errors; not formatted/);
    expect(leakedCanary(broken.stdout + broken.stderr)).toBeUndefined();
    const printed = runCli(['fmt', join(scratch, 'messy', 'ipsec.secrets')]);
    expect(printed.exitCode).toBe(2);
    expect(leakedCanary(printed.stdout + printed.stderr)).toBeUndefined();
  });
});

describe('secret canaries in the language service', () => {
  it('do not appear in any result of any feature, on any position of the canary files', () => {
    const ls = new LanguageService({ fs: nodeFileSystem, settingsFor: () => defaultSettings, docsBaseUrl: 'https://example.invalid/rules/' });
    ls.setWorkspaceFolders([pathToUri(scratch)]);
    const docs: { uri: string; text: string; secrets: boolean }[] = [];
    for (const host of CANARY_HOSTS) {
      for (const name of readdirSync(join(scratch, host))) {
        const path = join(scratch, host, name);
        if (!existsSync(path)) continue;
        const text = readFileSync(path, 'utf8');
        const uri = pathToUri(path);
        ls.openDocument(uri, undefined, 1, text);
        docs.push({ uri, text, secrets: name.endsWith('.secrets') });
      }
    }
    // A set: completion lists repeat at every position, and the leak scan reads each text once.
    const out = new Set<string>([JSON.stringify(ls.validate())]);
    let secretsHovers = 0;
    for (const { uri, text, secrets } of docs) {
      const whole = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
      for (const result of [
        ls.diagnostics(uri),
        ls.documentSymbols(uri),
        ls.semanticTokens(uri),
        ls.foldingRanges(uri),
        ls.documentLinks(uri),
        ls.codeActions(uri, whole, undefined),
        ls.codeActions(uri, whole, ['source.fixAll']),
      ]) out.add(JSON.stringify(result));
      for (const pos of positionsOf(text)) {
        const hover = ls.hover(uri, pos);
        if (hover && secrets) secretsHovers++;
        out.add(JSON.stringify(hover)).add(JSON.stringify(ls.completion(uri, pos)));
      }
    }
    out.add(JSON.stringify(ls.workspaceSymbols(''))).add(JSON.stringify(ls.workspaceSymbols('west')));
    const all = [...out].join('\n');
    // The paths were exercised: findings, hovers on secrets records, symbols of records.
    expect(all).toMatch(/psk-too-short/);
    expect(all).toMatch(/secret-missing|ppk-missing/);
    expect(secretsHovers).toBeGreaterThan(50);
    expect(all).toMatch(/@west @east/);
    expect(leakedCanary(all)).toBeUndefined();
  });

  it("do not appear in the formatter's edits of a secrets buffer: blank-only edits that give the formatted text", () => {
    const ls = new LanguageService({ fs: nodeFileSystem, settingsFor: () => defaultSettings });
    const path = join(scratch, 'messy', 'ipsec.secrets');
    const uri = pathToUri(path);
    const text = readFileSync(path, 'utf8');
    ls.openDocument(uri, undefined, 1, text);
    const whole = ls.formatting(uri, { tabSize: 4, insertSpaces: false });
    const ranged = ls.rangeFormatting(uri, { start: { line: 1, character: 0 }, end: { line: 5, character: 0 } }, { tabSize: 4, insertSpaces: false });
    if (!Array.isArray(whole) || !Array.isArray(ranged)) throw new Error('the messy secrets file should format');
    expect(whole.length).toBeGreaterThan(3);
    expect(ranged.length).toBeGreaterThan(0);
    expect(whole.every((e) => /^\s*$/.test(e.newText))).toBe(true);
    expect(leakedCanary(JSON.stringify(whole) + JSON.stringify(ranged))).toBeUndefined();
    // Applied, the blank-only edits give what fmt writes.
    const formatted = runFmt(['--kind', 'secrets', '-'], () => Buffer.from(text)).stdout;
    expect(applyEdits(text, whole)).toBe(formatted);
  });
});

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
