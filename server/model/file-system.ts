/**
 * How the model reads other files. The language service stays pure: the CLI and the
 * language server each pass their own implementation (disk, or open editor buffers first).
 */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'missing' | 'directory' | 'binary' | 'not-utf8' | 'unreadable'; readonly message: string };

export interface ConfigFileSystem {
  readText(path: string): ReadResult;
  /** Absolute paths matching a glob(3)-style pattern, sorted as glob(3) sorts them. */
  glob(pattern: string): readonly string[];
  /** Permission bits of a file, when the file system has them. */
  mode?(path: string): number | undefined;
  /** A folder's entries, for path completion; absent where listing is not possible. */
  list?(folder: string): readonly { readonly name: string; readonly folder: boolean }[];
}

export function hasGlobMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}
