import type { ConfigFileSystem, ReadResult } from '../../server/model/file-system';

/**
 * The files open in the page as the service's file system: includes, `also=` across files
 * and the secrets beside ipsec.conf resolve against these, never against a disk. Paths are
 * absolute POSIX paths of the host the files stand for (`/etc/ipsec.conf`).
 */
export class PageFileSystem implements ConfigFileSystem {
  constructor(private readonly files: ReadonlyMap<string, string>) {}

  readText(path: string): ReadResult {
    const text = this.files.get(path);
    if (text !== undefined) return { ok: true, text };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const name of this.files.keys()) {
      if (name.startsWith(prefix)) return { ok: false, reason: 'directory', message: 'is a directory, not a file' };
    }
    return { ok: false, reason: 'missing', message: 'no such file in the playground (add it as a tab)' };
  }

  glob(pattern: string): readonly string[] {
    const wanted = pattern.split('/');
    return [...this.files.keys()].filter((path) => matchesSegments(wanted, path.split('/'))).sort(globOrder);
  }

  list(folder: string): readonly { readonly name: string; readonly folder: boolean }[] {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const entries = new Map<string, boolean>();
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      entries.set(name, (entries.get(name) ?? false) || slash !== -1);
    }
    return [...entries].map(([name, isFolder]) => ({ name, folder: isFolder })).sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** glob(3) sorts byte-wise (strcmp in the C locale), not by locale. */
function globOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Segment by segment, as glob(3) matches: `*` and `?` never cross a `/`, and a leading dot
 * is matched only by a pattern that writes it. `**` is the workspace scanner's "any depth".
 */
function matchesSegments(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    for (let skip = 0; skip <= path.length - 1; skip++) {
      if (path.slice(0, skip).some((s) => s.startsWith('.'))) break;
      if (matchesSegments(rest, path.slice(skip))) return true;
    }
    return false;
  }
  if (path.length === 0) return false;
  return matchesSegment(head, path[0]) && matchesSegments(rest, path.slice(1));
}

function matchesSegment(pattern: string, name: string): boolean {
  if (!/[*?[\\]/.test(pattern)) return pattern === name;
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return segmentRegExp(pattern).test(name);
}

const segmentCache = new Map<string, RegExp>();

function segmentRegExp(pattern: string): RegExp {
  const known = segmentCache.get(pattern);
  if (known) return known;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      // glob(3) negates with `!`; a regular expression with `^`.
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  const re = new RegExp(`^${source}$`);
  segmentCache.set(pattern, re);
  return re;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
