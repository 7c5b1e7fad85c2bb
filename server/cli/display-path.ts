import { isAbsolute, relative, sep } from 'node:path';

/**
 * A path as CI annotations and `make` want it: relative to the working folder when the file
 * lies inside it (GitHub matches annotations against paths in the checkout), absolute otherwise.
 */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
