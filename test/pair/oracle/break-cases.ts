import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NegotiationCase } from './negotiation-case';

/*
 * Generated west/east pairs: a few working bases, variations both ends still accept, and
 * breaks of each kind made to one side. Each case is written to its own folder; what the
 * plutos make of it is asked live, never stored.
 */

type Keys = Readonly<Record<string, string | null>>;

interface Base {
  readonly name: string;
  readonly conn: Keys;
  readonly ikev1?: boolean;
}

const tunnel: Base = {
  name: 'tunnel',
  conn: { left: '192.1.2.45', right: '192.1.2.23', leftid: '@west', rightid: '@east', authby: 'secret', leftsubnet: '192.0.1.0/24', rightsubnet: '192.0.2.0/24', auto: 'add' },
};
const ikev1: Base = { name: 'ikev1', conn: { ...tunnel.conn, keyexchange: 'ikev1' }, ikev1: true };
const hostToHost: Base = { name: 'host', conn: { left: '192.1.2.45', right: '192.1.2.23', leftid: '@west', rightid: '@east', authby: 'secret', auto: 'add' } };
const ipv6: Base = {
  name: 'ipv6',
  conn: { left: '2001:db8:1:2::45', right: '2001:db8:1:2::23', leftid: '@west', rightid: '@east', authby: 'secret', leftsubnet: '2001:db8:0:1::/64', rightsubnet: '2001:db8:0:2::/64', auto: 'add' },
};
const host6: Base = { name: 'host6', conn: { left: '2001:db8:1:2::45', right: '2001:db8:1:2::23', leftid: '@west', rightid: '@east', authby: 'secret', auto: 'add' } };
const byAddress: Base = { name: 'byaddr', conn: { left: '192.1.2.45', right: '192.1.2.23', authby: 'secret', leftsubnet: '192.0.1.0/24', rightsubnet: '192.0.2.0/24', auto: 'add' } };

interface Variation {
  readonly kind: string;
  readonly label: string;
  readonly bases: readonly Base[];
  readonly west?: Keys;
  readonly east?: Keys;
  /** East writes the conn with left and right swapped, under another name. */
  readonly mirrorEast?: boolean;
  readonly westSecrets?: string;
  readonly eastSecrets?: string;
  readonly westSetup?: Keys;
  readonly eastSetup?: Keys;
}

const PSK = '"ipsec-lint-oracle-psk-0123456789abcdef"';
const psk = (key = PSK, ids = '@west @east'): string => `${ids} : PSK ${key}\n`;
const ppks = (id: string, key: string): string => `@west @east : PPKS "${id}" "${key}"\n`;

