import type { FileSet, PlaygroundSettings } from './protocol';

/**
 * The share link: the files and settings, deflated (CompressionStream 'deflate-raw') and
 * base64url-encoded into the URL fragment. A fragment is never sent to any server, and the
 * page makes no request with it: it only reads it back.
 */
export interface SharedState {
  readonly files: FileSet;
  readonly settings: PlaygroundSettings;
}

const PREFIX = '#share=';
const FORMAT = 1;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function isSecretsPath(path: string): boolean {
  return /(^|\/)[^/]*\.secrets$|(^|\/)ipsec\.secrets/.test(path);
}

/** The fragment for the state; secrets files are left out unless asked for. */
export async function encodeShareFragment(state: SharedState, includeSecrets: boolean): Promise<string> {
  const files = Object.fromEntries(Object.entries(state.files).filter(([path]) => includeSecrets || !isSecretsPath(path)));
  const json = JSON.stringify({ v: FORMAT, files, settings: state.settings });
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

export function hasShareFragment(hash: string): boolean {
  return hash.startsWith(PREFIX);
}

/** The state in a fragment, or why it cannot be read (a truncated or edited link). */
export async function decodeShareFragment(hash: string, defaults: PlaygroundSettings): Promise<SharedState | { problem: string }> {
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    const data = JSON.parse(new TextDecoder().decode(bytes)) as { v?: unknown; files?: unknown; settings?: Partial<PlaygroundSettings> };
    if (data.v !== FORMAT || typeof data.files !== 'object' || data.files === null) return { problem: 'the link was made by another version of the playground' };
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(data.files as Record<string, unknown>)) {
      if (typeof text === 'string' && /^\/etc\/[\w./-]+$/.test(path) && !path.includes('..')) files[path] = text;
    }
    return { files, settings: { ...defaults, ...data.settings } };
  } catch {
    return { problem: 'the link is damaged (cut short when copied?)' };
  }
}
