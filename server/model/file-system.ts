/**
 * How the model reads other files. The language service stays pure: the CLI and the
 * language server each pass their own implementation (disk, or open editor buffers first).
 */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: ReadRefusal; readonly message: string };

/**
 * Why a file was not read. `not-regular` is a FIFO, device or socket (reading one blocks or
 * never ends); `too-large` is past MAX_FILE_BYTES; `outside-root` is a file whose real path
 * (symbolic links resolved) leaves the folder it was confined to.
 */
export type ReadRefusal = 'missing' | 'directory' | 'not-regular' | 'too-large' | 'outside-root' | 'binary' | 'not-utf8' | 'unreadable';

/** Real configuration files are kilobytes; a bigger one is a mistake or an attack, and parsing it would take minutes. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface ReadOptions {
  /** Refuse the file unless its real path lies inside this folder (the `--root`). */
  readonly within?: string;
}

export interface ConfigFileSystem {
  readText(path: string, options?: ReadOptions): ReadResult;
  /** Absolute paths matching a glob(3)-style pattern, sorted as glob(3) sorts them. */
  glob(pattern: string): readonly string[];
  /** Permission bits of a file, when the file system has them. */
  mode?(path: string): number | undefined;
  /** A path with symbolic links resolved, or undefined when it does not exist; absent where there are no links. */
  realPath?(path: string): string | undefined;
  /** A folder's entries, for path completion; absent where listing is not possible. */
  list?(folder: string): readonly { readonly name: string; readonly folder: boolean }[];
}

/** Whether `path` is `folder` or lies below it (both absolute, normalised). */
export function isInsideFolder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/');
}

export function hasGlobMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}
