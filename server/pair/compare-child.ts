import { connValue, cidrsOverlap, isYes, type Cidr } from '../rules/left-right/ends';
import { clientOf, other, sameCidrs } from './conn-view';
import { both, report, type PairContext } from './pair-context';
import { at, firstSet } from './pair-locations';
import { offerOf, offersIntersect } from './proposals';

function cidrText(cidrs: readonly Cidr[]): string {
  return cidrs.map(([a, n]) => `${a.toString()}/${n}`).join(',');
}

const pfsOf = (v: string | undefined): boolean => v === undefined || isYes(v);

/** The Child SA (IKE_AUTH's, or Quick Mode): protocol and proposals, PFS, traffic selectors, mode. */
export function compareChild(ctx: PairContext): void {
  const { west, east, initiator: i, responder: r } = ctx;
  const v = ctx.ikeVersion;
  const wPhase2 = connValue(west.conn, 'phase2') ?? 'esp';
  const ePhase2 = connValue(east.conn, 'phase2') ?? 'esp';
  if (wPhase2 !== ePhase2) {
    report(ctx, 'child-proposal', `${west.name} uses phase2=${wPhase2} and ${east.name} phase2=${ePhase2}: no Child SA proposal can match. Use the same phase2= on both hosts`, [at(west.conn, 'phase2'), at(east.conn, 'phase2')]);
    return;
  }
  const protocol = wPhase2 === 'ah' ? 'ah' : 'esp';
  const childW = offerOf(west.conn, protocol, v, west.version, west.fips);
  const childE = offerOf(east.conn, protocol, v, east.version, east.fips);
  if (offersIntersect(childW, childE, true) === false) {
    report(ctx, 'child-proposal', `no ${protocol.toUpperCase()} proposal of ${west.name} (${childW.result.expansion.join(', ')}) matches one of ${east.name} (${childE.result.expansion.join(', ')}): the Child SA is refused. Give both hosts a common ${protocol}= proposal`,
      [firstSet(west.conn, [protocol, 'phase2alg']), firstSet(east.conn, [protocol, 'phase2alg'])]);
    return;
  }
  const pfsW = pfsOf(connValue(west.conn, 'pfs'));
  const pfsE = pfsOf(connValue(east.conn, 'pfs'));
  if (v === 1 && pfsOf(connValue(i.conn, 'pfs')) === false && pfsOf(connValue(r.conn, 'pfs'))) {
    report(ctx, 'pfs', `${i.name}, the initiator, has pfs=no and ${r.name} wants PFS: Quick Mode finds no proposal. Use the same pfs= on both hosts`, both(i, at(i.conn, 'pfs'), at(r.conn, 'pfs')));
    return;
  }
  if (v === 2 && pfsW !== pfsE) {
    // The Child SA IKE_AUTH makes has no key exchange: only its rekey meets the mismatch.
    report(ctx, 'child-key-exchange', `pfs=${pfsW ? 'yes' : 'no'} on ${west.name} and pfs=${pfsE ? 'yes' : 'no'} on ${east.name}: the first Child SA comes up (IKE_AUTH has no key exchange), but its rekey is refused. Use the same pfs= on both hosts`, [at(west.conn, 'pfs'), at(east.conn, 'pfs')]);
  }

  if (!compareTrafficSelectors(ctx)) return;

  const tI = connValue(i.conn, 'type') ?? 'tunnel';
  const tR = connValue(r.conn, 'type') ?? 'tunnel';
  if (tI !== tR) {
    const mismatch = tR === 'transport' ? 'responder-transport-only' : 'initiator-transport-only';
    report(ctx, mismatch, `${i.name}, the initiator, asks for type=${tI} and ${r.name} allows type=${tR}${mismatch === 'initiator-transport-only' ? ': the responder answers with tunnel mode' : ''}. Use the same type= on both hosts`, both(i, at(i.conn, 'type'), at(r.conn, 'type')));
  }
}

/** What each host protects must be what the peer expects behind it (or narrow to it, with narrowing=yes). */
function compareTrafficSelectors(ctx: PairContext): boolean {
  const { west, east } = ctx;
  const narrowing = isYes(connValue(west.conn, 'narrowing')) || isYes(connValue(east.conn, 'narrowing'));
  for (const [a, b] of [[west, east], [east, west]] as const) {
    const mine = clientOf(a.conn, a.local);
    const expected = clientOf(b.conn, other(b.local));
    if (!mine || !expected || sameCidrs(mine, expected)) continue;
    const overlap = mine.some((m) => expected.some((e) => cidrsOverlap(m, e)));
    if (narrowing && overlap) continue;
    // A responder whose conn does not fit the proposed selectors switches to another conn
    // between the same hosts that does, so only a mismatch with every such conn fails.
    const aWants = clientOf(a.conn, other(a.local));
    const switchable = aWants && b.all.some((alt) => {
      const altMine = clientOf(alt, b.local);
      const altPeer = clientOf(alt, other(b.local));
      return altMine && altPeer && sameCidrs(altMine, aWants) && sameCidrs(altPeer, mine);
    });
    if (switchable) continue;
    const aKey = a.conn.settings.has(a.local + 'subnet') ? a.local + 'subnet' : a.local;
    const bKey = b.conn.settings.has(other(b.local) + 'subnet') ? other(b.local) + 'subnet' : other(b.local);
    report(ctx, 'traffic-selectors', `${a.name} protects ${cidrText(mine)} on its own end, but ${b.name} expects ${cidrText(expected)} there: the Child SA's traffic selectors do not match${overlap ? ' (they overlap: narrowing=yes on the responder would let it narrow)' : ''}. Make the two lines name the same subnet`,
      both(a, at(a.conn, aKey), at(b.conn, bKey)));
    return false;
  }
  return true;
}
