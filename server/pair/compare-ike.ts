import { signatureAuthbyItems } from '../../schemas/conn-facts';
import { endAuthMethods, endIdKey } from '../model/conn-ids';
import { findSecret } from '../model/secrets-index';
import { connValue, ikeVersionOf } from '../rules/left-right/ends';
import { idFits, other } from './conn-view';
import { both, report, type PairContext, type PairHost } from './pair-context';
import { at, firstSet, headerAt, keyAt, secretAt } from './pair-locations';
import { offerOf, offersIntersect } from './proposals';
import { endPublicKey } from './public-keys';
import { secretDigest } from './secret-digest';

const ppkUsed = new Set(['permit', 'propose', 'insist', 'yes', 'always', 'y', 'true', 'on']);
const insists = (v: string): boolean => v === 'insist' || v === 'always';

/** IKE_SA_INIT (or Main Mode's first exchanges): IKE version, IKE proposals, PPK support. */
export function compareIkeSaInit(ctx: PairContext): boolean {
  const { west, east, initiator: i, responder: r } = ctx;
  const vi = ikeVersionOf(i.conn);
  const vr = ikeVersionOf(r.conn);
  if (vi !== vr) {
    report(ctx, vi === 1 ? 'initiator-ikev1-responder-ikev2' : 'initiator-ikev2-responder-ikev1',
      `${west.name} speaks IKEv${ikeVersionOf(west.conn)} and ${east.name} IKEv${ikeVersionOf(east.conn)}: the responder has no conn for the other version and refuses (or ignores) the exchange. Use the same IKE version on both hosts`,
      [firstSet(west.conn, ['keyexchange', 'ikev2']), firstSet(east.conn, ['keyexchange', 'ikev2'])]);
    return false;
  }
  let ok = true;
  const ikeW = offerOf(west.conn, 'ike', vi, west.version, west.fips);
  const ikeE = offerOf(east.conn, 'ike', vr, east.version, east.fips);
  if (offersIntersect(ikeW, ikeE, false) === false) {
    report(ctx, 'ike-proposal', `no IKE proposal of ${west.name} (${ikeW.result.expansion.join(', ')}) matches one of ${east.name} (${ikeE.result.expansion.join(', ')}): the IKE SA is refused. Give both hosts a common ike= proposal (cipher, PRF and key exchange group)`, [at(west.conn, 'ike'), at(east.conn, 'ike')]);
    ok = false;
  }
  if (vi === 2) {
    const ppkI = connValue(i.conn, 'ppk') ?? 'no';
    const ppkR = connValue(r.conn, 'ppk') ?? 'no';
    if (insists(ppkR) && !ppkUsed.has(ppkI)) {
      report(ctx, 'responder-insists-ppk', `ppk=${ppkR} on ${r.name}, the responder, and ppk=${ppkI} on ${i.name}: the responder refuses an IKE_SA_INIT that does not offer a PPK. Set ppk= on both hosts, with the same PPKS record`, both(r, at(r.conn, 'ppk'), at(i.conn, 'ppk')));
      ok = false;
    } else if (insists(ppkI) && !ppkUsed.has(ppkR)) {
      report(ctx, 'initiator-insists-ppk', `ppk=${ppkI} on ${i.name}, the initiator, and ppk=${ppkR} on ${r.name}: the responder does not offer a PPK, and the initiator gives up. Set ppk= on both hosts, with the same PPKS record`, both(i, at(i.conn, 'ppk'), at(r.conn, 'ppk')));
      ok = false;
    }
  }
  return ok;
}

