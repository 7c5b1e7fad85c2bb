import type { TextRange } from '../../grammar/text-range';

/**
 * What the initiator or responder would log when the negotiation stops: a notification,
 * spelled as Libreswan logs it, or `timeout` (the peer stays silent: an IKEv1 packet to a
 * host that drops IKEv1, a wrong IKEv1 PSK, nobody at the address) or `none` (the end that
 * gives up sends no notification: it deletes its IKE SA, or never adds the conn).
 */
export type Notification =
  | 'NO_PROPOSAL_CHOSEN'
  | 'TS_UNACCEPTABLE'
  | 'AUTHENTICATION_FAILED'
  | 'INVALID_ID_INFORMATION'
  | 'timeout'
  | 'none';

/**
 * The state of one matched conn, as Batfish reports an IPsec session's, and finer: the
 * stage at which the negotiation stops.
 */
export type PairState = 'up' | 'ike-refused' | 'child-refused' | 'cannot-add' | 'unreachable';

/** A line to change on one host. `text` is shown to the user, so it never holds secret data. */
export interface PairLocation {
  readonly file: string;
  readonly range: TextRange;
  readonly text: string;
}

export interface PairFinding {
  /** West's name for the conn (each host names it as it likes). */
  readonly conn: string;
  /** East's name for the conn. */
  readonly eastConn: string;
  readonly state: PairState;
  readonly notification: Notification;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly west: PairLocation;
  readonly east: PairLocation;
}

/** Two conns, one on each host, that describe one tunnel as each peer sees it. */
export interface ConnPairing {
  readonly west: string;
  readonly east: string;
  /** The host whose pluto starts the negotiation: `auto=start` on one side, else west. */
  readonly initiator: 'west' | 'east';
  /** Which end of its conn each host is (`left` or `right`), as the pairing read it. */
  readonly westLocal: 'left' | 'right';
  readonly eastLocal: 'left' | 'right';
  /** The first stage that fails (`up` when none does), with the notification logged then. */
  readonly state: PairState;
  readonly notification: Notification | undefined;
  readonly findings: readonly PairFinding[];
}

/** A conn that found no partner on the other host, and why. */
export interface UnmatchedConn {
  readonly host: 'west' | 'east';
  readonly conn: string;
  readonly reason: string;
  readonly at: PairLocation;
}

export interface PairReport {
  readonly west: string;
  readonly east: string;
  readonly pairings: readonly ConnPairing[];
  /** West's names of the paired conns (kept for callers that list them). */
  readonly matched: readonly string[];
  readonly unmatched: readonly UnmatchedConn[];
  readonly findings: readonly PairFinding[];
}
