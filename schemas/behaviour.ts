import { split4x5x } from './per-version';

/**
 * How each Libreswan version treats the file as a whole, beyond single keywords.
 * Facts read from each tag's lib/libipsecconf (4.x) or lib/libswan/ipsecconf (5.x)
 * parser.y and confread.c.
 */
export interface VersionBehaviour {
  /**
   * The same key twice in one section. 4.x keeps both and the second one is then a
   * conflict like an `also=` clash (an error unless the values are equal); 5.x's parser
   * keeps the first and warns.
   */
  readonly duplicateKeyInSection: 'conflict' | 'first-wins';
  /** Deeper includes than the limit: a fatal parse error in 4.x, a warning later. */
  readonly includeTooDeepIsFatal: boolean;
  /** A bad typed value in a conn: 4.x's parser refuses the whole file, 5.x refuses the conn. */
  readonly badConnValueRejects: 'file' | 'conn';
  /**
   * 4.x's starter copies a public key set in `conn %default` into every conn and then finds
   * it twice ("duplicate public key"), so no conn loads. Fixed in 5.0.
   */
  readonly publicKeyInDefaultRejected: boolean;
}

const v4: VersionBehaviour = { duplicateKeyInSection: 'conflict', includeTooDeepIsFatal: true, badConnValueRejects: 'file', publicKeyInDefaultRejected: true };
const v5: VersionBehaviour = { duplicateKeyInSection: 'first-wins', includeTooDeepIsFatal: false, badConnValueRejects: 'conn', publicKeyInDefaultRejected: false };

export const versionBehaviour = split4x5x<VersionBehaviour>(v4, v5);