const variations: readonly Variation[] = [
  // Both ends accept these.
  { kind: 'up', label: 'same', bases: [host6, tunnel, ikev1, hostToHost, ipv6, byAddress] },
  { kind: 'up', label: 'mirrored-other-name', bases: [host6, tunnel, hostToHost, ipv6, ikev1], mirrorEast: true },
  { kind: 'up', label: 'ike-overlap', bases: [tunnel, ikev1], west: { ike: 'aes256-sha2_512;modp3072,aes128-sha2_256;modp2048' }, east: { ike: 'aes128-sha2_256;modp2048' } },
  { kind: 'up', label: 'esp-overlap', bases: [tunnel, ikev1], west: { esp: 'aes128-sha2_256,aes256-sha2_512' }, east: { esp: 'aes256-sha2_512' } },
  { kind: 'up', label: 'child-dh-differs', bases: [tunnel], west: { esp: 'aes-sha2;modp2048' }, east: { esp: 'aes-sha2;modp3072' } },
  { kind: 'up', label: 'pfs-no-one-side', bases: [tunnel], west: { pfs: 'no' } },
  { kind: 'up', label: 'ppk-both', bases: [tunnel], west: { ppk: 'insist' }, east: { ppk: 'insist' }, westSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-shared-1234567890'), eastSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-shared-1234567890') },
  { kind: 'up', label: 'ppk-permit-one-side', bases: [tunnel], west: { ppk: 'permit' }, westSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-shared-1234567890') },
  { kind: 'up', label: 'psk-hex-vs-text', bases: [tunnel], westSecrets: psk('0x6970736563'), eastSecrets: psk('"ipsec"') },
  { kind: 'up', label: 'transport-both', bases: [host6, hostToHost], west: { type: 'transport' }, east: { type: 'transport' } },
  { kind: 'up', label: 'narrowing-responder-wider', bases: [tunnel], east: { leftsubnet: '192.0.0.0/16', narrowing: 'yes' } },
  { kind: 'up', label: 'esp-order', bases: [tunnel, ikev1, ipv6], west: { esp: 'aes256-sha2_512,aes128-sha2_256' }, east: { esp: 'aes128-sha2_256,aes256-sha2_512' } },
  { kind: 'up', label: 'explicit-vs-default-ike', bases: [tunnel, hostToHost, ipv6], west: { ike: 'aes256-sha2_512;dh19' } },
  { kind: 'up', label: 'null-both', bases: [tunnel, hostToHost], west: { authby: 'null' }, east: { authby: 'null' } },
  { kind: 'up', label: 'legacy-both', bases: [tunnel, ikev1], west: { ike: 'aes128-sha1;modp2048', esp: 'aes128-sha1' }, east: { ike: 'aes128-sha1;modp2048', esp: 'aes128-sha1' } },
  { kind: 'up', label: 'ikev1-pfs-both-no', bases: [ikev1], west: { pfs: 'no' }, east: { pfs: 'no' } },
  { kind: 'up', label: 'wildcard-responder', bases: [tunnel, hostToHost], east: { left: '%any' } },
  // IKE SA refused.
  { kind: 'ike-proposal', label: 'west', bases: [host6, tunnel, ikev1, ipv6, hostToHost], west: { ike: 'aes256-sha2_512;modp3072' }, east: { ike: 'aes128-sha2_256;modp2048' } },
  { kind: 'ike-proposal', label: 'east-3des', bases: [tunnel, ikev1], west: { ike: 'aes128-sha1;modp2048' }, east: { ike: 'aes256-sha2_256;modp2048' } },
  { kind: 'ke-group', label: 'modp', bases: [host6, tunnel, ikev1, hostToHost], west: { ike: 'aes-sha2;modp2048' }, east: { ike: 'aes-sha2;modp3072' } },
  { kind: 'ke-group', label: 'ecp', bases: [tunnel, ipv6, ikev1], west: { ike: 'aes-sha2;dh19' }, east: { ike: 'aes-sha2;dh20' } },
  { kind: 'ike-version', label: 'west-ikev1', bases: [tunnel, hostToHost, ipv6], west: { keyexchange: 'ikev1' }, westSetup: { 'ikev1-policy': 'accept' } },
  { kind: 'ike-version', label: 'east-ikev1', bases: [tunnel, hostToHost, ipv6], east: { keyexchange: 'ikev1' }, eastSetup: { 'ikev1-policy': 'accept' } },
  { kind: 'auth-method', label: 'west-null', bases: [tunnel, hostToHost, ipv6], west: { authby: 'null' } },
  { kind: 'auth-method', label: 'east-null', bases: [host6, tunnel, hostToHost], east: { authby: 'null' } },
  { kind: 'auth-method', label: 'east-leftauth-null', bases: [tunnel], east: { authby: null, leftauth: 'null', rightauth: 'secret' } },
  { kind: 'id', label: 'west-expects', bases: [tunnel, ikev1, hostToHost, ipv6], west: { rightid: '@nobody' }, westSecrets: psk(PSK, '@west @nobody') + psk() },
  { kind: 'id', label: 'east-expects', bases: [host6, tunnel, ikev1, hostToHost, ipv6], east: { leftid: '@nobody' }, eastSecrets: psk(PSK, '@nobody @east') + psk() },
  { kind: 'psk', label: 'east-differs', bases: [host6, tunnel, ikev1, hostToHost, ipv6], eastSecrets: psk('"a-different-psk-0123456789abcdef"') },
  { kind: 'psk', label: 'west-differs', bases: [tunnel, byAddress], westSecrets: psk('"a-different-psk-0123456789abcdef"', '%any'), eastSecrets: psk(PSK, '%any') },
  { kind: 'psk', label: 'east-missing', bases: [tunnel, hostToHost, ikev1], eastSecrets: psk(PSK, '@someone @else') },
  { kind: 'psk', label: 'west-missing', bases: [tunnel, hostToHost, ikev1], westSecrets: psk(PSK, '@someone @else') },
  { kind: 'ppk', label: 'keys-differ', bases: [tunnel], west: { ppk: 'insist' }, east: { ppk: 'insist' }, westSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-west-1234567890'), eastSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-east-0987654321') },
  { kind: 'ppk', label: 'west-insists', bases: [tunnel, hostToHost], west: { ppk: 'insist' }, westSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-shared-1234567890') },
  { kind: 'ppk', label: 'east-insists', bases: [tunnel, hostToHost], east: { ppk: 'insist' }, eastSecrets: psk() + ppks('PPK_ID_1', 'ppk-key-shared-1234567890') },
  // Child SA refused.
  { kind: 'ts', label: 'east-expects-other', bases: [tunnel, ikev1], east: { leftsubnet: '192.0.3.0/24' } },
  { kind: 'ts', label: 'east-expects-other-v6', bases: [ipv6], east: { leftsubnet: '2001:db8:0:3::/64' } },
  { kind: 'ts', label: 'west-expects-other', bases: [tunnel, ikev1], west: { rightsubnet: '192.0.4.0/24' } },
  { kind: 'ts', label: 'overlap-no-narrowing', bases: [tunnel], east: { leftsubnet: '192.0.0.0/16' } },
  { kind: 'ts', label: 'west-host-east-subnet', bases: [tunnel], west: { leftsubnet: null } },
  { kind: 'esp-proposal', label: 'integrity', bases: [host6, tunnel, ikev1, hostToHost, ipv6], west: { esp: 'aes-sha1' }, east: { esp: 'aes-sha2_512' } },
  { kind: 'esp-proposal', label: 'cipher', bases: [tunnel, ikev1, ipv6], west: { esp: 'aes128-sha2_256' }, east: { esp: 'aes256-sha2_256' } },
  { kind: 'esp-proposal', label: 'ah-vs-esp', bases: [tunnel, hostToHost], west: { phase2: 'ah', phase2alg: 'sha2_256' } },
  { kind: 'pfs', label: 'ikev1-pfs-one-side', bases: [ikev1], west: { pfs: 'no' } },
  { kind: 'pfs', label: 'ikev1-pfs-responder-no', bases: [ikev1], east: { pfs: 'no' } },
  { kind: 'pfs', label: 'ikev1-pfs-group', bases: [ikev1], west: { esp: 'aes-sha2;modp2048' }, east: { esp: 'aes-sha2;modp3072' } },
  { kind: 'esp-proposal', label: 'ah-integrity', bases: [tunnel], west: { phase2: 'ah', phase2alg: 'sha2_256' }, east: { phase2: 'ah', phase2alg: 'sha2_512' } },
  { kind: 'mode', label: 'west-transport', bases: [host6, hostToHost, ikev1], west: { type: 'transport', leftsubnet: null, rightsubnet: null }, east: { leftsubnet: null, rightsubnet: null } },
  { kind: 'mode', label: 'east-transport', bases: [host6, hostToHost, ikev1], east: { type: 'transport', leftsubnet: null, rightsubnet: null }, west: { leftsubnet: null, rightsubnet: null } },
  // One end cannot add the conn.
  { kind: 'cannot-add', label: 'west-family', bases: [tunnel], west: { rightsubnet: '2001:db8:0:2::/64' } },
  { kind: 'cannot-add', label: 'east-family', bases: [tunnel], east: { leftsubnet: '2001:db8:0:1::/64' } },
  { kind: 'cannot-add', label: 'east-authby-leftauth', bases: [tunnel], east: { leftauth: 'null', authby: 'secret' } },
  { kind: 'cannot-add', label: 'west-host-family', bases: [hostToHost], west: { rightsubnet: '2001:db8:0:2::/64' } },
  { kind: 'cannot-add', label: 'east-host-family', bases: [hostToHost], east: { leftsubnet: '2001:db8:0:1::/64' } },
  // No partner at that address.
  { kind: 'unreachable', label: 'west-points-elsewhere', bases: [tunnel, hostToHost, ikev1], west: { right: '192.1.2.99' } },
  { kind: 'unreachable', label: 'east-expects-elsewhere', bases: [tunnel, hostToHost, ikev1], east: { left: '192.1.2.99' } },
];

