// The differential fuzzer's generator: random but plausible ipsec.conf files (a config setup,
// sometimes a %default and templates pulled in with also=, then 1-4 conns), each conn a sane
// base plus a few "features" drawn at random from the options pluto checks when a conn is
// added. The same seed always gives the same file.
import { Random } from './random';
import * as v from './vocabulary';
import type { Family } from './vocabulary';

export type FuzzVersion = '4.10' | '5.2' | '5.4';

/** What a feature writes into: one section's key=value lines, in order, each key once. */
class Section {
  readonly lines = new Map<string, string>();
  set(key: string, value: string): void {
    this.lines.set(key, value);
  }
}

interface Context {
  readonly rng: Random;
  readonly version: FuzzVersion;
  readonly section: Section;
  /** The family most of this conn's addresses come from. */
  readonly family: Family;
}

type Feature = (c: Context) => void;

const side = (rng: Random): 'left' | 'right' => (rng.chance(0.5) ? 'left' : 'right');
const other = (f: Family): Family => (f === 'v4' ? 'v6' : 'v4');
/** Mostly the conn's family, sometimes the other one (a family mix-up). */
const famOf = (c: Context, p = 0.12): Family => (c.rng.chance(p) ? other(c.family) : c.family);

function proposal(rng: Random, encs: readonly string[], integs: readonly string[], withDh: number): string {
  const one = (): string => {
    const parts = [rng.pick(encs)];
    if (rng.chance(0.75)) parts.push(rng.pick(integs));
    let text = parts.join('-');
    if (rng.chance(withDh)) text += (rng.chance(0.5) ? ';' : '-') + rng.pick(v.dhGroups);
    return text;
  };
  const n = rng.weighted([[6, 1], [3, 2], [1, 3]] as const);
  return Array.from({ length: n }, one).join(',');
}

/** Proposals and what decides how they are read: the FIPS sample draws mostly from these. */
const cryptoFeatures: readonly (readonly [number, Feature])[] = [
  [10, (c) => c.section.set('ike', proposal(c.rng, v.ikeEncrypts, v.ikeIntegs, 0.7))],
  [9, (c) => c.section.set(c.version === '5.4' && c.rng.chance(0.2) ? 'phase2alg' : 'esp', proposal(c.rng, v.espEncrypts, v.espIntegs, 0.25))],
  [2, (c) => c.section.set('pfs', 'no')],
  [4, (c) => {
    c.section.set('phase2', c.rng.pick(['ah', 'esp']));
    if (c.rng.chance(0.6)) {
      const key = c.version === '5.4' && c.rng.chance(0.6) ? 'ah' : 'esp';
      c.section.set(key, proposal(c.rng, c.rng.chance(0.5) ? v.ahIntegs : v.espEncrypts, v.espIntegs, 0.1));
    }
  }],
  [4, (c) => {
    const kx = c.rng.weighted([[5, 'ikev2'], [4, 'ikev1'], [1, 'ike']] as const);
    // 4.10 knows no keyexchange=ikev1/ikev2: it spells the IKE version with ikev2=.
    if (c.version === '4.10') c.section.set('ikev2', kx === 'ikev1' ? 'no' : 'insist');
    else c.section.set('keyexchange', kx);
  }],
  [2, (c) => c.section.set('authby', c.rng.pick(v.authbys))],
];

