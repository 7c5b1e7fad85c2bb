import { parseConf } from '../../../grammar/conf/parse';
import { parsePolicyGroup } from '../../../grammar/policy';
import { parseSecrets } from '../../../grammar/secrets';
import type { DocumentKind } from '../../../server/service/format';

/** Comment texts (trailing blanks aside, which the formatter removes), sorted: a multiset. */
export function commentTexts(text: string, kind: DocumentKind): string[] {
  const tokens = kind === 'conf' ? parseConf(text).lines.flatMap((l) => l.tokens) : kind === 'secrets' ? parseSecrets(text).tokens : parsePolicyGroup(text).tokens;
  return tokens
    .filter((t) => t.kind === 'comment')
    .map((t) => t.text.replace(/[ \t]+$/, ''))
    .sort();
}

/**
 * The text without white space and double quotes. Formatting only moves white space and drops
 * quotes around plain values, so this must be the same before and after: no other character
 * may appear, vanish or move.
 */
export function contentCharacters(text: string): string {
  return text.replace(/[\s"]/g, '');
}
