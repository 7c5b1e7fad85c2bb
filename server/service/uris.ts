import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The service works on paths (the include graph is made of paths); clients speak URIs.
 * A URI that is not a `file:` URI (an unsaved `untitled:` buffer) keeps its URI as its
 * "path": it can include real files, nothing can include it.
 */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

export function pathToUri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : path;
}

/** Whether a "path" from `uriToPath` is a real file system path (includes resolve against it). */
export function isFilePath(path: string): boolean {
  return isAbsolute(path);
}
