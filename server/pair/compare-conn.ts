import type { LibreswanVersion } from '../../schemas/keywords';
import { endAuthMethods, endIdKey, type End } from '../model/conn-ids';
import type { ResolvedConn, Setting } from '../model/connections';
import { findSecret, type LoadedSecrets, type PlacedSecret } from '../model/secrets-index';
import { cidrsOverlap, connHeader, connValue, hostKind, ikeVersionOf, parseCidr, subnetsOf, type Cidr } from '../rules/left-right/ends';
import type { Notification, PairFinding, PairLocation } from './findings';
import { orient, other } from './orient';
import { offerOf, offersIntersect } from './proposals';
import { secretDigest } from './secret-digest';
import { endPublicKey } from './public-keys';
import { signatureAuthbyItems } from '../../schemas/conn-facts';

/** One host's copy of a conn, with the end that is that host. */
export interface HostConn {
  readonly conn: ResolvedConn;
  readonly local: End;
  readonly secrets: LoadedSecrets | undefined;
}

function settingAt(s: Setting): PairLocation {
  return { file: s.source.file.path, range: s.source.line.value?.range ?? s.source.line.key.range, text: `${s.source.line.key.text}=${s.value}` };
}

/** The line to change: the setting when it is written somewhere, else the conn's header. */
function at(host: HostConn, key: string): PairLocation {
  const s = host.conn.settings.get(key);
  if (s) return settingAt(s);
  return { ...connHeader(host.conn), text: `conn ${host.conn.name} (${key}= not set: the default applies)` };
}

/** A public-key line, shortened: the key is public, but hundreds of characters of it help nobody. */
function keyAt(s: Setting): PairLocation {
  const value = s.value.replace(/\s+/g, '');
  return { ...settingAt(s), text: `${s.source.line.key.text}=${value.length > 24 ? `${value.slice(0, 24)}… (${value.length} characters)` : value}` };
}

function firstSet(host: HostConn, keys: readonly string[]): PairLocation {
  for (const k of keys) if (host.conn.settings.has(k)) return at(host, k);
  return at(host, keys[0]);
}

function secretAt(placed: PlacedSecret): PairLocation {
  // The record's selectors only: the secret itself stays out of every output.
  const selectors = placed.record.indices.map((i) => i.value).join(' ');
  return { file: placed.file.path, range: placed.record.range, text: `${selectors}${selectors ? ' ' : ''}: ${placed.record.kind.toUpperCase()} (secret not shown)` };
}

/** The traffic an end protects: its subnets, or its host address; undefined when only known at run time. */
function clientOf(host: HostConn, end: End): Cidr[] | undefined {
  const conn = host.conn;
  if (conn.settings.has(end + 'addresspool') || conn.settings.has(end + 'modecfgclient')) return undefined;
  const subnet = conn.settings.get(end + 'subnet') ?? conn.settings.get(end + 'subnets');
  if (subnet) {
    const cidrs = subnetsOf(subnet.value).flatMap((s) => (s.cidr ? [s.cidr] : []));
    return cidrs.length > 0 ? cidrs : undefined;
  }
  const hostValue = conn.settings.get(end)?.value.trim() ?? '';
  if (hostKind(hostValue) !== 'address') return undefined;
  const c = parseCidr(hostValue);
  return c ? [c] : undefined;
}

function cidrText(cidrs: readonly Cidr[]): string {
  return cidrs.map(([a, n]) => `${a.toString()}/${n}`).join(',');
}

function sameCidrs(a: readonly Cidr[], b: readonly Cidr[]): boolean {
  const key = (c: Cidr): string => `${c[0].toNormalizedString()}/${c[1]}`;
  const sa = new Set(a.map(key));
  return a.length === b.length && b.every((c) => sa.has(key(c)));
}

function isYesLike(v: string | undefined): boolean {
  return v !== undefined && ['yes', 'y', 'true', 'on', '1'].includes(v);
}

const ppkUsed = new Set(['permit', 'propose', 'insist', 'yes', 'always', 'y', 'true', 'on']);

/**
 * Predicts what the two hosts would answer each other for one conn: proposals, traffic
 * selectors, ids, authentication methods, PSKs and PPKs. Each finding names both lines.
 */
