import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import type { ConfFile, ConfToken, ValueNode } from '../../grammar/conf/syntax-tree';
import type { PolicyGroupFile } from '../../grammar/policy';
import type { SecretsFile } from '../../grammar/secrets';
import type { TextRange } from '../../grammar/text-range';
import type { KeywordTable } from '../../schemas/keywords';
import { resolveKeyName } from '../model/keyword-names';
import { keywordSectionOf, sectionOfLine } from './conf-position';

const tokenTypes = ['keyword', 'property', 'variable', 'string', 'number', 'comment', 'operator', 'enumMember', 'macro', 'class', 'namespace'] as const;
const tokenModifiers = ['declaration', 'deprecated', 'readonly'] as const;
type TokenType = typeof tokenTypes[number];
type TokenModifier = typeof tokenModifiers[number];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

/** Collects tokens in document order and encodes them as LSP's relative integer quintuples. */
class TokenBuilder {
  private readonly data: number[] = [];
  private line = 0;
  private character = 0;

  push(range: TextRange, type: TokenType, modifiers: readonly TokenModifier[] = []): void {
    // LSP tokens cannot span lines; a value broken over lines is left to the TextMate grammar.
    if (range.start.line !== range.end.line || range.end.character <= range.start.character) return;
    const deltaLine = range.start.line - this.line;
    const deltaStart = deltaLine === 0 ? range.start.character - this.character : range.start.character;
    let bits = 0;
    for (const m of modifiers) bits |= 1 << tokenModifiers.indexOf(m);
    this.data.push(deltaLine, deltaStart, range.end.character - range.start.character, tokenTypes.indexOf(type), bits);
    this.line = range.start.line;
    this.character = range.start.character;
  }

  build(): SemanticTokens {
    return { data: this.data };
  }
}

function valueType(value: ValueNode, valueKind: 'conn' | 'enum' | 'other'): TokenType {
  if (valueKind === 'conn') return 'class';
  if (value.text.startsWith('%')) return 'macro';
  if (/^\d+(\.\d+)?[a-z]*$/i.test(value.text)) return 'number';
  return valueKind === 'enum' ? 'enumMember' : 'string';
}

/**
 * Semantic tokens for ipsec.conf, on top of the TextMate grammar: what only the schema
 * knows, such as a key being obsolete in the target version or a value naming a conn.
 */
export function confSemanticTokens(conf: ConfFile, table: KeywordTable): SemanticTokens {
  const builder = new TokenBuilder();
  const comment = (token: ConfToken | undefined): void => {
    if (token) builder.push(token.range, 'comment');
  };
  for (const line of conf.lines) {
    switch (line.kind) {
      case 'comment':
        comment(line.comment);
        break;
      case 'setup-header':
        builder.push(line.keyword.range, 'keyword');
        for (const t of line.tokens) if (t.kind === 'word' && t !== line.keyword) builder.push(t.range, 'namespace', ['declaration']);
        comment(line.comment);
        break;
      case 'conn-header':
        builder.push(line.keyword.range, 'keyword');
        builder.push(line.name.range, 'class', ['declaration']);
        comment(line.comment);
        break;
      case 'include':
        builder.push(line.keyword.range, 'keyword');
        builder.push(line.path.range, 'string');
        comment(line.comment);
        break;
      case 'version':
        builder.push(line.keyword.range, 'keyword');
        builder.push(line.value.range, 'number');
        comment(line.comment);
        break;
      case 'assignment': {
        const section = keywordSectionOf(sectionOfLine(conf, line.line));
        if (line.isCommentKey) {
          builder.push(line.range, 'comment');
          break;
        }
        const meaning = section ? resolveKeyName(line.key.text, section, table) : undefined;
        const status = meaning?.kind === 'known' ? meaning.match.info.status : undefined;
        const deprecated = status === 'obsolete' || (status === 'alias' && meaning?.kind === 'known' && meaning.match.info.renamedTo !== undefined);
        builder.push(line.key.range, 'property', deprecated ? ['deprecated'] : []);
        if (line.equals) builder.push(line.equals.range, 'operator');
        if (line.value) {
          const isAlso = meaning?.kind === 'known' && meaning.storageKey === 'also';
          const isEnum = meaning?.kind === 'known' && (meaning.canonical.info.values?.length ?? 0) > 0;
          builder.push(line.value.range, valueType(line.value, isAlso ? 'conn' : isEnum ? 'enum' : 'other'));
        }
        comment(line.comment);
        break;
      }
      default:
        comment(line.comment);
    }
  }
  return builder.build();
}

/** ipsec.secrets: IDs, the colon, the record kind, and where the secret is (its extent only). */
export function secretsSemanticTokens(secrets: SecretsFile): SemanticTokens {
  const extra: { range: TextRange; type: TokenType }[] = [];
  for (const record of secrets.records) {
    if (record.kind === 'include') {
      extra.push({ range: record.keyword.range, type: 'keyword' }, { range: record.path.range, type: 'string' });
      continue;
    }
    for (const index of record.indices) extra.push({ range: index.range, type: 'variable' });
    if (record.kindToken) extra.push({ range: record.kindToken.range, type: 'keyword' });
    if (record.kind === 'psk' || record.kind === 'xauth' || record.kind === 'ppks') extra.push({ range: record.data.token.range, type: 'string' });
  }
  return mergeInOrder(secrets.tokens.filter((t) => t.kind === 'comment' || t.kind === 'colon').map((t) => ({ range: t.range, type: (t.kind === 'comment' ? 'comment' : 'operator') as TokenType })), extra);
}

export function policySemanticTokens(policy: PolicyGroupFile): SemanticTokens {
  const items: { range: TextRange; type: TokenType }[] = policy.comments.map((c) => ({ range: c.range, type: 'comment' as TokenType }));
  for (const e of policy.entries) {
    items.push({ range: e.address.range, type: 'number' });
    for (const f of [e.protocol, e.sourcePort, e.destinationPort]) if (f) items.push({ range: f.range, type: 'enumMember' });
  }
  return mergeInOrder(items, []);
}

function mergeInOrder(a: { range: TextRange; type: TokenType }[], b: { range: TextRange; type: TokenType }[]): SemanticTokens {
  const all = [...a, ...b].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  const builder = new TokenBuilder();
  let lastLine = -1;
  let lastEnd = 0;
  for (const item of all) {
    // Overlapping tokens are not allowed; the first one at a place wins.
    if (item.range.start.line === lastLine && item.range.start.character < lastEnd) continue;
    builder.push(item.range, item.type);
    lastLine = item.range.start.line;
    lastEnd = item.range.end.character;
  }
  return builder.build();
}
