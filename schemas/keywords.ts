// Typed, version-aware view of Libreswan's ipsec.conf keyword tables.
//
// The data lives in keywords.json (generated from Libreswan's release tags by
// tools/extract-keywords.mjs) and keyword-descriptions.json (our own prose). This module only
// types it and answers look-ups; it holds no Libreswan knowledge of its own beyond the few
// per-version parser behaviours that are not properties of any single keyword.

import data from './keywords.json' with { type: 'json' };
import descriptions from './keyword-descriptions.json' with { type: 'json' };

export const LIBRESWAN_VERSIONS = ['4.10', '4.12', '4.15', '5.0', '5.1', '5.2', '5.3', '5.4', 'latest'] as const;
/** 'latest' = the development snapshot at commit 0c4e3ecc (5.5 dev). */
export type LibreswanVersion = typeof LIBRESWAN_VERSIONS[number];
export type Section = 'config' | 'conn';

/**
 * What kind of text a keyword's value is.
 * - 'bool': a yes/no spelling (which spellings depends on the version, see `values`).
 * - 'enum': one word out of `values`.
 * - 'loose-enum': one of `values`, or else free text kept as is.
 * - 'yes-no-or-number': yes, no, or a number (ipsec-interface=, clones=).
 * - 'duration' / 'number' / 'percent' / 'bytes': see `syntax` for the exact form per version.
 * - 'list': several words separated by commas or blanks (authby=, modecfgdomains=).
 * - 'debug-flags': plutodebug=/debug= flag names, optionally prefixed with `no-`.
 * - 'subnet-list': several subnets (subnets=, virtual-private=).
 * - 'proposals': an IKE/ESP/AH algorithm proposal list (ike=, esp=).
 * - 'host': left=/right= address, hostname or %keyword.
 * - the rest name the address, identity or file syntax the value must follow.
 */
export type ValueType =
  | 'bool' | 'enum' | 'duration' | 'number' | 'percent' | 'bytes' | 'string' | 'path' | 'list'
  | 'proposals' | 'pubkey' | 'mark' | 'host' | 'ip' | 'cidr' | 'subnet' | 'ip-list' | 'range-list'
  | 'port' | 'protoport' | 'id' | 'dn' | 'hex' | 'url' | 'conn-name' | 'yes-no-or-number'
  | 'loose-enum' | 'debug-flags' | 'subnet-list';

/**
 * - 'keyword': accepted and used.
 * - 'alias': accepted and stored as `aliasOf`.
 * - 'obsolete': accepted with a warning and ignored.
 * - 'command-line-only': known, but rejected in a file (5.3 reports it as unrecognized,
 *   5.4+ as "use the command line option").
 * - 'unsupported': reserved for a keyword that a given build compiles out and that the
 *   version then warns about and ignores (5.4+); the data marks such keywords with
 *   `buildOption` instead, as the build is not known.
 */
export type KeywordStatus = 'keyword' | 'alias' | 'obsolete' | 'command-line-only' | 'unsupported';

/**
 * What Libreswan does with a value it cannot accept.
 * - 'fatal': the whole file fails to load (4.x enum/bool/percent, 5.3+ `config setup`).
 * - 'warn-ignore': a warning, and the keyword is dropped (5.0-5.2 typed values, 5.3 typed
 *   conn values).
 * - 'silently-ignored': dropped (or, for 4.x numbers, stored as 0) without any message.
 * - 'conn-fails': that connection is not loaded; the others still are.
 */
export type InvalidValueOutcome = 'fatal' | 'warn-ignore' | 'silently-ignored' | 'conn-fails';

export interface KeywordVersionInfo {
  readonly status: KeywordStatus;
  /** canonical name when status === 'alias' */
  readonly aliasOf?: string;
  readonly type: ValueType;
  /** accepted spellings (lowercase) when the version enumerates them */
  readonly values?: readonly string[];
  /** authby= items, and 4.x booleans, are matched case-sensitively */
  readonly caseSensitiveValues?: boolean;
  readonly valueCheckedAt: 'parser' | 'conn-add' | 'none';
  readonly default?: string;
  /** for obsolete/renamed names: what to write instead */
  readonly renamedTo?: string;
  /** key into `VALUE_SYNTAXES`: the exact accepted form of a duration, number, ... */
  readonly syntax?: string;
  readonly onInvalidValue?: InvalidValueOutcome;
  /** spellings that still work but are warned about ('implemented-as' / 'renamed-to') */
  readonly deprecatedValues?: Readonly<Record<string, string>>;
  /** C macro the keyword depends on (e.g. USE_SECCOMP); without it the name is unknown (<=5.3) or ignored with a warning (5.4+) */
  readonly buildOption?: string;
  /** a VALUE_SYNTAXES key of values accepted besides `values` (4.x enums take any bare number) */
  readonly alsoAccepts?: string;
  /** a VALUE_SYNTAXES key of malformed values that stop the whole file, when other bad values are only dropped */
  readonly fatalSyntax?: string;
  /** unit of a bare number for durations when it is not seconds */
  readonly defaultUnit?: string;
  /** Libreswan's own C type for the keyword in that version's table (provenance) */
  readonly tableType?: string;
  /** name of the C value list the spellings came from (provenance) */
  readonly valueList?: string;
}

