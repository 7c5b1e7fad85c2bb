import { posix as path } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import type { ConfFile, ConnSection, IncludeLine, SetupSection } from '../../grammar/conf/syntax-tree';
import { hasGlobMagic, isInsideFolder, type ConfigFileSystem, type ReadResult } from './file-system';
import { secretsLikeLine } from './secrets-like';

/** Libreswan stops following includes deeper than this (4.10 and 5.x: the entry file and nine levels below it). */
export const MAX_INCLUDE_DEPTH = 10;

/**
 * How much one entry file may make us read. Libreswan itself has no such limits (it re-reads
 * a file that includes itself until MAX_INCLUDE_DEPTH, however many lines do it); these stop
 * us earlier, far above any real site, so that a loop or a glob of globs cannot take minutes
 * or gigabytes. Reaching one is reported once, on the include where it happened.
 */
export const INCLUDE_BUDGET = {
  /** Distinct files read (each costs about 0.1 ms to read, parse and check). */
  files: 5_000,
  /** Files walked, counting each re-read of a file in an include loop. */
  expansions: 20_000,
  /** Sections placed, counting each section again when a loop re-reads its file. */
  sections: 50_000,
  /** Bytes of text read in all (the parser takes about a second per few megabytes). */
  bytes: 16 * 1024 * 1024,
} as const;

export type IncludeBudget = keyof typeof INCLUDE_BUDGET;

export interface LoadedFile {
  readonly path: string;
  readonly conf: ConfFile;
  /**
   * Set when the file is a secrets file (by name or content) reached as ipsec.conf: its tree
   * is then empty, so no rule can quote a line of it, and this says where its first record is.
   */
  readonly withheld?: { readonly reason: 'secrets'; readonly line: number; readonly parsesAsConf: boolean };
}

/** A `config setup` or `conn` section, in the order Libreswan reads it across includes. */
export interface PlacedSection {
  readonly file: LoadedFile;
  readonly section: SetupSection | ConnSection;
}

export type IncludeProblem =
  | { readonly kind: 'missing'; readonly target: string }
  | { readonly kind: 'no-match'; readonly pattern: string }
  | { readonly kind: 'unreadable'; readonly target: string; readonly reason: Exclude<ReadResult, { ok: true }>['reason']; readonly message: string }
  | { readonly kind: 'cycle'; readonly target: string; readonly chain: readonly string[] }
  | { readonly kind: 'too-deep'; readonly target: string }
  | { readonly kind: 'relative'; readonly resolvedAgainst: string }
  | { readonly kind: 'budget'; readonly limit: IncludeBudget; readonly value: number };

export interface IncludeEdge {
  readonly from: LoadedFile;
  readonly line: IncludeLine;
  /** The path or pattern after mapping absolute paths into the root folder. */
  readonly resolved: string;
  readonly targets: readonly string[];
  readonly problems: readonly IncludeProblem[];
}

export interface IncludeOptions {
  readonly fs: ConfigFileSystem;
  /** Folder that stands for `/` of the target host; absolute includes are looked up below it, and no include may leave it. */
  readonly root?: string;
  /** Libreswan resolves relative includes against its working directory, not the including file. */
  readonly cwd: string;
  /** Parsed files to reuse (open editor buffers, or files parsed already). */
  readonly parsed?: (path: string) => ConfFile | undefined;
}

export interface LoadedConfig {
  readonly entry: LoadedFile;
  /** Every file read, the entry first; each once even when included twice. */
  readonly files: readonly LoadedFile[];
  /** Sections in Libreswan's order; an include loop places the same (identical) conn object again, and a new `config setup` one. */
  readonly sections: readonly PlacedSection[];
  readonly includes: readonly IncludeEdge[];
}

/**
 * Maps a path written in a config to where it lives on this machine. With a root, `..` is
 * taken on the target host's side (`/../x` is `/x` there), so it cannot climb out of the root.
 */