const features: readonly (readonly [number, Feature])[] = [
  ...cryptoFeatures,
  [8, (c) => c.section.set(`${side(c.rng)}subnet`, c.rng.pick(v.subnets[famOf(c)]))],
  [3, (c) => c.section.set(`${side(c.rng)}subnets`, `{${Array.from({ length: c.rng.int(1, 3) }, () => c.rng.pick(v.subnets[famOf(c, 0.05)])).join(' ')}}`)],
  [3, (c) => c.section.set(`${side(c.rng)}protoport`, c.rng.pick(v.protoports))],
  [5, (c) => c.section.set(`${side(c.rng)}sourceip`, c.rng.pick(v.sourceIps[famOf(c)]))],
  [6, (c) => {
    const s = side(c.rng);
    const fam = famOf(c, 0.15);
    c.section.set(`${s}addresspool`, c.rng.chance(0.12) ? `${c.rng.pick(v.pools.v4)},${c.rng.pick(v.pools.v6)}` : c.rng.pick(v.pools[fam]));
    if (c.rng.chance(0.5)) c.section.set(`${s === 'left' ? 'right' : 'left'}modecfgserver`, 'yes');
    if (c.rng.chance(0.3)) c.section.set(`${s}modecfgclient`, 'yes');
    if (c.rng.chance(0.15)) c.section.set(`${s}subnet`, c.rng.pick(v.subnets[fam]));
    if (c.rng.chance(0.1)) c.section.set('narrowing', 'yes');
    if (c.rng.chance(0.1)) c.section.set(`${s}cat`, 'yes');
  }],
  [3, (c) => c.section.set(`${side(c.rng)}${c.rng.pick(['modecfgserver', 'modecfgclient', 'xauthserver', 'xauthclient'])}`, 'yes')],
  [3, (c) => c.section.set(`${side(c.rng)}cat`, 'yes')],
  [8, (c) => c.section.set('authby', c.rng.pick(v.authbys))],
  [6, (c) => {
    c.section.set(`${side(c.rng)}auth`, c.rng.pick(v.endAuths));
    if (c.rng.chance(0.6)) c.section.set(`${side(c.rng)}auth`, c.rng.pick(v.endAuths));
  }],
  [3, (c) => {
    const s = side(c.rng);
    c.section.set(`${s}auth`, 'eaponly');
    c.section.set(`${s}autheap`, c.rng.pick(['tls', 'none', 'tls']));
    if (c.rng.chance(0.3)) c.section.set('keyexchange', 'ikev1');
  }],
  [7, (c) => c.section.set('keyexchange', c.rng.weighted([[5, 'ikev2'], [4, 'ikev1'], [1, 'ike']] as const))],
  [2, (c) => c.section.set('ikev2', c.rng.pick(['no', 'insist', 'permit', 'propose', 'yes', 'never']))],
  [4, (c) => {
    c.section.set('aggressive', 'yes');
    if (c.rng.chance(0.6)) c.section.set('keyexchange', 'ikev1');
  }],
  [6, (c) => c.section.set('type', c.rng.pick(['transport', 'passthrough', 'drop', 'reject', 'tunnel', 'pass']))],
  [4, (c) => c.section.set('ikelifetime', c.rng.pick(v.lifetimes))],
  [4, (c) => c.section.set(c.rng.pick(['salifetime', 'ipsec-lifetime', 'keylife', 'lifetime']), c.rng.pick(v.saLifetimes))],
  [3, (c) => c.section.set('rekeymargin', c.rng.pick(v.margins))],
  [3, (c) => c.section.set('rekeyfuzz', c.rng.pick(v.fuzzes))],
  [2, (c) => c.section.set('dpddelay', c.rng.pick(v.dpdDelays))],
  [2, (c) => c.section.set('retransmit-timeout', c.rng.pick(['60s', '10m', '0', '1h']))],
  [2, (c) => c.section.set('replay-window', c.rng.pick(v.replayWindows))],
  [3, (c) => {
    c.section.set('tcp-remoteport', c.rng.pick(v.ports));
    if (c.rng.chance(0.6)) c.section.set('enable-tcp', c.rng.pick(['yes', 'fallback', 'no']));
  }],
  [2, (c) => c.section.set('encapsulation', c.rng.pick(['yes', 'no', 'auto']))],
  [4, (c) => c.section.set('nic-offload', c.rng.pick(['yes', 'no', 'packet', 'crypto']))],
  [4, (c) => {
    c.section.set('iptfs', c.rng.pick(['yes', 'yes', 'no']));
    if (c.rng.chance(0.3)) c.section.set('iptfs-packet-size', c.rng.pick(['1400', '0', '100', '64k']));
    if (c.rng.chance(0.2)) c.section.set('iptfs-fragmentation', 'no');
  }],
  [4, (c) => {
    c.section.set('vti-interface', c.rng.pick(['vti0', 'vti01', 'ipsec-vti']));
    if (c.rng.chance(0.6)) c.section.set('mark', c.rng.pick(v.marks));
    if (c.rng.chance(0.4)) c.section.set('vti-routing', c.rng.pick(['yes', 'no']));
    if (c.rng.chance(0.3)) c.section.set(`${side(c.rng)}vti`, c.rng.pick(v.vtiAddresses));
  }],
  [2, (c) => c.section.set(c.rng.pick(['mark', 'mark-in', 'mark-out']), c.rng.pick(v.marks))],
  [2, (c) => c.section.set('mobike', 'yes')],
  [2, (c) => c.section.set('fragmentation', c.rng.pick(['force', 'no', 'yes', 'insist']))],
  [2, (c) => c.section.set('ppk', c.rng.pick(['insist', 'propose', 'permit', 'never']))],
  [2, (c) => c.section.set('esn', c.rng.pick(['yes', 'either', 'no']))],
  [2, (c) => c.section.set('compress', 'yes')],
  [1, (c) => c.section.set('sha2-truncbug', 'yes')],
  [1, (c) => c.section.set('ms-dh-downgrade', 'yes')],
  [1, (c) => c.section.set('intermediate', 'yes')],
  [1, (c) => c.section.set('overlapip', 'yes')],
  [1, (c) => c.section.set('remote-peer-type', 'cisco')],
  [1, (c) => c.section.set('cisco-unity', 'yes')],
  [1, (c) => c.section.set('xauthby', c.rng.pick(['file', 'pam', 'alwaysok']))],
  [2, (c) => c.section.set(`${side(c.rng)}id`, c.rng.pick(['@west', '@east.example', '%fromcert', '192.0.2.1', '%any', '@[keyid]', 'C=CA, O=Example, CN=west', '%none']))],
  [1, (c) => c.section.set('modecfgdns', c.rng.pick(['192.0.2.53', '2001:db8::53', '192.0.2.53, 198.51.100.53']))],
  [1, (c) => c.section.set('modecfgpull', 'yes')],
  [1, (c) => c.section.set('session-resumption', 'yes')],
  [1, (c) => c.section.set('ikepad', 'no')],
  [1, (c) => c.section.set('reqid', c.rng.pick(['100', '0', '16385', '65536']))],
  [1, (c) => c.section.set('priority', c.rng.pick(['100', '0', '65536']))],
  [2, (c) => c.section.set('failureshunt', c.rng.pick(['reject', 'drop', 'passthrough', 'none', 'hold']))],
  [2, (c) => c.section.set('negotiationshunt', c.rng.pick(['hold', 'drop', 'passthrough']))],
  [1, (c) => c.section.set('send-redirect', c.rng.pick(['yes', 'auto']))],
  [1, (c) => c.section.set('accept-redirect', 'yes')],
  [1, (c) => c.section.set('redirect-to', '192.0.2.77')],
  [1, (c) => c.section.set('sec-label', 'system_u:object_r:ipsec_spd_t:s0')],
  [1, (c) => c.section.set('mtu', c.rng.pick(['1400', '0', '68']))],
  [1, (c) => c.section.set('decap-dscp', 'yes')],
  [1, (c) => c.section.set(`${side(c.rng)}ikeport`, c.rng.pick(['4500', '500', '0', '2000']))],
  [1, (c) => c.section.set('nat-ikev1-method', c.rng.pick(['none', 'rfc', 'drafts']))],
  [1, (c) => c.section.set(`${side(c.rng)}nexthop`, c.rng.pick([...v.hosts[famOf(c)], '%direct', '%defaultroute']))],
  [1, (c) => c.section.set('hostaddrfamily', c.rng.pick(['ipv4', 'ipv6']))],
  [1, (c) => c.section.set('clientaddrfamily', c.rng.pick(['ipv4', 'ipv6']))],
];

