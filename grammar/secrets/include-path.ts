/**
 * The glob pattern an `include` in a secrets file stands for. Libreswan prefixes a
 * relative pattern with the directory of the including file (not the working
 * directory), and leaves it alone when the including file's name has no directory.
 * POSIX paths only, like Libreswan; glob expansion is the caller's job.
 */
export function includePattern(includingFile: string, written: string): string {
  if (written.startsWith('/')) return written;
  const slash = includingFile.lastIndexOf('/');
  return slash === -1 ? written : includingFile.slice(0, slash + 1) + written;
}
