/**
 * `fileURLToPath` and `pathToFileURL` for the browser bundle (esbuild aliases `node:url`
 * here): the service names the page's files by POSIX paths and speaks `file:` URIs, as it
 * does under Node. Only POSIX paths are meaningful in the page.
 */

export function pathToFileURL(path: string): URL {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  // Node escapes what a URL path would otherwise read as syntax; encodeURI leaves `?` and `#`.
  const encoded = encodeURI(absolute).replace(/\?/g, '%3F').replace(/#/g, '%23');
  return new URL(`file://${encoded}`);
}

export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (parsed.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty on linux');
  if (/%2f/i.test(parsed.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(parsed.pathname);
}

export default { pathToFileURL, fileURLToPath };