export function mapIncludePath(written: string, options: Pick<IncludeOptions, 'root' | 'cwd'>): string {
  if (written.startsWith('/')) return options.root ? path.join(options.root, path.resolve('/', written)) : written;
  return path.resolve(options.cwd, written);
}

const emptyConf = parseConf('');

/** A file read as ipsec.conf that is a secrets file keeps no tree: see LoadedFile.withheld. */
function fileOf(target: string, conf: ConfFile): LoadedFile {
  const line = secretsLikeLine(target, conf.text);
  if (line === undefined) return { path: target, conf };
  return { path: target, conf: emptyConf, withheld: { reason: 'secrets', line, parsesAsConf: conf.errors.length === 0 } };
}

type Edge = { from: LoadedFile; resolved: string; targets: Set<string>; problems: IncludeProblem[] };

/**
 * Reads a config and everything it includes, in Libreswan's order: an include splices the
 * included file's sections in at the point of the include. Problems are recorded on the
 * include edge, never thrown. Each file is read and parsed once, each glob listed once; the
 * walk uses an explicit stack and stops at INCLUDE_BUDGET.
 */
export function loadConfig(entryPath: string, entryConf: ConfFile, options: IncludeOptions): LoadedConfig {
  const entry = fileOf(entryPath, entryConf);
  const files = new Map<string, LoadedFile>([[entryPath, entry]]);
  const failed = new Map<string, Exclude<ReadResult, { ok: true }>>();
  const globs = new Map<string, readonly string[]>();
  const placedOf = new Map<ConnSection, PlacedSection>();
  const sections: PlacedSection[] = [];
  const spent = { files: 1, expansions: 1, sections: 0, bytes: entryConf.text.length };
  let exhausted: IncludeBudget | undefined;

  const rootReal = options.root !== undefined ? (options.fs.realPath?.(options.root) ?? options.root) : undefined;
  const load = (target: string): LoadedFile | Exclude<ReadResult, { ok: true }> => {
    const known = files.get(target) ?? failed.get(target);
    if (known) return known;
    // `parsed` may read the disk itself (the language server's cache): confine before asking it.
    const real = rootReal !== undefined ? options.fs.realPath?.(target) : undefined;
    if (rootReal !== undefined && real !== undefined && !isInsideFolder(real, rootReal)) {
      const refused: Exclude<ReadResult, { ok: true }> = { ok: false, reason: 'outside-root', message: `its real path (symbolic links followed) is outside the root ${options.root}; not read` };
      failed.set(target, refused);
      return refused;
    }
    const parsed = options.parsed?.(target);
    let conf: ConfFile;
    if (parsed) conf = parsed;
    else {
      const read = options.fs.readText(target, options.root !== undefined ? { within: options.root } : undefined);
      if (!read.ok) {
        failed.set(target, read);
        return read;
      }
      conf = parseConf(read.text);
    }
    spent.files++;
    spent.bytes += conf.text.length;
    const file = fileOf(target, conf);
    files.set(target, file);
    return file;
  };

  // Libreswan re-reads a file that includes itself until the depth limit, so a loop still
  // places its sections again (and re-sets config setup keys); each include line keeps one
  // edge, and each problem is reported once.
  const edges = new Map<IncludeLine, Edge>();
  const note = (edge: { problems: IncludeProblem[] }, problem: IncludeProblem): void => {
    // The first time wins: a loop re-visits the same line with ever longer chains.
    const target = 'target' in problem ? problem.target : '';
    if (!edge.problems.some((p) => p.kind === problem.kind && ('target' in p ? p.target : '') === target)) edge.problems.push(problem);
  };
  /** Whether walking one more file (a new one to read, or not) would pass a limit; the first limit reached is noted once. */
  const overBudget = (edge: Edge, newFile: boolean): boolean => {
    if (exhausted) return true;
    const reached: IncludeBudget | undefined =
      spent.expansions >= INCLUDE_BUDGET.expansions ? 'expansions'
      : spent.sections >= INCLUDE_BUDGET.sections ? 'sections'
      : spent.bytes >= INCLUDE_BUDGET.bytes ? 'bytes'
      : newFile && spent.files >= INCLUDE_BUDGET.files ? 'files'
      : undefined;
    if (!reached) return false;
    exhausted = reached;
    note(edge, { kind: 'budget', limit: reached, value: INCLUDE_BUDGET[reached] });
    return true;
  };

  /** One file being walked: where we are in its sections, and the include chain that led here. */
  interface Frame {
    readonly file: LoadedFile;
    readonly stack: readonly string[];
    next: number;
    /** The targets of the include being expanded, and the next one to walk. */
    pending?: { readonly edge: Edge; readonly resolved: string; readonly targets: readonly string[]; next: number };
  }
  const frames: Frame[] = [{ file: entry, stack: [entryPath], next: 0 }];
  while (frames.length > 0 && !exhausted) {
    const frame = frames[frames.length - 1];
    const pending = frame.pending;
    if (pending) {
      if (pending.next >= pending.targets.length) {
        frame.pending = undefined;
        continue;
      }
      const target = pending.targets[pending.next++];
      const { edge, resolved } = pending;
      if (frame.stack.includes(target)) {
        const first = frame.stack.indexOf(target);
        note(edge, { kind: 'cycle', target, chain: [...frame.stack.slice(first), target] });
      }
      if (frame.stack.length >= MAX_INCLUDE_DEPTH) {
        note(edge, { kind: 'too-deep', target });
        continue;
      }
      if (overBudget(edge, !files.has(target) && !failed.has(target))) break;
      const loaded = load(target);
      if ('conf' in loaded) {
        edge.targets.add(target);
        spent.expansions++;
        frames.push({ file: loaded, stack: [...frame.stack, target], next: 0 });
      } else if (loaded.reason === 'missing' && !hasGlobMagic(resolved)) {
        note(edge, { kind: 'missing', target });
      } else {
        note(edge, { kind: 'unreadable', target, reason: loaded.reason, message: loaded.message });
      }
      continue;
    }
    const list = frame.file.conf.sections;
    if (frame.next >= list.length) {
      frames.pop();
      continue;
    }
    const section = list[frame.next++];
    if (section.kind === 'setup' || section.kind === 'conn') {
      // A conn placed again by a loop is the same conn (one object, resolved once); a
      // `config setup` placed again sets its keys again, which Libreswan warns about each time.
      let placed = section.kind === 'conn' ? placedOf.get(section) : undefined;
      if (!placed) {
        placed = { file: frame.file, section };
        if (section.kind === 'conn') placedOf.set(section, placed);
      }
      sections.push(placed);
      spent.sections++;
      continue;
    }
    if (section.kind !== 'include') continue;
    const written = section.header.path.text;
    const resolved = mapIncludePath(written, options);
    let edge = edges.get(section.header);
    if (!edge) {
      edge = { from: frame.file, resolved, targets: new Set(), problems: [] };
      edges.set(section.header, edge);
      if (!written.startsWith('/')) note(edge, { kind: 'relative', resolvedAgainst: options.cwd });
    }
    if (overBudget(edge, false)) break;
    let targets: readonly string[];
    if (hasGlobMagic(resolved)) {
      let matches = globs.get(resolved);
      if (!matches) {
        matches = options.fs.glob(resolved);
        globs.set(resolved, matches);
      }
      targets = matches;
      if (targets.length === 0) note(edge, { kind: 'no-match', pattern: resolved });
    } else {
      targets = [resolved];
    }
    frame.pending = { edge, resolved, targets, next: 0 };
  }

  const includes: IncludeEdge[] = [...edges].map(([line, e]) => ({ from: e.from, line, resolved: e.resolved, targets: [...e.targets], problems: e.problems }));
  return { entry, files: [...files.values()], sections, includes };
}