export function compareConn(
  westConn: ResolvedConn,
  westSecrets: LoadedSecrets | undefined,
  eastConn: ResolvedConn,
  eastSecrets: LoadedSecrets | undefined,
  version: LibreswanVersion,
  westAll: readonly ResolvedConn[] = [westConn],
  eastAll: readonly ResolvedConn[] = [eastConn],
): PairFinding[] {
  const o = orient(westConn, eastConn);
  const west: HostConn = { conn: westConn, local: o.west, secrets: westSecrets };
  const east: HostConn = { conn: eastConn, local: o.east, secrets: eastSecrets };
  const name = westConn.name;
  const out: PairFinding[] = [];
  const add = (notification: Notification, message: string, w: PairLocation, e: PairLocation, severity: 'error' | 'warning' = 'error'): void => {
    out.push({ conn: name, notification, severity, message, west: w, east: e });
  };

  const wVersion = ikeVersionOf(westConn);
  const eVersion = ikeVersionOf(eastConn);
  if (wVersion !== eVersion) {
    add('NO_PROPOSAL_CHOSEN', `west speaks IKEv${wVersion} and east IKEv${eVersion}: the responder finds no conn for the other version and refuses (or ignores) the exchange. Use the same IKE version on both hosts`,
      firstSet(west, ['keyexchange', 'ikev2']), firstSet(east, ['keyexchange', 'ikev2']));
    return out;
  }

  const ikeW = offerOf(westConn, 'ike', wVersion, version);
  const ikeE = offerOf(eastConn, 'ike', eVersion, version);
  if (offersIntersect(ikeW, ikeE, false) === false) {
    add('NO_PROPOSAL_CHOSEN', `no IKE proposal of west (${ikeW.result.expansion.join(', ')}) matches one of east (${ikeE.result.expansion.join(', ')}): the IKE SA is refused. Give both hosts a common ike= proposal`, at(west, 'ike'), at(east, 'ike'));
  }
  const wPhase2 = connValue(westConn, 'phase2') ?? 'esp';
  const ePhase2 = connValue(eastConn, 'phase2') ?? 'esp';
  const never = (c: ResolvedConn): boolean => ['passthrough', 'pass', 'drop', 'reject'].includes(connValue(c, 'type') ?? '');
  if (never(westConn) || never(eastConn)) return out;
  if (wPhase2 !== ePhase2) {
    add('NO_PROPOSAL_CHOSEN', `west uses phase2=${wPhase2} and east phase2=${ePhase2}: no Child SA proposal can match. Use the same phase2= on both hosts`, at(west, 'phase2'), at(east, 'phase2'));
  } else {
    const protocol = wPhase2 === 'ah' ? 'ah' : 'esp';
    const childW = offerOf(westConn, protocol, wVersion, version);
    const childE = offerOf(eastConn, protocol, eVersion, version);
    if (offersIntersect(childW, childE, true) === false) {
      add('NO_PROPOSAL_CHOSEN', `no ${protocol.toUpperCase()} proposal of west (${childW.result.expansion.join(', ')}) matches one of east (${childE.result.expansion.join(', ')}): the Child SA is refused. Give both hosts a common ${protocol}= proposal`,
        firstSet(west, [protocol, 'phase2alg']), firstSet(east, [protocol, 'phase2alg']));
    }
  }
  const wType = connValue(westConn, 'type') ?? 'tunnel';
  const eType = connValue(eastConn, 'type') ?? 'tunnel';
  if (wType !== eType) {
    add('NO_PROPOSAL_CHOSEN', `west asks for type=${wType} and east for type=${eType}: the responder refuses a mode its conn does not allow. Use the same type= on both hosts`, at(west, 'type'), at(east, 'type'), 'warning');
  }

  // Traffic selectors: what each host protects must be what the peer expects behind it.
  const narrowing = isYesLike(connValue(westConn, 'narrowing')) || isYesLike(connValue(eastConn, 'narrowing'));
  for (const [a, b, aName, bName] of [[west, east, 'west', 'east'], [east, west, 'east', 'west']] as const) {
    const mine = clientOf(a, a.local);
    const expected = clientOf(b, other(b.local));
    if (!mine || !expected || sameCidrs(mine, expected)) continue;
    const overlap = mine.some((m) => expected.some((e) => cidrsOverlap(m, e)));
    if (narrowing && overlap) continue;
    // A responder whose conn does not fit the proposed selectors switches to another conn
    // between the same hosts that does, so only a mismatch with every such conn fails.
    const aWants = clientOf(a, other(a.local));
    const switchable = aWants && (aName === 'west' ? eastAll : westAll).some((alt) => {
      const alternative: HostConn = { conn: alt, local: b.local, secrets: b.secrets };
      const altMine = clientOf(alternative, b.local);
      const altPeer = clientOf(alternative, other(b.local));
      return altMine && altPeer && sameCidrs(altMine, aWants) && sameCidrs(altPeer, mine);
    });
    if (switchable) continue;
    const aKey = a.conn.settings.has(a.local + 'subnet') ? a.local + 'subnet' : a.local;
    const bKey = b.conn.settings.has(other(b.local) + 'subnet') ? other(b.local) + 'subnet' : other(b.local);
    const wLoc = aName === 'west' ? at(a, aKey) : at(b, bKey);
    const eLoc = aName === 'west' ? at(b, bKey) : at(a, aKey);
    add('TS_UNACCEPTABLE', `${aName} protects ${cidrText(mine)} on its own end, but ${bName} expects ${cidrText(expected)} there: the Child SA's traffic selectors do not match${overlap ? ' (they overlap: narrowing=yes on the responder would let it narrow)' : ''}. Make the two lines name the same subnet`, wLoc, eLoc);
  }

  // Identities and authentication methods, each host's view of the other.
  for (const [a, b, aName, bName] of [[west, east, 'west', 'east'], [east, west, 'east', 'west']] as const) {
    const presented = endIdKey(b.conn, b.local);
    const expected = endIdKey(a.conn, other(a.local));
    const rid = other(a.local) + 'id';
    const lid = b.local + 'id';
    if (presented && expected && presented !== expected) {
      const [wLoc, eLoc] = aName === 'west' ? [firstSet(a, [rid, other(a.local)]), firstSet(b, [lid, b.local])] : [firstSet(b, [lid, b.local]), firstSet(a, [rid, other(a.local)])];
      add('AUTHENTICATION_FAILED', `${aName} expects its peer to identify as ${(a.conn.settings.get(rid) ?? a.conn.settings.get(other(a.local)))?.value}, but ${bName} presents ${(b.conn.settings.get(lid) ?? b.conn.settings.get(b.local))?.value}: no conn matches the peer's id. Make both lines the same id`, wLoc, eLoc);
    }
    const methods = endAuthMethods(b.conn, b.local);
    const accepted = endAuthMethods(a.conn, other(a.local));
    const sigs = (m: string): string => (m.startsWith('rsa') ? 'rsa' : m.startsWith('ecdsa') ? 'ecdsa' : m);
    if (!methods.some((m) => accepted.map(sigs).includes(sigs(m)))) {
      const [wLoc, eLoc] = aName === 'west' ? [firstSet(a, [other(a.local) + 'auth', 'authby']), firstSet(b, [b.local + 'auth', 'authby'])] : [firstSet(b, [b.local + 'auth', 'authby']), firstSet(a, [other(a.local) + 'auth', 'authby'])];
      add('AUTHENTICATION_FAILED', `${bName} authenticates with ${methods.join('/')} but ${aName} accepts ${accepted.join('/')} from it. Use the same method on both hosts`, wLoc, eLoc);
    }
  }

  // Raw public keys: the key a host signs with must be the one its peer verifies with.
  for (const [a, b, aName, bName] of [[west, east, 'west', 'east'], [east, west, 'east', 'west']] as const) {
    if (!endAuthMethods(a.conn, a.local).some((m) => signatureAuthbyItems.has(m))) continue;
    const own = endPublicKey(a.conn, a.local);
    const seen = endPublicKey(b.conn, other(b.local));
    if (!own || !seen || own.digest === seen.digest) continue;
    const [wLoc, eLoc] = aName === 'west' ? [keyAt(own.setting), keyAt(seen.setting)] : [keyAt(seen.setting), keyAt(own.setting)];
    add('AUTHENTICATION_FAILED', `${bName} verifies ${aName}'s signature with ${seen.setting.source.line.key.text}=, which is not the key ${aName} signs with (its ${own.setting.source.line.key.text}=): the AUTH payload does not verify. Copy ${aName}'s public key ('ipsec showhostkey' on ${aName}) into both lines`, wLoc, eLoc);
  }

  // Pre-shared keys: the same bytes on both hosts, compared by digest only.
  const pskW = endAuthMethods(westConn, west.local).includes('secret') || endAuthMethods(westConn, other(west.local)).includes('secret');
  if (pskW && westSecrets && eastSecrets) {
    const wRecord = findSecret(westSecrets, 'psk', endIdKey(westConn, west.local), endIdKey(westConn, other(west.local)));
    const eRecord = findSecret(eastSecrets, 'psk', endIdKey(eastConn, east.local), endIdKey(eastConn, other(east.local)));
    if (wRecord && eRecord) {
      const dw = secretDigest(wRecord);
      const de = secretDigest(eRecord);
      if (dw && de && dw !== de) {
        add('AUTHENTICATION_FAILED', 'the two hosts use different PSKs for this conn: the AUTH payload does not verify. Put the same key in both records', secretAt(wRecord), secretAt(eRecord));
      }
    } else if (wRecord || eRecord) {
      const missing = wRecord ? 'east' : 'west';
      const w = wRecord ? secretAt(wRecord) : { ...connHeader(westConn), text: `conn ${name}` };
      const e = eRecord ? secretAt(eRecord) : { ...connHeader(eastConn), text: `conn ${name}` };
      add('AUTHENTICATION_FAILED', `${missing} has no PSK record matching this conn's ids, so it cannot authenticate. Add the same record to ${missing}'s secrets`, w, e);
    }
  }

  // Post-quantum preshared keys: insisting on one end needs a PPK on the other.
  const wPpk = connValue(westConn, 'ppk') ?? 'no';
  const ePpk = connValue(eastConn, 'ppk') ?? 'no';
  const insists = (v: string): boolean => v === 'insist' || v === 'always';
  if ((insists(wPpk) && !ppkUsed.has(ePpk)) || (insists(ePpk) && !ppkUsed.has(wPpk))) {
    // PPK support is announced in IKE_SA_INIT; an insisting responder refuses it right there.
    add('NO_PROPOSAL_CHOSEN', `ppk=${wPpk} on west and ppk=${ePpk} on east: the end that insists on a PPK refuses a peer that does not offer one (the responder answers IKE_SA_INIT with NO_PROPOSAL_CHOSEN). Set ppk= on both hosts, with the same PPKS record`, at(west, 'ppk'), at(east, 'ppk'));
  } else if (ppkUsed.has(wPpk) && ppkUsed.has(ePpk) && westSecrets && eastSecrets) {
    const wRecord = findSecret(westSecrets, 'ppks', endIdKey(westConn, west.local), endIdKey(westConn, other(west.local)));
    const eRecord = findSecret(eastSecrets, 'ppks', endIdKey(eastConn, east.local), endIdKey(eastConn, other(east.local)));
    if (wRecord && eRecord && wRecord.record.kind === 'ppks' && eRecord.record.kind === 'ppks') {
      const sameId = wRecord.record.ppkId.value === eRecord.record.ppkId.value;
      const dw = secretDigest(wRecord);
      const de = secretDigest(eRecord);
      if (!sameId || (dw && de && dw !== de)) {
        add('AUTHENTICATION_FAILED', sameId ? 'the two hosts hold different PPKs under one PPK id: the AUTH payloads do not verify. Use the same key on both hosts' : `west offers PPK id "${wRecord.record.ppkId.value}" and east holds "${eRecord.record.ppkId.value}": the responder finds no PPK. Use one id on both hosts`,
          secretAt(wRecord), secretAt(eRecord), insists(wPpk) || insists(ePpk) ? 'error' : 'warning');
      }
    }
  }
  return out;
}
