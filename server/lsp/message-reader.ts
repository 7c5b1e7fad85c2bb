import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-jsonrpc';

/** No real message comes near this; a bigger Content-Length is refused before anything is buffered for it. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = /content-length/i;

/**
 * Reads LSP's base protocol (`Content-Length: N` headers, then N bytes of JSON) and, unlike
 * vscode-jsonrpc's reader, recovers from a bad message: a header without a number, an
 * absurd length or a body that is not JSON is reported (the server answers JSON-RPC's
 * ParseError) and skipped, and reading resumes at the next `Content-Length` header. The
 * stock reader stops understanding anything after one such message, leaving the server
 * alive but deaf.
 */
export class RecoveringMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;
  private callback: DataCallback | undefined;

  constructor(private readonly readable: Readable) {
    super();
    readable.on('error', (error: Error) => this.fireError(error));
    readable.on('close', () => this.fireClose());
    readable.on('end', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer): void => this.onData(chunk);
    this.readable.on('data', onData);
    return Disposable.create(() => {
      this.callback = undefined;
      this.readable.off('data', onData);
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.bodyLength < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          // Headers are a few dozen bytes; a megabyte without their end is not a header.
          if (this.buffer.length > 64 * 1024) this.skipToNextHeader('a header without its end', 1);
          return;
        }
        const header = this.buffer.subarray(0, end).toString('ascii');
        const length = contentLengthOf(header);
        if (typeof length === 'string') {
          this.skipToNextHeader(length, end + HEADER_END.length);
          continue;
        }
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        this.bodyLength = length;
      }
      if (this.buffer.length < this.bodyLength) return;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch (error) {
        this.fireError(new Error(`the message body is not JSON (${(error as Error).message})`));
        continue;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        this.fireError(new Error('the message body is not a JSON-RPC object'));
        continue;
      }
      this.callback?.(message as Message);
    }
  }

  /** Reports a bad header and drops bytes up to the next header that could be a good one. */
  private skipToNextHeader(problem: string, from: number): void {
    this.fireError(new Error(problem));
    const rest = this.buffer.subarray(from);
    const next = rest.toString('latin1').search(CONTENT_LENGTH);
    this.buffer = next < 0 ? Buffer.alloc(0) : rest.subarray(next);
  }
}

/** The body length a header announces, or what is wrong with it. */
function contentLengthOf(header: string): number | string {
  let length: number | string = 'a header without Content-Length';
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a header line without ':' (${JSON.stringify(line.slice(0, 40))})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return `Content-Length must be a number of bytes, not ${JSON.stringify(value.slice(0, 40))}`;
    const n = Number(value);
    if (n > MAX_MESSAGE_BYTES) return `Content-Length ${value} is over the limit of ${MAX_MESSAGE_BYTES} bytes`;
    length = n;
  }
  return length;
}
