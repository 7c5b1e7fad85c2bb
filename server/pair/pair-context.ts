import type { LibreswanVersion } from '../../schemas/keywords';
import { mismatchOutcomes, type Mismatch } from '../../schemas/negotiation-outcomes';
import type { End } from '../model/conn-ids';
import type { ResolvedConn } from '../model/connections';
import type { LoadedSecrets } from '../model/secrets-index';
import type { PairFinding, PairLocation, PairState } from './findings';

/** One host's copy of a conn, with the end that is that host and the host's own settings. */
export interface PairHost {
  readonly label: 'west' | 'east';
  /** How messages name the host: `west`, `east`, or a fleet host's name. */
  readonly name: string;
  readonly conn: ResolvedConn;
  readonly local: End;
  readonly secrets: LoadedSecrets | undefined;
  readonly version: LibreswanVersion;
  readonly fips: boolean;
  /** Every conn of the host: a responder may switch to another that fits better. */
  readonly all: readonly ResolvedConn[];
}

export interface PairContext {
  readonly west: PairHost;
  readonly east: PairHost;
  readonly initiator: PairHost;
  readonly responder: PairHost;
  /** The IKE version the initiator speaks; the notifications depend on it. */
  readonly ikeVersion: 1 | 2;
  readonly findings: PairFinding[];
}

/** A line on each of two hosts, put in west/east order. */
export function both(a: PairHost, aLoc: PairLocation, bLoc: PairLocation): readonly [PairLocation, PairLocation] {
  return a.label === 'west' ? [aLoc, bLoc] : [bLoc, aLoc];
}

/** Records a mismatch: its stage and notification come from schemas/negotiation-outcomes.ts for the IKE version spoken. */
export function report(ctx: PairContext, mismatch: Mismatch, message: string, locations: readonly [PairLocation, PairLocation], forceWarning = false): void {
  const outcome = mismatchOutcomes[mismatch];
  const notification = ctx.ikeVersion === 1 ? outcome.ikev1 : outcome.ikev2;
  const fails = notification !== 'up' && !forceWarning;
  const state: PairState = !fails ? 'up' : outcome.stage === 'rekey' ? 'up' : outcome.stage;
  ctx.findings.push({
    conn: ctx.west.conn.name,
    eastConn: ctx.east.conn.name,
    state,
    notification: notification === 'up' ? 'none' : notification,
    severity: fails ? 'error' : 'warning',
    message,
    west: locations[0],
    east: locations[1],
  });
}
