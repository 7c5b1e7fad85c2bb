import { posix, relative, sep } from 'node:path';

/**
 * gitignore-style globs, as ESLint's ignorePatterns: `*` and `?` stay inside one path
 * segment, `**` crosses segments, a pattern without a `/` matches a name at any depth, a
 * trailing `/` (or a folder match) covers everything below it, and `!` re-includes.
 */
function toRegExp(pattern: string): RegExp {
  let p = pattern.trim();
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '').replace(/\/$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      re += '.*';
      i++;
      if (p[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(^|/)'}${re}(/.*)?$`);
}

export interface IgnoreSet {
  readonly base: string;
  readonly patterns: readonly string[];
}

/** Whether a path is ignored by any of the sets (each relative to its own base folder). */
export function isIgnored(path: string, sets: readonly IgnoreSet[]): boolean {
  let ignored = false;
  for (const set of sets) {
    const rel = relative(set.base, path).split(sep).join(posix.sep);
    if (rel === '' || rel.startsWith('..')) continue;
    for (const raw of set.patterns) {
      if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
      const negated = raw.trim().startsWith('!');
      if (toRegExp(negated ? raw.trim().slice(1) : raw).test(rel)) ignored = !negated;
    }
  }
  return ignored;
}
