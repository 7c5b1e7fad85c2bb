import { dirname } from 'node:path';
import type { Hover, Position } from 'vscode-languageserver-protocol';
import { parseProposalList } from '../../grammar/proposal';
import type { SecretsFile, SecretsIndexKind, SecretsRecord } from '../../grammar/secrets';
import { rangeContains } from '../../grammar/text-range';
import type { ResolvedConn } from '../model/connections';
import { resolveKeyName } from '../model/keyword-names';
import { confTargetAt, keywordSectionOf } from './conf-position';
import type { ConfFeatureContext } from './context';
import { effectiveSettingsMarkdown } from './effective-settings';
import { keywordMarkdown } from './keyword-docs';
import { connUsingSection, proposalOptionsFor } from './proposal-context';
import { parseProposalCached } from '../model/proposal-cache';

function markdown(value: string): Hover {
  return { contents: { kind: 'markdown', value } };
}

function connNamed(context: ConfFeatureContext, name: string): ResolvedConn | undefined {
  return context.analysis?.result.config.conns.find((c) => c.name === name);
}

function connHover(context: ConfFeatureContext, name: string): string | undefined {
  const conn = connNamed(context, name);
  if (conn) return effectiveSettingsMarkdown(conn, dirname(context.analysis?.entry ?? context.path), context.settings.libreswanVersion);
  if (name === '%default') return '**conn %default** — settings every conn starts from (a conn\'s own value wins).';
  return `No conn named \`${name}\` is loaded with this file (names are case-sensitive).`;
}

/** Hover in ipsec.conf: keyword documentation, a proposal's expansion, a conn's effective settings. */
export function confHover(context: ConfFeatureContext, pos: Position): Hover | null {
  const target = confTargetAt(context.conf, pos);
  if (!target) return null;
  const version = context.settings.libreswanVersion;
  if (target.kind === 'conn-name') {
    const text = connHover(context, target.line.name.text);
    return text ? { ...markdown(text), range: target.line.name.range } : null;
  }
  if (target.kind === 'include-path') {
    const edge = context.analysis?.result.config.loaded.includes.find((e) => e.line === target.line);
    if (!edge) return null;
    const files = edge.targets.length > 0 ? edge.targets.map((t) => `- \`${t}\``).join('\n') : 'No file is included.';
    return { ...markdown(`**include** \`${target.line.path.text}\` reads:\n\n${files}`), range: target.line.path.range };
  }
  const section = keywordSectionOf(target.section);
  if (!section) return null;
  const meaning = resolveKeyName(target.line.key.text, section, context.table);
  if (target.kind === 'key') return { ...markdown(keywordMarkdown(target.line.key.text, meaning, version)), range: target.line.key.range };
  if (meaning.kind !== 'known' || !target.line.value) return null;
  if (meaning.storageKey === 'also') {
    const text = connHover(context, target.line.value.text);
    return text ? { ...markdown(text), range: target.line.value.range } : null;
  }
  const conn = target.section?.kind === 'conn' ? connUsingSection(context.analysis, target.section) : undefined;
  const options = proposalOptionsFor(meaning.storageKey, conn, context.settings);
  if (!options) return null;
  const parsed = parseProposalCached(target.line.value.text, options);
  const head = `**${meaning.storageKey}=** (${options.protocol.toUpperCase()}, IKEv${options.ikeVersion}${options.fips ? ', FIPS' : ''}, Libreswan ${version})`;
  const body = parsed.ok && parsed.expansion.length > 0
    ? `Libreswan will offer:\n\n\`\`\`\n${parsed.expansion.join('\n')}\n\`\`\``
    : `Libreswan ${version} rejects this list:\n\n${parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `- ${d.message}`).join('\n')}`;
  const warnings = parsed.diagnostics.filter((d) => d.severity === 'warning').map((d) => `- ${d.message}`);
  return { ...markdown([head, '', body, ...(warnings.length > 0 ? ['', 'Notes:', ...warnings] : [])].join('\n')), range: target.line.value.range };
}

const indexKindLabel: Readonly<Record<SecretsIndexKind, string>> = {
  any: 'any peer with an IPv4 address',
  any6: 'any peer with an IPv6 address',
  none: 'matches any ID',
  null: 'the NULL identity',
  fromcert: 'the ID from the certificate',
  ipv4: 'an IPv4 address ID',
  ipv6: 'an IPv6 address ID',
  hostname: 'a host name, resolved when the secrets are loaded',
  dn: 'an X.509 distinguished name',
  'der-dn': 'a DER-encoded distinguished name',
  keyid: 'a key ID',
  fqdn: 'an FQDN ID (@name)',
  'user-fqdn': 'a user FQDN ID (user@name)',
  'unknown-keyword': 'a %word Libreswan cannot parse',
};

const recordKindLabel: Readonly<Record<string, string>> = {
  psk: 'pre-shared key (PSK)',
  xauth: 'XAUTH password',
  ppks: 'post-quantum preshared key (PPK)',
};

/** Describes the secret without revealing it: its format and length only. */
function secretSummary(record: SecretsRecord): string | undefined {
  if (record.kind !== 'psk' && record.kind !== 'xauth' && record.kind !== 'ppks') return undefined;
  const format = record.data.format === 'quoted' ? 'quoted text' : record.data.format;
  return `The secret itself is not shown: ${record.data.payloadLength} characters of ${format}.`;
}

/** Hover in ipsec.secrets: what an index selects and what kind of secret a record holds. */
export function secretsHover(secrets: SecretsFile, pos: Position): Hover | null {
  const record = secrets.records.find((r) => rangeContains(r.range, pos));
  if (!record) return null;
  if (record.kind === 'include') return { ...markdown(`**include** \`${record.path.value}\`: reads more secrets from that file (relative paths are resolved against this file's folder).`), range: record.path.range };
  const index = record.indices.find((i) => rangeContains(i.range, pos));
  const kindLabel = record.kind === 'ignored' ? `${record.kindToken.text} record (not loaded by Libreswan)` : recordKindLabel[record.kind] ?? 'incomplete record';
  const lines: string[] = [];
  if (index) lines.push(`**${index.value}** — ${indexKindLabel[index.kind]}`, '', `Selects this ${kindLabel}.`);
  else {
    const who = record.indices.length > 0 ? record.indices.map((i) => `\`${i.value}\``).join(', ') : 'any peer';
    lines.push(`**${kindLabel}** for ${who}`);
  }
  if (record.kind === 'ppks') lines.push('', `PPK id: \`${record.ppkId.value}\``);
  const summary = secretSummary(record);
  if (summary) lines.push('', summary);
  return { ...markdown(lines.join('\n')), range: index?.range ?? record.range };
}
