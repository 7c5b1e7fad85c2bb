import type { Random } from './random';

/** One fuzz input: an entry file's bytes, and the other files its includes may reach. */
export interface FuzzInput {
  readonly shape: string;
  readonly kind: 'conf' | 'secrets' | 'policy';
  readonly path: string;
  readonly bytes: Buffer;
  /** Other files by absolute path (include graphs), read through a memory file system. */
  readonly files: ReadonlyMap<string, Buffer>;
}

const words = [
  'conn', 'config setup', 'include', 'also=', 'left=', 'right=', 'leftsubnet=', 'rightid=', 'auto=', 'ike=', 'esp=',
  'authby=', '%default', '%any', '@west', ':', 'PSK', 'XAUTH', '"', "'", '#', '=', '\t', ' ', '\n', '\r\n', '\r', '\\',
  '192.0.2.1', '10.0.0.0/8', '2001:db8::/32', 'aes256-sha2;modp2048', '{', '}', '*', '?', '[', '0x', '0s', '\u00e9', '\u{1f600}',
];

/** Mutations of a real file: what a broken generator, a bad merge or an attacker writes. */
export function mutate(random: Random, text: string): Buffer {
  let s = text;
  const steps = 1 + random.int(6);
  for (let i = 0; i < steps; i++) {
    const at = random.int(s.length + 1);
    switch (random.int(12)) {
      case 0:
        s = s.slice(0, at) + random.pick(words) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + random.int(20));
        break;
      case 2: {
        const lines = s.split('\n');
        const j = random.int(lines.length);
        lines.splice(random.int(lines.length), 0, ...Array.from({ length: 1 + random.int(4) }, () => lines[j]));
        s = lines.join('\n');
        break;
      }
      case 3: {
        const lines = s.split('\n');
        const a = random.int(lines.length);
        const b = random.int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join('\n');
        break;
      }
      case 4:
        s = s.slice(0, at) + '\u0000' + s.slice(at);
        break;
      case 5:
        s = s.replace(/\r?\n/g, '\r');
        break;
      case 6:
        s = s.replace(/\n/g, '\r\n');
        break;
      case 7:
        s = s.slice(0, at) + random.pick(words).repeat(1 + random.int(random.chance(0.1) ? 2000 : 50)) + s.slice(at);
        break;
      case 8:
        s = s.slice(0, at) + '\n' + s.slice(at);
        break;
      case 9:
        s = s.slice(0, at) + '\t' + s.slice(at);
        break;
      case 10:
        s = s.slice(0, at) + String.fromCharCode(random.int(0x3000)) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + s.slice(random.int(s.length + 1));
        break;
    }
  }
  const bytes = Buffer.from(s, 'utf8');
  if (!random.chance(0.05)) return bytes;
  // Bytes no UTF-8 encoder writes: a lone continuation byte, an overlong form, a cut sequence.
  const bad = random.pick([Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xff])]);
  const at = random.int(bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
}

const ends = '\tleft=192.0.2.1\n\tright=192.0.2.2\n';

/** Shapes that once cost super-linear time: deep and wide also=, include graphs, huge lines. */
export function shape(random: Random): FuzzInput {
  const none = new Map<string, Buffer>();
  const n = 1 + random.int(random.chance(0.03) ? 3000 : 200);
  switch (random.int(7)) {
    case 0: {
      let t = '';
      for (let i = 0; i < n; i++) t += `conn c${i}\n${random.chance(0.5) ? ends : ''}\talso=c${random.chance(0.05) ? random.int(n + 1) : i + 1}\n`;
      return { shape: 'deep-also', kind: 'conf', path: '/etc/ipsec.conf', bytes: Buffer.from(t), files: none };
    }
    case 1: {
      let t = `conn hub\n${ends}`;
      for (let i = 0; i < n; i++) t += `\talso=f${random.int(n)}\n`;
      for (let i = 0; i < n; i++) t += `conn f${i}\n\tikelifetime=${random.int(24) + 1}h\n${random.chance(0.1) ? `\talso=f${random.int(n)}\n` : ''}`;
      return { shape: 'wide-also', kind: 'conf', path: '/etc/ipsec.conf', bytes: Buffer.from(t), files: none };
    }
    case 2: {
      // A random include graph over a few files, with loops, globs and self-includes.
      const count = 1 + random.int(8);
      const files = new Map<string, Buffer>();
      const name = (i: number): string => `/etc/ipsec.d/f${i}.conf`;
      for (let i = 0; i < count; i++) {
        let t = `conn g${i}\n${ends}`;
        for (let k = random.int(5); k > 0; k--) t += random.chance(0.3) ? 'include /etc/ipsec.d/*.conf\n' : `include ${name(random.int(count + 1))}\n`;
        files.set(name(i), Buffer.from(t));
      }
      const entry = `include /etc/ipsec.d/*.conf\ninclude /etc/ipsec.conf\nconn top\n${ends}`;
      return { shape: 'include-graph', kind: 'conf', path: '/etc/ipsec.conf', bytes: Buffer.from(entry), files };
    }
    case 3: {
      const line = random.pick(['x', 'leftsubnet=', '"', '#', 'a=b ', '\t', ' ']).repeat(1000 + random.int(random.chance(0.1) ? 60_000 : 5000));
      return { shape: 'huge-line', kind: random.pick(['conf', 'secrets', 'policy'] as const), path: '/etc/ipsec.conf', bytes: Buffer.from(`conn a\n\t${line}\n`), files: none };
    }
    case 4:
      return { shape: 'nul', kind: random.pick(['conf', 'secrets'] as const), path: '/etc/ipsec.conf', bytes: Buffer.from(`conn a\n\tleft=\u0000${'\u0000'.repeat(random.int(100))}\n`), files: none };
    case 5:
      return { shape: 'cr-only', kind: 'conf', path: '/etc/ipsec.conf', bytes: Buffer.from(`conn a\r${ends.replace(/\n/g, '\r')}`.repeat(1 + random.int(50))), files: none };
    default: {
      let t = '';
      for (let i = 0; i < n; i++) t += `\tunknown-key-${random.int(5)}=${i}\n`;
      return { shape: 'repeated-unknown', kind: 'conf', path: '/etc/ipsec.conf', bytes: Buffer.from(`conn a\n${t}`), files: none };
    }
  }
}
