/** One negotiation the oracle runs and pair predicts: west's and east's files, and the conn west initiates. */
export interface NegotiationCase {
  readonly id: string;
  /** `corpus`, `up` (a variation both ends accept), or the kind of break made to one side. */
  readonly kind: string;
  readonly westConf: string;
  readonly eastConf: string;
  readonly westSecrets: string;
  readonly eastSecrets: string;
  readonly conn: string;
  /** East's name for the conn, when it differs (names are local: pair must match by what the peers see). */
  readonly eastConn?: string;
  readonly westVersion?: '5.4' | '5.2';
  readonly eastVersion?: '5.4' | '5.2';
}