export interface KeywordSchema {
  /** base name, without left/right prefix */
  readonly name: string;
  readonly section: Section;
  readonly leftright: boolean;
  /** from keyword-descriptions.json */
  readonly description: string;
  readonly documentedInMan: boolean;
  /** also= */
  readonly mayRepeat?: boolean;
  /** subnets=, connalias= join instead of conflicting */
  readonly accumulates?: boolean;
  /** absent version => unknown there */
  readonly versions: Readonly<Partial<Record<LibreswanVersion, KeywordVersionInfo>>>;
}

export interface KeywordMatch {
  readonly schema: KeywordSchema;
  readonly info: KeywordVersionInfo;
}

export interface KeywordTable {
  readonly version: LibreswanVersion;
  /** case-insensitive; baseName without left/right prefix */
  lookup(section: Section, baseName: string): KeywordMatch | undefined;
  /** every keyword the version knows in that section (for completion, did-you-mean) */
  all(section: Section): readonly KeywordMatch[];
  /** true from 5.0: `left-subnet` spelling accepted */
  readonly hyphenatedSidePrefix: boolean;
  /** how an unprefixed left/right keyword (`subnet=`) is treated: 'right' (<=5.2, silently), 'right-with-warning' (5.3), 'error' (5.4+) */
  readonly unprefixedSideKeyword: 'right' | 'right-with-warning' | 'error';
  /**
   * A keyword of the other section (`mtu=` in `config setup`): 4.x rejects the file for a
   * conn keyword in `config setup` and the conn for a setup keyword in a conn ('error');
   * 5.0-5.2 warn and ignore it ('warning'); 5.3+ report it as unrecognized ('error').
   */
  readonly wrongSectionKeyword: 'error' | 'warning';
}

export interface ValueSyntax {
  readonly description: string;
  /** JavaScript regular expression source for the whole value */
  readonly pattern: string;
  readonly flags: string;
}

interface KeywordData {
  readonly source: unknown;
  readonly valueSyntaxes: Readonly<Record<string, ValueSyntax>>;
  readonly keywords: readonly Omit<KeywordSchema, 'description'>[];
}

const keywordData = data as unknown as KeywordData;
const descriptionData = descriptions as Readonly<Record<string, string>>;

export const VALUE_SYNTAXES: Readonly<Record<string, ValueSyntax>> = keywordData.valueSyntaxes;

export const allKeywords: readonly KeywordSchema[] = keywordData.keywords.map((k) => ({
  ...k,
  description: descriptionData[`${k.section}:${k.name}`] ?? '',
}));

function sideBehaviour(version: LibreswanVersion): KeywordTable['unprefixedSideKeyword'] {
  if (version === '5.3') return 'right-with-warning';
  if (version === '5.4' || version === 'latest') return 'error';
  return 'right';
}

function buildTable(version: LibreswanVersion): KeywordTable {
  const index: Record<Section, Map<string, KeywordMatch>> = { config: new Map(), conn: new Map() };
  for (const schema of allKeywords) {
    const info = schema.versions[version];
    if (info) index[schema.section].set(schema.name.toLowerCase(), { schema, info });
  }
  const lists: Record<Section, readonly KeywordMatch[]> = {
    config: [...index.config.values()],
    conn: [...index.conn.values()],
  };
  const v4 = version.startsWith('4.');
  return {
    version,
    lookup: (section, baseName) => index[section].get(baseName.toLowerCase()),
    all: (section) => lists[section],
    hyphenatedSidePrefix: !v4,
    unprefixedSideKeyword: sideBehaviour(version),
    wrongSectionKeyword: version === '5.0' || version === '5.1' || version === '5.2' ? 'warning' : 'error',
  };
}

const tables = new Map<LibreswanVersion, KeywordTable>();

export function keywordTable(version: LibreswanVersion): KeywordTable {
  let table = tables.get(version);
  if (!table) {
    table = buildTable(version);
    tables.set(version, table);
  }
  return table;
}

/**
 * Maps a release string to the table that describes it. Releases without their own table use
 * the nearest one at or below them: the 4.x keyword tables did not change between 4.10 and
 * 4.15, and 5.3.x point releases keep 5.3's table.
 */
export function parseLibreswanVersion(text: string): LibreswanVersion | undefined {
  const t = text.trim().toLowerCase().replace(/^v/, '');
  if (t === 'latest' || t === 'head' || t === 'main') return 'latest';
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|dev|-)[\w.-]*)?$/.exec(t);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 4) {
    if (minor < 10 || minor > 15) return undefined;
    return minor >= 15 ? '4.15' : minor >= 12 ? '4.12' : '4.10';
  }
  if (major === 5) {
    if (minor >= 5) return 'latest';
    const exact = `${major}.${minor}`;
    return (LIBRESWAN_VERSIONS as readonly string[]).includes(exact) ? (exact as LibreswanVersion) : undefined;
  }
  return undefined;
}
