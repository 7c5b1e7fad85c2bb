import type { LibreswanVersion } from './keywords';

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
  /**
   * How a key met a second time while a conn is combined (its own lines and the `also=`
   * sections spliced in) is judged, by the key's type in that version's keyword table
   * (`tableType`; a type not listed is compared by meaning: yes = true, 1h = 60m). 4.x-5.2 fill
   * a text-typed field and then compare the repeat with a value they never store, so any
   * repeat is a clash ('always-clash'); 4.x's left=/right= pass when both are the same free
   * text ('free-text-equal'); 5.3+ keep every conn value as text and compare it exactly
   * ('text': IKEv2 and ikev2 differ). A clash refuses the conn.
   */
  readonly repeatJudgedAs: Readonly<Record<string, RepeatJudgement>>;
  /**
   * The `auto=` values with which a conn that failed to combine (a clash, or an `also=` target
   * that does not exist) still reaches pluto at startup: pluto runs `addconn --autoall`, which
   * sends every conn with such an `auto=` whatever its state. 5.4 sends it whole, with the
   * value met first, and pluto loads it; 5.2 sends it half built and pluto refuses it ("left=
   * is not set"), so it is empty there. `ipsec add NAME` refuses it in every release ("did not
   * load properly"), and that is the verdict ipsec-lint gives; this only adds a word to the
   * message. Matched case-insensitively against the conn's effective `auto=`.
   */
  readonly failedConnLoadsAtStartup: readonly string[];
  /**
   * `also=` inside `conn %default`: 4.x fails loading %default ("also= is not valid in
   * section '%default'"); 5.0-5.2's parser drops the line with a warning; 5.4's parser stops
   * the file ("unrecognized 'conn %default' keyword 'also'"). Checked live for 4.10, 5.2, 5.4.
   */
  readonly alsoInDefault: 'refused' | 'ignored' | 'file-fails';
}

/** See `VersionBehaviour.repeatJudgedAs`. */
export type RepeatJudgement = 'meaning' | 'text' | 'always-clash' | 'free-text-equal';

// Checked live (4.10 Debian, 5.2 and 5.4 pluto) with a template and conns repeating its keys:
// 4.10 refuses a repeated ike=, leftsubnet=, leftid=, leftnexthop=, leftcert=, authby=,
// ipsec-interface=5 and left=%defaultroute, each with the same value, but not left=192.0.2.1;
// 5.2 refuses a repeated ike= and left=192.0.2.1 but loads pfs=yes/true and ikelifetime=1h/60m;
// 5.4 loads a repeated ike=/pfs= of the same text but refuses pfs=yes/true and 1h/60m.
const TEXT_TYPES_V4_V52 = ['kt_string', 'kt_filename', 'kt_dirname', 'kt_bitstring', 'kt_ipaddr', 'kt_range', 'kt_subnet', 'kt_idtype', 'kt_pubkey'];
const always = (types: readonly string[]): Record<string, RepeatJudgement> => Object.fromEntries(types.map((t) => [t, 'always-clash' as const]));

const v4: VersionBehaviour = {
  duplicateKeyInSection: 'conflict', includeTooDeepIsFatal: true, badConnValueRejects: 'file', publicKeyInDefaultRejected: true,
  repeatJudgedAs: { ...always(TEXT_TYPES_V4_V52), kt_loose_enum: 'free-text-equal' },
  failedConnLoadsAtStartup: [],
  alsoInDefault: 'refused',
};
const v50: VersionBehaviour = {
  duplicateKeyInSection: 'first-wins', includeTooDeepIsFatal: false, badConnValueRejects: 'conn', publicKeyInDefaultRejected: false,
  repeatJudgedAs: always([...TEXT_TYPES_V4_V52, 'kt_host']),
  failedConnLoadsAtStartup: [],
  alsoInDefault: 'ignored',
};
// 5.3 moved the conn table and parser to lib/libswan/ipsecconf, with every value kept as
// text as in 5.4; it is assumed (not checked live) to combine as 5.4.
const v53: VersionBehaviour = {
  ...v50,
  repeatJudgedAs: { kt_string: 'text' },
  failedConnLoadsAtStartup: ['add', 'ondemand', 'route', 'up', 'start', 'keep'],
  alsoInDefault: 'file-fails',
};

export const versionBehaviour: Readonly<Record<LibreswanVersion, VersionBehaviour>> = {
  '4.10': v4,
  '4.12': v4,
  '4.15': v4,
  '5.0': v50,
  '5.1': v50,
  '5.2': v50,
  '5.3': v53,
  '5.4': v53,
  latest: v53,
};
