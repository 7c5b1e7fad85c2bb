import type { TextRange } from '../../grammar/text-range';

/** The notification a peer would log, spelled as Libreswan logs it. */
export type Notification = 'NO_PROPOSAL_CHOSEN' | 'TS_UNACCEPTABLE' | 'AUTHENTICATION_FAILED';

/** A line to change on one host. `text` is shown to the user, so it never holds secret data. */
export interface PairLocation {
  readonly file: string;
  readonly range: TextRange;
  readonly text: string;
}

export interface PairFinding {
  readonly conn: string;
  readonly notification: Notification;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly west: PairLocation;
  readonly east: PairLocation;
}

export interface PairReport {
  readonly west: string;
  readonly east: string;
  /** Conns defined on both hosts, which were compared. */
  readonly matched: readonly string[];
  readonly westOnly: readonly string[];
  readonly eastOnly: readonly string[];
  readonly findings: readonly PairFinding[];
}
