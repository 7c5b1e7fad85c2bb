import { parseConf, printConf } from '../../grammar/conf/parse';
import { parsePolicyGroup } from '../../grammar/policy';
import { parseSecrets } from '../../grammar/secrets';
import type { TextRange } from '../../grammar/text-range';
import { MAX_FILE_BYTES, type ConfigFileSystem, type ReadResult } from '../../server/model/file-system';
import type { LintDiagnostic } from '../../server/rules/rule';
import { lintConf } from '../../server/service/lint-conf';
import { lintSecrets } from '../../server/service/lint-secrets';
import { defaultSettings } from '../../server/settings/lint-settings';
import type { FuzzInput } from './inputs';

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8');

/** Reads like the CLI's file system (NUL, UTF-8 and size checks), from memory. */
function decode(bytes: Buffer): ReadResult {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', message: 'too large' };
  if (bytes.includes(0)) return { ok: false, reason: 'binary', message: 'binary' };
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', message: 'not UTF-8' };
  }
}

function memoryFs(files: ReadonlyMap<string, Buffer>): ConfigFileSystem {
  return {
    readText: (path) => {
      const bytes = files.get(path);
      return bytes ? decode(bytes) : { ok: false, reason: 'missing', message: 'no such file' };
    },
    glob: (pattern) => {
      // A bracket is matched as itself: glob(3) classes are not needed for the fuzzer's file names,
      // and an unclosed '[' must not become an invalid RegExp.
      const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\[\]]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
      return [...files.keys()].filter((p) => re.test(p)).sort();
    },
  };
}

/** Lines as the project counts them (LSP positions, lines ended by \n). */
function lineLengths(text: string): number[] {
  return text.split('\n').map((l) => l.length);
}

function outside(range: TextRange, lengths: readonly number[]): boolean {
  const { start, end } = range;
  if (start.line < 0 || end.line < start.line || end.line >= lengths.length) return true;
  if (start.character < 0 || start.character > lengths[start.line] || end.character > lengths[end.line]) return true;
  return end.line === start.line && end.character < start.character;
}

export interface Failure {
  readonly what: string;
  readonly detail: string;
}

/**
 * Runs one input through every parser and, for a share of inputs (all shapes), the whole
 * lint of its kind; returns what went wrong: a throw, a range outside its document, or a
 * printed tree that is not the input.
 */
export function checkInput(input: FuzzInput, lint: boolean): Failure | undefined {
  const text = lossy.decode(input.bytes);
  try {
    const conf = parseConf(text);
    if (printConf(conf) !== text) return { what: 'lossless', detail: 'printConf(parseConf(text)) !== text' };
    const lengths = lineLengths(text);
    for (const e of conf.errors) if (outside(e.range, lengths)) return { what: 'range', detail: `conf syntax error at ${JSON.stringify(e.range)}` };
    parseSecrets(text);
    parsePolicyGroup(text);
    if (!lint) return undefined;
    const read = decode(input.bytes);
    if (!read.ok) return undefined;
    const files = new Map(input.files);
    files.set(input.path, input.bytes);
    const fs = memoryFs(files);
    const diagnostics: readonly LintDiagnostic[] =
      input.kind === 'secrets'
        ? lintSecrets({ path: input.path, text: read.text, fs, settings: defaultSettings }).diagnostics
        : lintConf({ path: input.path, text: read.text, fs, settings: defaultSettings, cwd: '/etc' }).diagnostics;
    const texts = new Map<string, number[]>();
    const lengthsOf = (path: string): number[] | undefined => {
      let known = texts.get(path);
      if (!known) {
        const bytes = files.get(path);
        const r = bytes ? decode(bytes) : undefined;
        if (!r?.ok) return undefined;
        known = lineLengths(r.text);
        texts.set(path, known);
      }
      return known;
    };
    for (const d of diagnostics) {
      for (const [file, range] of [[d.file, d.range] as const, ...(d.related ?? []).map((r) => [r.file, r.range] as const)]) {
        const l = lengthsOf(file);
        if (l && outside(range, l)) return { what: 'range', detail: `${d.ruleId} at ${JSON.stringify(range)} in ${file}` };
      }
    }
    return undefined;
  } catch (error) {
    return { what: 'throw', detail: (error as Error).stack ?? String(error) };
  }
}