export type Profile = 'mixed' | 'crypto';

function applyFeatures(c: Context, count: number, profile: Profile = 'mixed'): void {
  if (profile === 'crypto') for (let i = c.rng.int(1, 3); i > 0; i--) c.rng.weighted(cryptoFeatures)(c);
  for (let i = 0; i < count; i++) c.rng.weighted(features)(c);
}

function host(c: Context): string {
  return c.rng.chance(0.18) ? c.rng.pick(v.specialHosts[famOf(c, 0.1)]) : c.rng.pick(v.hosts[famOf(c, 0.06)]);
}

function write(name: string, section: Section, out: string[]): void {
  out.push(`conn ${name}`);
  for (const [k, value] of section.lines) out.push(`\t${k}=${/[\s#]/.test(value) ? `"${value}"` : value}`);
  out.push('');
}

/** One generated ipsec.conf (text only: every fact about it comes from the oracles). */
export function generateFile(seed: number, version: FuzzVersion, profile: Profile = 'mixed'): string {
  const rng = new Random(seed);
  const out: string[] = [`# oracle-fuzz seed ${seed} for Libreswan ${version}`, 'config setup'];
  const policy = rng.weighted([[6, 'accept'], [2, 'drop'], [1, 'reject'], [1, undefined]] as const);
  if (policy) out.push(`\tikev1-policy=${policy}`);
  if (rng.chance(0.05)) out.push(`\tvirtual-private=%v4:10.0.0.0/8,%v6:2001:db8::/32`);
  out.push('');
  const family = (): Family => (rng.chance(0.75) ? 'v4' : 'v6');

  if (rng.chance(0.15)) {
    const section = new Section();
    applyFeatures({ rng, version, section, family: family() }, rng.int(1, 2));
    write('%default', section, out);
  }
  const templates: string[] = [];
  for (let t = 0, n = rng.weighted([[5, 0], [3, 1], [2, 2]] as const); t < n; t++) {
    const section = new Section();
    const name = `base${t + 1}`;
    const ctx = { rng, version, section, family: family() };
    if (rng.chance(0.4)) section.set('left', host(ctx));
    if (t > 0 && rng.chance(0.5)) section.set('also', templates[t - 1]);
    applyFeatures(ctx, rng.int(1, 3));
    templates.push(name);
    write(name, section, out);
  }
  for (let i = 0, n = rng.int(1, 4); i < n; i++) {
    const section = new Section();
    const ctx = { rng, version, section, family: family() };
    if (templates.length > 0 && rng.chance(0.6)) section.set('also', rng.pick(templates));
    else if (rng.chance(0.03)) section.set('also', 'missing-template');
    if (rng.chance(0.96)) section.set('left', host(ctx));
    if (rng.chance(0.96)) section.set('right', host(ctx));
    if (rng.chance(0.5)) section.set('leftsubnet', rng.pick(v.subnets[ctx.family]));
    if (rng.chance(0.5)) section.set('rightsubnet', rng.pick(v.subnets[ctx.family]));
    applyFeatures(ctx, profile === 'crypto' ? rng.int(0, 1) : rng.weighted([[2, 0], [4, 1], [3, 2], [2, 3], [1, 4]] as const), profile);
    section.set('auto', rng.weighted([[8, 'add'], [1, 'ignore'], [1, '']] as const));
    if (section.lines.get('auto') === '') section.lines.delete('auto');
    write(`c${i + 1}`, section, out);
  }
  return out.join('\n');
}