function mirror(keys: Keys): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(keys)) {
    const swapped = k.startsWith('left') ? 'right' + k.slice(4) : k.startsWith('right') ? 'left' + k.slice(5) : k;
    out[swapped] = v;
  }
  return out;
}

function confText(name: string, keys: Keys, setup: Keys): string {
  const lines = ['config setup'];
  for (const [k, v] of Object.entries(setup)) if (v !== null) lines.push(`\t${k}=${v}`);
  lines.push('', `conn ${name}`);
  for (const [k, v] of Object.entries(keys)) if (v !== null) lines.push(`\t${k}=${v}`);
  return lines.join('\n') + '\n';
}

export function breakCases(scratch: string): NegotiationCase[] {
  const cases: NegotiationCase[] = [];
  for (const v of variations) {
    for (const base of v.bases) {
      const id = `${v.kind}/${v.label}/${base.name}`;
      const dir = join(scratch, id.replace(/\//g, '-'));
      mkdirSync(dir, { recursive: true });
      const setup: Keys = base.ikev1 ? { 'ikev1-policy': 'accept' } : {};
      const westKeys = { ...base.conn, ...v.west };
      let eastKeys: Keys = { ...base.conn, ...v.east };
      const eastName = v.mirrorEast ? 'mirrored' : 'tunnel';
      // A break written in west's left/right terms lands on the same end when east mirrors.
      if (v.mirrorEast) eastKeys = mirror(eastKeys);
      const file = (name: string, text: string): string => {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      };
      const addressIds = base === byAddress && !v.westSecrets;
      const defaultSecrets = addressIds ? psk(PSK, '192.1.2.45 192.1.2.23') : psk();
      cases.push({
        id,
        kind: v.kind,
        westConf: file('west.conf', confText('tunnel', westKeys, { ...setup, ...v.westSetup })),
        eastConf: file('east.conf', confText(eastName, eastKeys, { ...setup, ...v.eastSetup })),
        westSecrets: file('west.secrets', v.westSecrets ?? defaultSecrets),
        eastSecrets: file('east.secrets', v.eastSecrets ?? defaultSecrets),
        conn: 'tunnel',
        ...(v.mirrorEast ? { eastConn: eastName } : {}),
      });
    }
  }
  return cases;
}
