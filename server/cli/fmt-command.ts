import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_INDENT_WIDTH, resolveFormatOptions, type FormatOptionsFromFile, type IndentSetting } from '../format';
import type { DocumentKind } from '../service/format';
import { readSnapshot, writeFileAtomically } from './atomic-write';
import { UsageError, type CommandResult } from './command-result';
import { discover } from './discover';
import { describeSyntaxErrors, formatText, readUtf8, unifiedDiff, withByteOrderMark, type FileFormatting } from './fmt-file';
import { SettingsResolver } from './resolve-settings';

export const fmtUsage = `Usage: ipsec-lint fmt [options] PATH...

Formats ipsec.conf, ipsec.secrets and policy group files: layout only, never meaning.
A PATH may be a file, a folder (every such file under it) or - for standard input.

Modes (at most one):
  (none)                print the formatted text of one file; a secrets file only from -
  --check               list the files that would change
  --diff                print a unified diff of the changes (secrets shown as <secret>)
  --write               rewrite the files in place, atomically, keeping mode, owner
                        and line endings

Options:
  --indent tab|N        indent of body lines (default: .ipsec-lint.json format.indent, else tab)
  --kind conf|secrets|policy
                        grammar to use for - (default conf) or instead of the file name's
  -h, --help            show this help

Exit status: 0 nothing to change (or all written), 1 changes found by --check or --diff,
2 syntax errors (such files are left untouched), usage or I/O trouble.`;

type Mode = 'print' | 'check' | 'diff' | 'write';

function parseIndent(value: string): IndentSetting {
  if (value === 'tab') return 'tab';
  const width = Number(value);
  if (Number.isInteger(width) && width >= 1 && width <= MAX_INDENT_WIDTH) return width;
  throw new UsageError(`--indent must be 'tab' or a number of spaces from 1 to ${MAX_INDENT_WIDTH}, not '${value}'`);
}

function parseKind(value: string | undefined): DocumentKind | undefined {
  if (value === undefined || value === 'conf' || value === 'secrets' || value === 'policy') return value;
  throw new UsageError(`--kind must be conf, secrets or policy, not '${value}'`);
}

interface Target {
  readonly path: string;
  /** What messages call it: the path as given, or <stdin>. */
  readonly label: string;
  readonly kind: DocumentKind;
  readonly stdin: boolean;
}

/** `readStandardInput` is replaceable so tests can feed `-` without a child process. */
export function runFmt(argv: readonly string[], readStandardInput: () => Buffer = () => readFileSync(0)): CommandResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      check: { type: 'boolean' },
      diff: { type: 'boolean' },
      write: { type: 'boolean' },
      indent: { type: 'string' },
      kind: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { stdout: fmtUsage + '\n', stderr: '', exitCode: 0 };
  const modes = (['check', 'diff', 'write'] as const).filter((m) => values[m]);
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined`);
  const mode: Mode = modes.length > 0 ? modes[0] : 'print';
  if (positionals.length === 0) throw new UsageError('no PATH given (use - for standard input)');
  const indent = values.indent === undefined ? undefined : parseIndent(values.indent);
  const kind = parseKind(values.kind);
  if (mode === 'write' && positionals.includes('-')) throw new UsageError('--write cannot write to standard input');

  const stderr: string[] = [];
  const targets: Target[] = [];
  const files = discover(positionals.filter((p) => p !== '-'));
  for (const p of files.problems) stderr.push(`ipsec-lint: ${p.path}: ${p.message}`);
  let trouble = files.problems.length > 0;
  if (positionals.includes('-')) targets.push({ path: resolve('-'), label: '<stdin>', kind: kind ?? 'conf', stdin: true });
  for (const f of files.files) targets.push({ path: f.path, label: f.path, kind: kind ?? f.kind, stdin: false });
  if (mode === 'print' && targets.length > 1) throw new UsageError('printing needs exactly one file; use --check, --diff or --write for several');

  const settings = new SettingsResolver({});
  const stdout: string[] = [];
  let changed = false;
  for (const target of targets) {
    if (mode === 'print' && target.kind === 'secrets' && !target.stdin) {
      stderr.push(`ipsec-lint: ${target.label}: not printing a secrets file; use --check, --diff or --write, or pipe it through -`);
      trouble = true;
      continue;
    }
    const fromFile: FormatOptionsFromFile | undefined = settings.settingsFile(target.path)?.format;
    const options = resolveFormatOptions({ ...fromFile, ...(indent !== undefined ? { indent } : {}) });
    // A file to rewrite is read with a snapshot, which the write checks is still true.
    const snapshot = target.stdin ? undefined : readSnapshot(target.path);
    if (snapshot && !snapshot.ok) {
      stderr.push(`ipsec-lint: ${target.label}: ${snapshot.message}`);
      trouble = true;
      continue;
    }
    const bytes = snapshot?.ok ? snapshot.snapshot.bytes : undefined;
    const read = readUtf8(bytes ? () => bytes : readStandardInput);
    const bom = read.ok && read.bom;
    const result: FileFormatting = read.ok ? formatText(read.text, target.kind, options) : { status: 'unreadable', message: read.message };
    if (result.status === 'unreadable') {
      stderr.push(`ipsec-lint: ${target.label}: ${result.message}`);
      trouble = true;
      continue;
    }
    if (result.status === 'syntax-errors') {
      stderr.push(...describeSyntaxErrors(target.label, result.errors), `ipsec-lint: ${target.label}: has syntax errors; not formatted`);
      trouble = true;
      continue;
    }
    const differs = result.after !== result.before;
    changed ||= differs;
    switch (mode) {
      case 'print':
        stdout.push(withByteOrderMark(result.after, bom));
        break;
      case 'check':
        if (differs) stdout.push(`${target.label}\n`);
        break;
      case 'diff':
        if (differs) stdout.push(unifiedDiff(target.label, target.kind, result.before, result.after));
        break;
      case 'write':
        if (differs) {
          const written = writeFileAtomically(target.path, withByteOrderMark(result.after, bom), undefined, snapshot?.ok ? snapshot.snapshot : undefined);
          if (written.ok) stderr.push(`formatted ${target.label}`);
          else {
            stderr.push(`ipsec-lint: ${target.label}: ${written.message}`);
            trouble = true;
          }
        }
        break;
    }
  }
  for (const p of settings.problems) stderr.push(`ipsec-lint: ${p.path}:${p.line}:${p.column}: ${p.message}`);
  const exitCode = trouble ? 2 : changed && (mode === 'check' || mode === 'diff') ? 1 : 0;
  return { stdout: stdout.join(''), stderr: stderr.map((l) => l + '\n').join(''), exitCode };
}
