import { posix as path } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import type { ConfFile, ConnSection, IncludeLine, SetupSection } from '../../grammar/conf/syntax-tree';
import { hasGlobMagic, type ConfigFileSystem, type ReadResult } from './file-system';

/** Libreswan stops following includes deeper than this. */
export const MAX_INCLUDE_DEPTH = 10;

export interface LoadedFile {
  readonly path: string;
  readonly conf: ConfFile;
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
  | { readonly kind: 'relative'; readonly resolvedAgainst: string };

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
  /** Folder that stands for `/` of the target host; absolute includes are looked up below it. */
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
  readonly sections: readonly PlacedSection[];
  readonly includes: readonly IncludeEdge[];
}

/** Maps a path written in a config to where it lives on this machine. */
export function mapIncludePath(written: string, options: Pick<IncludeOptions, 'root' | 'cwd'>): string {
  if (written.startsWith('/')) return options.root ? path.join(options.root, written) : written;
  return path.resolve(options.cwd, written);
}

/**
 * Reads a config and everything it includes, in Libreswan's order: an include splices the
 * included file's sections in at the point of the include. Problems are recorded on the
 * include edge, never thrown.
 */
export function loadConfig(entryPath: string, entryConf: ConfFile, options: IncludeOptions): LoadedConfig {
  const entry: LoadedFile = { path: entryPath, conf: entryConf };
  const files = new Map<string, LoadedFile>([[entryPath, entry]]);
  const sections: PlacedSection[] = [];

  const load = (target: string): LoadedFile | Exclude<ReadResult, { ok: true }> => {
    const known = files.get(target);
    if (known) return known;
    const parsed = options.parsed?.(target);
    if (parsed) {
      const file = { path: target, conf: parsed };
      files.set(target, file);
      return file;
    }
    const read = options.fs.readText(target);
    if (!read.ok) return read;
    const file = { path: target, conf: parseConf(read.text) };
    files.set(target, file);
    return file;
  };

  // Libreswan re-reads a file that includes itself until the depth limit, so a loop still
  // places its sections again (and re-sets config setup keys); each include line keeps one
  // edge, and each problem is reported once.
  const edges = new Map<IncludeLine, { from: LoadedFile; resolved: string; targets: Set<string>; problems: IncludeProblem[] }>();
  const note = (edge: { problems: IncludeProblem[] }, problem: IncludeProblem): void => {
    // The first time wins: a loop re-visits the same line with ever longer chains.
    const target = 'target' in problem ? problem.target : '';
    if (!edge.problems.some((p) => p.kind === problem.kind && ('target' in p ? p.target : '') === target)) edge.problems.push(problem);
  };

  const walk = (file: LoadedFile, stack: readonly string[]): void => {
    for (const section of file.conf.sections) {
      if (section.kind === 'setup' || section.kind === 'conn') {
        sections.push({ file, section });
        continue;
      }
      if (section.kind !== 'include') continue;
      const written = section.header.path.text;
      const resolved = mapIncludePath(written, options);
      let edge = edges.get(section.header);
      if (!edge) {
        edge = { from: file, resolved, targets: new Set(), problems: [] };
        edges.set(section.header, edge);
        if (!written.startsWith('/')) note(edge, { kind: 'relative', resolvedAgainst: options.cwd });
      }
      let targets: readonly string[];
      if (hasGlobMagic(resolved)) {
        targets = options.fs.glob(resolved);
        if (targets.length === 0) note(edge, { kind: 'no-match', pattern: resolved });
      } else {
        targets = [resolved];
      }
      for (const target of targets) {
        if (stack.includes(target)) {
          const first = stack.indexOf(target);
          note(edge, { kind: 'cycle', target, chain: [...stack.slice(first), target] });
        }
        if (stack.length >= MAX_INCLUDE_DEPTH) {
          note(edge, { kind: 'too-deep', target });
          continue;
        }
        const loaded = load(target);
        if ('conf' in loaded) {
          edge.targets.add(target);
          walk(loaded, [...stack, target]);
        } else if (loaded.reason === 'missing' && !hasGlobMagic(resolved)) {
          note(edge, { kind: 'missing', target });
        } else {
          note(edge, { kind: 'unreadable', target, reason: loaded.reason, message: loaded.message });
        }
      }
    }
  };

  walk(entry, [entryPath]);
  const includes: IncludeEdge[] = [...edges].map(([line, e]) => ({ from: e.from, line, resolved: e.resolved, targets: [...e.targets], problems: e.problems }));
  return { entry, files: [...files.values()], sections, includes };
}
