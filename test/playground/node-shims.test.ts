import { createHash as nodeCreateHash } from 'node:crypto';
import { posix as nodePath } from 'node:path';
import { fileURLToPath as nodeFileURLToPath, pathToFileURL as nodePathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Buffer as shimBuffer } from '../../playground/node-shims/buffer';
import { createHash as shimCreateHash } from '../../playground/node-shims/crypto';
import * as shimPath from '../../playground/node-shims/path';
import { fileURLToPath as shimFileURLToPath, pathToFileURL as shimPathToFileURL } from '../../playground/node-shims/url';

// The playground's bundle replaces the service's few Node imports with these; they must
// answer exactly as Node does, or the page would lint differently from the CLI.
const segment = fc.constantFrom('', '.', '..', 'etc', 'ipsec.d', 'a.conf', '*.conf', 'x y', 'é', '%41', '#', '?');
const path = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean()).map(([abs, parts, slash]) => {
  const body = parts.join('/');
  return `${abs ? '/' : ''}${body}${slash && body !== '' ? '/' : ''}`;
});
const runs = { numRuns: 400, seed: 13 };

describe('node-shims agree with Node', () => {
  it('path: normalize, join, dirname, basename, extname, isAbsolute, resolve, relative', () => {
    fc.assert(
      fc.property(path, path, (a, b) => {
        expect(shimPath.normalize(a)).toBe(nodePath.normalize(a));
        expect(shimPath.join(a, b)).toBe(nodePath.join(a, b));
        expect(shimPath.dirname(a)).toBe(nodePath.dirname(a));
        expect(shimPath.basename(a)).toBe(nodePath.basename(a));
        expect(shimPath.basename(a, '.conf')).toBe(nodePath.basename(a, '.conf'));
        expect(shimPath.extname(a)).toBe(nodePath.extname(a));
        expect(shimPath.isAbsolute(a)).toBe(nodePath.isAbsolute(a));
        // The page has no working directory; Node's is replaced by `/` for the comparison.
        if (shimPath.isAbsolute(a)) {
          expect(shimPath.resolve(a, b)).toBe(nodePath.resolve(a, b));
          if (shimPath.isAbsolute(b)) expect(shimPath.relative(a, b)).toBe(nodePath.relative(a, b));
        }
      }),
      runs,
    );
  });

  it('url: pathToFileURL and fileURLToPath', () => {
    fc.assert(
      fc.property(path, (p) => {
        const absolute = nodePath.resolve('/', p);
        expect(shimPathToFileURL(absolute).href).toBe(nodePathToFileURL(absolute).href);
        expect(shimFileURLToPath(shimPathToFileURL(absolute).href)).toBe(nodeFileURLToPath(nodePathToFileURL(absolute).href));
      }),
      runs,
    );
  });

  it('Buffer.from: utf8, hex and base64 (as leniently as Node)', () => {
    const base64ish = fc.string({ unit: fc.constantFrom(...'ABCxyz019+/-_= \n!'.split('')), maxLength: 40 });
    const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxg_ '.split('')), maxLength: 40 });
    fc.assert(
      fc.property(base64ish, hexish, fc.string({ maxLength: 30 }), (b64, hex, text) => {
        expect([...shimBuffer.from(b64, 'base64')]).toEqual([...Buffer.from(b64, 'base64')]);
        expect([...shimBuffer.from(hex, 'hex')]).toEqual([...Buffer.from(hex, 'hex')]);
        expect([...shimBuffer.from(text, 'utf8')]).toEqual([...Buffer.from(text, 'utf8')]);
      }),
      runs,
    );
  });

  it("crypto: createHash('sha256') over any bytes, one chunk or several", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 80 }), (a, b) => {
        expect(shimCreateHash('sha256').update(a).update(b).digest('hex')).toBe(nodeCreateHash('sha256').update(a).update(b).digest('hex'));
      }),
      { numRuns: 500, seed: 13 },
    );
    expect(shimCreateHash('sha256').update(new Uint8Array(0)).digest('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
