import { LIBRESWAN_VERSIONS, type KeywordMatch, type LibreswanVersion } from '../../schemas/keywords';
import type { KeyMeaning } from '../model/keyword-names';

/** `5.0 – latest`, or the versions it is in when there are gaps. */
function versionSpan(match: KeywordMatch): string {
  const present = LIBRESWAN_VERSIONS.filter((v) => match.schema.versions[v] !== undefined);
  if (present.length === LIBRESWAN_VERSIONS.length) return `every supported release (${LIBRESWAN_VERSIONS[0]} – latest)`;
  const first = LIBRESWAN_VERSIONS.indexOf(present[0]);
  const last = LIBRESWAN_VERSIONS.indexOf(present[present.length - 1]);
  const contiguous = last - first + 1 === present.length;
  if (contiguous) return `${present[0]} – ${present[present.length - 1]}`;
  return present.join(', ');
}

/** What the keyword's status means in the target version, when it is more than "accepted". */
function statusNote(match: KeywordMatch, version: LibreswanVersion, side: string): string | undefined {
  const { info } = match;
  switch (info.status) {
    case 'alias':
      return info.renamedTo ? `Old name: Libreswan ${version} reads it as \`${side}${info.renamedTo}=\`.` : info.aliasOf ? `Alias of \`${side}${info.aliasOf}=\`.` : undefined;
    case 'obsolete':
      return `Obsolete in Libreswan ${version}: accepted and ignored${info.renamedTo ? `; use \`${side}${info.renamedTo}=\`` : ''}.`;
    case 'command-line-only':
      return `Libreswan ${version} takes it only on the command line, not in a file.`;
    case 'unsupported':
      return `Needs a build option common Libreswan ${version} builds lack.`;
    default:
      return info.buildOption ? `Only in builds with ${info.buildOption}.` : undefined;
  }
}

function valueList(values: readonly string[]): string {
  const shown = values.slice(0, 24).map((v) => `\`${v}\``).join(', ');
  return values.length > 24 ? `${shown}, …` : shown;
}

/** Markdown for a keyword in the target version: description, type, values, default, version notes. */
export function keywordMarkdown(written: string, meaning: KeyMeaning, version: LibreswanVersion): string {
  if (meaning.kind === 'comment-key') return `**${written}**: an \`X-\` key, which Libreswan keeps as a comment.`;
  if (meaning.kind === 'unknown') return `**${written}**: Libreswan ${version} does not know this keyword.`;
  const match = meaning.kind === 'known' ? meaning.canonical : meaning.match;
  const { schema, info } = match;
  const side = meaning.kind === 'known' && meaning.side && !meaning.impliedSide ? meaning.side : '';
  const lines: string[] = [];
  const where = schema.section === 'config' ? '`config setup`' : '`conn`';
  lines.push(`**${written}** — ${where} keyword${schema.leftright ? ', set per end (`left…` / `right…`)' : ''}`);
  if (schema.description) lines.push('', schema.description);
  const facts: string[] = [`Type: ${info.type}`];
  if (info.default !== undefined) facts.push(`default \`${info.default}\``);
  if (info.defaultUnit) facts.push(`a bare number is in ${info.defaultUnit}`);
  lines.push('', facts.join(' · '));
  if (info.values && info.values.length > 0) lines.push('', `Values: ${valueList(info.values)}`);
  const notes: string[] = [];
  const status = statusNote(meaning.kind === 'known' ? meaning.match : match, version, side);
  if (status) notes.push(status);
  if (meaning.kind === 'needs-side') notes.push(`Libreswan ${version} needs a side: write \`left${schema.name}=\` or \`right${schema.name}=\`.`);
  if (meaning.kind === 'known' && meaning.impliedSide) notes.push(`Without a prefix, Libreswan ${version} reads this as \`right${schema.name}=\`.`);
  if (meaning.kind === 'wrong-section') notes.push(`This keyword belongs in ${where}, not here.`);
  for (const [value, replacement] of Object.entries(info.deprecatedValues ?? {})) notes.push(`\`${value}\` is deprecated (${replacement}).`);
  notes.push(`Known to Libreswan ${versionSpan(match)}.`);
  lines.push('', ...notes);
  return lines.join('\n');
}
