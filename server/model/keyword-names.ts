import type { KeywordMatch, KeywordTable, Section } from '../../schemas/keywords';

export type Side = 'left' | 'right';

/** What a key written in a file means to a given Libreswan version. */
export type KeyMeaning =
  | {
      readonly kind: 'known';
      readonly match: KeywordMatch;
      /** The keyword the value is stored under: an alias resolves to its target. */
      readonly canonical: KeywordMatch;
      readonly side?: Side;
      /** True when the side came from the version's fallback for an unprefixed key (`subnet=` meaning right). */
      readonly impliedSide: boolean;
      /** The key as Libreswan stores it, e.g. `leftsubnet`, `ike`: the unit of conflicts and effective settings. */
      readonly storageKey: string;
    }
  | { readonly kind: 'needs-side'; readonly match: KeywordMatch }
  | { readonly kind: 'wrong-section'; readonly match: KeywordMatch; readonly side?: Side }
  | { readonly kind: 'comment-key' }
  | { readonly kind: 'unknown'; readonly side?: Side; readonly baseName: string };

const sidePrefix = /^(left|right)(-?)(.*)$/i;

function splitSide(key: string, table: KeywordTable): { side?: Side; base: string; hyphen: boolean } {
  const m = sidePrefix.exec(key);
  if (!m) return { base: key, hyphen: false };
  const hyphen = m[2] === '-';
  if (hyphen && !table.hyphenatedSidePrefix) return { base: key, hyphen: false };
  return { side: m[1].toLowerCase() as Side, base: m[3], hyphen };
}

function canonicalOf(match: KeywordMatch, table: KeywordTable, section: Section): KeywordMatch {
  const target = match.info.status === 'alias' && match.info.aliasOf ? table.lookup(section, match.info.aliasOf) : undefined;
  return target ?? match;
}

const meanings = new WeakMap<KeywordTable, Map<string, KeyMeaning>>();

/**
 * Resolves a key as written (`leftSubnet`, `left-subnet`, `subnet`, `ike`) for one version.
 * A key means the same wherever it is written, so meanings are shared per table: a large
 * config writes the same few dozen keys thousands of times.
 */
export function resolveKeyName(key: string, section: Section, table: KeywordTable): KeyMeaning {
  let known = meanings.get(table);
  if (!known) {
    known = new Map();
    meanings.set(table, known);
  }
  const cacheKey = `${section}|${key}`;
  let meaning = known.get(cacheKey);
  if (!meaning) {
    meaning = readKeyName(key, section, table);
    known.set(cacheKey, meaning);
  }
  return meaning;
}

function readKeyName(key: string, section: Section, table: KeywordTable): KeyMeaning {
  if (/^[Xx][-_]/.test(key)) return { kind: 'comment-key' };
  const other: Section = section === 'conn' ? 'config' : 'conn';
  const { side, base } = splitSide(key, table);
  if (side !== undefined) {
    const match = table.lookup(section, base);
    if (match && match.schema.leftright) {
      const canonical = canonicalOf(match, table, section);
      return { kind: 'known', match, canonical, side, impliedSide: false, storageKey: side + canonical.schema.name };
    }
  }
  // A whole-key match: `leftright` keys also exist as plain names (`left`, `right` are the host keys).
  const whole = table.lookup(section, key);
  if (whole && !whole.schema.leftright) {
    const canonical = canonicalOf(whole, table, section);
    return { kind: 'known', match: whole, canonical, impliedSide: false, storageKey: canonical.schema.name };
  }
  if (whole && whole.schema.leftright) {
    if (table.unprefixedSideKeyword === 'error') return { kind: 'needs-side', match: whole };
    // Up to 5.3 an unprefixed left/right keyword silently meant the right end.
    const canonical = canonicalOf(whole, table, section);
    return { kind: 'known', match: whole, canonical, side: 'right', impliedSide: true, storageKey: 'right' + canonical.schema.name };
  }
  const elsewhere = side !== undefined ? table.lookup(other, base) : table.lookup(other, key);
  if (elsewhere && (side === undefined || elsewhere.schema.leftright)) return { kind: 'wrong-section', match: elsewhere, side };
  const elsewhereWhole = table.lookup(other, key);
  if (elsewhereWhole) return { kind: 'wrong-section', match: elsewhereWhole };
  return { kind: 'unknown', side, baseName: side !== undefined ? base : key };
}

/** The key as a person would write it for a side, in the spelling the version prefers. */
export function spellKey(name: string, side: Side | undefined): string {
  return side ? side + name : name;
}