/** The responder checks the initiator first: its authentication method, id, key or PSK; then the initiator checks the responder's. */
export function compareIkeAuth(ctx: PairContext): void {
  const { west, east, initiator: i, responder: r } = ctx;
  const pskUsed = (['left', 'right'] as const).some((e) => endAuthMethods(west.conn, e).includes('secret'));
  const pskRecord = (h: PairHost) => (h.secrets ? findSecret(h.secrets, 'psk', endIdKey(h.conn, h.local), endIdKey(h.conn, other(h.local))) : undefined);
  if (pskUsed && i.secrets && r.secrets) {
    const ri = pskRecord(i);
    const rr = pskRecord(r);
    if (!ri) {
      report(ctx, 'initiator-psk-missing', `${i.name} has no PSK record matching this conn's ids, so it cannot authenticate. Add the same record as ${r.name}'s to ${i.name}'s secrets`, both(i, headerAt(i.conn), rr ? secretAt(rr) : headerAt(r.conn)));
      return;
    }
    if (!rr) {
      report(ctx, 'responder-psk-missing', `${r.name} has no PSK record matching this conn's ids, so it cannot check ${i.name}'s AUTH payload. Add the same record as ${i.name}'s to ${r.name}'s secrets`, both(r, headerAt(r.conn), secretAt(ri)));
      return;
    }
  }
  for (const [a, b] of [[r, i], [i, r]] as const) {
    const initiatorChecks = a === i;
    const presented = endIdKey(b.conn, b.local);
    const expected = endIdKey(a.conn, other(a.local));
    const rid = other(a.local) + 'id';
    const lid = b.local + 'id';
    if (presented && expected && !idFits(expected, presented)) {
      // A responder switches to another conn that expects the id it got; an initiator's IDr picks the responder's conn that presents the one it wants.
      const sameVersion = (alt: typeof a.conn): boolean => ikeVersionOf(alt) === ikeVersionOf(a.conn);
      const switches = initiatorChecks
        ? b.all.some((alt) => alt !== b.conn && sameVersion(alt) && (['left', 'right'] as const).some((end) => { const id = endIdKey(alt, end); return id !== undefined && idFits(expected, id); }))
        : a.all.some((alt) => alt !== a.conn && sameVersion(alt) && (['left', 'right'] as const).some((end) => { const id = endIdKey(alt, end); return id !== undefined && idFits(id, presented); }));
      if (!switches) {
        report(ctx, initiatorChecks ? 'initiator-expects-id' : 'responder-expects-id',
          `${a.name} expects its peer to identify as ${(a.conn.settings.get(rid) ?? a.conn.settings.get(other(a.local)))?.value}, but ${b.name} presents ${(b.conn.settings.get(lid) ?? b.conn.settings.get(b.local))?.value}: no conn matches the peer's id${initiatorChecks ? ` (the initiator, ${a.name}, deletes the IKE SA)` : ''}. Make both lines the same id`,
          both(a, firstSet(a.conn, [rid, other(a.local)]), firstSet(b.conn, [lid, b.local])));
        return;
      }
    }
    const methods = endAuthMethods(b.conn, b.local);
    const accepted = endAuthMethods(a.conn, other(a.local));
    const sigs = (m: string): string => (m.startsWith('rsa') ? 'rsa' : m.startsWith('ecdsa') ? 'ecdsa' : m);
    if (!methods.some((m) => accepted.map(sigs).includes(sigs(m)))) {
      report(ctx, 'auth-method', `${b.name} authenticates with ${methods.join('/')} but ${a.name} accepts ${accepted.join('/')} from it. Use the same method on both hosts`,
        both(a, firstSet(a.conn, [other(a.local) + 'auth', 'authby']), firstSet(b.conn, [b.local + 'auth', 'authby'])));
      return;
    }
    // Raw public keys: the key a host signs with must be the one its peer verifies with.
    if (methods.some((m) => signatureAuthbyItems.has(m))) {
      const own = endPublicKey(b.conn, b.local);
      const seen = endPublicKey(a.conn, other(a.local));
      if (own && seen && own.digest !== seen.digest) {
        report(ctx, 'public-key', `${a.name} verifies ${b.name}'s signature with ${seen.setting.source.line.key.text}=, which is not the key ${b.name} signs with (its ${own.setting.source.line.key.text}=): the AUTH payload does not verify. Copy ${b.name}'s public key ('ipsec showhostkey' on ${b.name}) into both lines`,
          both(a, keyAt(seen.setting), keyAt(own.setting)));
        return;
      }
    }
  }
  if (pskUsed && i.secrets && r.secrets) {
    const wRecord = pskRecord(west);
    const eRecord = pskRecord(east);
    const dw = wRecord && secretDigest(wRecord);
    const de = eRecord && secretDigest(eRecord);
    if (wRecord && eRecord && dw && de && dw !== de) {
      report(ctx, 'psk-differs', 'the two hosts use different PSKs for this conn: the AUTH payload does not verify. Put the same key in both records', [secretAt(wRecord), secretAt(eRecord)]);
      return;
    }
  }
  comparePpks(ctx);
}

/** Post-quantum preshared keys that both ends use must be the same id and key. */
function comparePpks(ctx: PairContext): void {
  const { west, east, initiator: i, responder: r } = ctx;
  const wPpk = connValue(west.conn, 'ppk') ?? 'no';
  const ePpk = connValue(east.conn, 'ppk') ?? 'no';
  if (!ppkUsed.has(wPpk) || !ppkUsed.has(ePpk) || !west.secrets || !east.secrets) return;
  const record = (h: PairHost) => findSecret(h.secrets!, 'ppks', endIdKey(h.conn, h.local), endIdKey(h.conn, other(h.local)));
  // An end that insists and holds no PPK: the initiator gives up, the responder refuses the AUTH payload.
  for (const h of [i, r]) {
    const peer = h === i ? r : i;
    const peerRecord = record(peer);
    if (insists(connValue(h.conn, 'ppk') ?? 'no') && !record(h)) {
      report(ctx, h === i ? 'initiator-ppk-missing' : 'responder-ppk-missing', `${h.name} has ppk=insist but no PPKS record for this conn's ids${h === i ? ', so it gives up before IKE_AUTH' : `, so it refuses ${peer.name}'s AUTH payload`}. Add the same PPKS record as ${peer.name}'s to ${h.name}'s secrets`,
        both(h, at(h.conn, 'ppk'), peerRecord ? secretAt(peerRecord) : at(peer.conn, 'ppk')));
      return;
    }
  }
  const wRecord = record(west);
  const eRecord = record(east);
  if (!wRecord || !eRecord || wRecord.record.kind !== 'ppks' || eRecord.record.kind !== 'ppks') return;
  const sameId = wRecord.record.ppkId.value === eRecord.record.ppkId.value;
  const dw = secretDigest(wRecord);
  const de = secretDigest(eRecord);
  if (!sameId || (dw && de && dw !== de)) {
    report(ctx, 'ppk-differs', sameId ? 'the two hosts hold different PPKs under one PPK id: the AUTH payloads do not verify. Use the same key on both hosts' : `${west.name} offers PPK id "${wRecord.record.ppkId.value}" and ${east.name} holds "${eRecord.record.ppkId.value}": the responder finds no PPK. Use one id on both hosts`,
      [secretAt(wRecord), secretAt(eRecord)], !(insists(wPpk) || insists(ePpk)));
  }
}
