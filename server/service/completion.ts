import { basename, dirname, join } from 'node:path';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-protocol';
import { algorithmsFor, parseProposalList, type ProposalOptions } from '../../grammar/proposal';
import { slotAlgorithmType, type TransformSlot } from '../../grammar/proposal/types';
import type { AlgorithmInfo, AlgorithmType } from '../../schemas/algorithms';
import type { KeywordMatch, Section } from '../../schemas/keywords';
import { mapIncludePath } from '../model/include-graph';
import { resolveKeyName } from '../model/keyword-names';
import { keywordSectionOf, sectionOfLine } from './conf-position';
import type { ConfFeatureContext } from './context';
import { keywordMarkdown } from './keyword-docs';
import { connUsingSection, proposalOptionsFor } from './proposal-context';

const empty: CompletionList = { isIncomplete: false, items: [] };

/** The line under the cursor, split at the cursor. */
function lineTextAround(text: string, pos: Position): { before: string; after: string } {
  let start = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return { before: '', after: '' };
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const lineText = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
  const at = Math.max(0, pos.character);
  return { before: lineText.slice(0, at), after: lineText.slice(at) };
}

function lineTextBefore(text: string, pos: Position): string {
  return lineTextAround(text, pos).before;
}

function replaceRange(pos: Position, length: number): Range {
  return { start: { line: pos.line, character: pos.character - length }, end: pos };
}

/** Keys written in the section already: a second one is a duplicate, so they are not offered. */
function keysInSection(context: ConfFeatureContext, line: number): Set<string> {
  const section = sectionOfLine(context.conf, line);
  const keys = new Set<string>();
  for (const l of section?.body ?? []) if (l.kind === 'assignment' && l.line !== line) keys.add(l.key.text.toLowerCase());
  return keys;
}

function keywordItems(context: ConfFeatureContext, section: Section, pos: Position, typed: string): CompletionItem[] {
  const version = context.settings.libreswanVersion;
  const present = keysInSection(context, pos.line);
  const range = replaceRange(pos, typed.length);
  const items: CompletionItem[] = [];
  const add = (key: string, match: KeywordMatch): void => {
    if (present.has(key.toLowerCase()) && !match.schema.mayRepeat) return;
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: match.info.type,
      documentation: { kind: 'markdown', value: keywordMarkdown(key, resolveKeyName(key, section, context.table), version) },
      textEdit: { range, newText: `${key}=` },
      // Values pop up straight after the `=`.
      command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    });
  };
  for (const match of context.table.all(section)) {
    // Offer what a person should write today: old names and ignored keywords only get in the way.
    if (match.info.status !== 'keyword') continue;
    if (match.schema.leftright) {
      add(`left${match.schema.name}`, match);
      add(`right${match.schema.name}`, match);
    } else {
      add(match.schema.name, match);
    }
  }
  return items;
}

function valueWordItems(values: readonly string[], pos: Position, typed: string, kind: CompletionItemKind): CompletionItem[] {
  const range = replaceRange(pos, typed.length);
  return values.map((v, i) => ({ label: v, kind, sortText: String(i).padStart(4, '0'), textEdit: { range, newText: v } }));
}

/** Which transform type the term at the cursor fills, from the parse when it gets that far, else from its position. */
function algorithmTypeAt(value: string, offset: number, options: ProposalOptions, termIndex: number): AlgorithmType {
  const parsed = parseProposalList(value, options);
  for (const proposal of parsed.proposals) {
    const token = proposal.tokens.find((t) => t.start <= offset && offset <= t.end);
    if (token) return slotAlgorithmType(token.slot as TransformSlot);
  }
  const order: readonly AlgorithmType[] =
    options.protocol === 'ike' ? ['encrypt', 'prf', 'ke'] : options.protocol === 'esp' ? ['encrypt', 'integ', 'ke'] : ['integ', 'ke'];
  return order[Math.min(termIndex, order.length - 1)];
}

/**
 * Algorithms for the part of the proposal under the cursor. The edit replaces the whole name
 * the cursor is in (`sha2_|256` becomes the chosen name, not `<name>256`). In FIPS mode the
 * approved algorithms come first; the others follow, struck through, so a person sees why
 * the one they remember is refused rather than wondering where it went.
 */
function algorithmItems(value: string, options: ProposalOptions, pos: Position, after: string): CompletionItem[] {
  const proposalStart = value.lastIndexOf(',') + 1;
  const proposal = value.slice(proposalStart);
  const termStart = Math.max(proposal.lastIndexOf('-'), proposal.lastIndexOf(';'), proposal.lastIndexOf('+')) + 1;
  const typed = proposal.slice(termStart);
  const termIndex = (proposal.slice(0, termStart).match(/[-;]/g) ?? []).length;
  const type = algorithmTypeAt(value, value.length, options, termIndex);
  const allowed = algorithmsFor(options.protocol, type, options.version, { fips: options.fips, ikeVersion: options.ikeVersion });
  const refused = options.fips
    ? algorithmsFor(options.protocol, type, options.version, { fips: false, ikeVersion: options.ikeVersion }).filter((a) => !allowed.includes(a))
    : [];
  const restOfName = /^\w*/.exec(after)?.[0].length ?? 0;
  const range: Range = { start: { line: pos.line, character: pos.character - typed.length }, end: { line: pos.line, character: pos.character + restOfName } };
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  const add = (algorithms: readonly AlgorithmInfo[], group: string, refusedInFips: boolean): void => {
    algorithms.forEach((a, i) => {
      // Every spelling Libreswan accepts is offered (people write sha2_256 as often as hmac_sha2_256),
      // each pointing at the canonical name; the canonical spelling sorts first.
      a.names.forEach((label, j) => {
        if (seen.has(label)) return;
        seen.add(label);
        const item: CompletionItem = {
          label,
          kind: CompletionItemKind.EnumMember,
          detail: `${j === 0 ? type : `= ${a.name}`}${refusedInFips ? ' · not allowed in FIPS mode' : a.fips ? ' · FIPS-approved' : ''}`,
          // algorithmsFor lists FIPS-approved algorithms first; keep that order.
          sortText: `${group}.${String(i).padStart(4, '0')}.${String(j).padStart(2, '0')}`,
          textEdit: { range, newText: label },
        };
        if (refusedInFips) item.tags = [CompletionItemTag.Deprecated];
        items.push(item);
      });
    });
  };
  add(allowed, '0', false);
  add(refused, '1', true);
  return items;
}

function connNameItems(context: ConfFeatureContext, pos: Position, typed: string): CompletionItem[] {
  const own = sectionOfLine(context.conf, pos.line);
  const ownName = own?.kind === 'conn' ? own.name : undefined;
  const names = [...(context.analysis?.result.config.sectionsByName.keys() ?? [])].filter((n) => n !== '%default' && n !== ownName);
  const range = replaceRange(pos, typed.length);
  return names.map((name) => {
    const placed = context.analysis?.result.config.sectionsByName.get(name)?.[0];
    return { label: name, kind: CompletionItemKind.Reference, detail: placed ? `conn in ${basename(placed.file.path)}` : undefined, textEdit: { range, newText: name } };
  });
}

function includePathItems(context: ConfFeatureContext, pos: Position, typed: string): CompletionItem[] {
  const slash = typed.lastIndexOf('/');
  const folderWritten = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const cwd = context.analysis ? dirname(context.analysis.entry) : dirname(context.path);
  const folder = mapIncludePath(folderWritten === '' ? '.' : folderWritten, { root: context.settings.root, cwd });
  const fileTyped = typed.slice(slash + 1);
  const range = replaceRange(pos, fileTyped.length);
  // Folders first, with their slash, so a person can walk down /etc/ipsec.d/ one level at a time.
  const entries = context.fs.list ? context.fs.list(folder) : context.fs.glob(join(folder, '*')).map((p) => ({ name: basename(p), folder: false }));
  const items: CompletionItem[] = [...entries]
    .sort((a, b) => Number(b.folder) - Number(a.folder))
    .slice(0, 200)
    .map((e) => ({
      label: e.folder ? `${e.name}/` : e.name,
      kind: e.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
      textEdit: { range, newText: e.folder ? `${e.name}/` : e.name },
    }));
  items.push({ label: '*.conf', kind: CompletionItemKind.File, detail: 'every .conf file in this folder', textEdit: { range, newText: '*.conf' } });
  return items;
}

function topLevelItems(pos: Position, typed: string): CompletionItem[] {
  const range = replaceRange(pos, typed.length);
  const snippet = (label: string, newText: string, detail: string): CompletionItem => ({ label, kind: CompletionItemKind.Keyword, detail, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText } });
  return [
    snippet('conn', 'conn ${1:name}\n\t$0', 'a connection'),
    snippet('config setup', 'config setup\n\t$0', 'settings for the whole daemon'),
    snippet('include', 'include ${1:/etc/ipsec.d/*.conf}', 'read more sections from files'),
  ];
}

/** Completion in ipsec.conf: keywords, values, conn names, algorithms and include paths. */
export function confCompletion(context: ConfFeatureContext, pos: Position): CompletionList {
  const { before, after } = lineTextAround(context.conf.text, pos);
  if (/^\s*#/.test(before)) return empty;
  const include = /^include\s+(\S*)$/.exec(before);
  if (include) return { isIncomplete: false, items: includePathItems(context, pos, include[1]) };
  if (/^[a-z]*$/.test(before)) return { isIncomplete: false, items: topLevelItems(pos, before) };
  const sectionNode = sectionOfLine(context.conf, pos.line) ?? nearestSectionAbove(context, pos.line);
  const section = keywordSectionOf(sectionNode);
  if (!section) return empty;
  const keyOnly = /^[ \t]+([\w-]*)$/.exec(before);
  if (keyOnly) return { isIncomplete: false, items: keywordItems(context, section, pos, keyOnly[1]) };
  const assignment = /^[ \t]+([\w-]+)[ \t]*=[ \t]*(.*)$/.exec(before);
  if (!assignment) return empty;
  const [, key, valueBefore] = assignment;
  const meaning = resolveKeyName(key, section, context.table);
  if (meaning.kind !== 'known') return empty;
  const value = valueBefore.replace(/^["{]/, '');
  if (meaning.storageKey === 'also') return { isIncomplete: false, items: connNameItems(context, pos, value) };
  const conn = sectionNode?.kind === 'conn' ? connUsingSection(context.analysis, sectionNode) : undefined;
  const options = proposalOptionsFor(meaning.storageKey, conn, context.settings);
  if (options) return { isIncomplete: false, items: algorithmItems(value, options, pos, after) };
  const info = meaning.canonical.info;
  if (!info.values || info.values.length === 0) return empty;
  const isList = info.type === 'list' || info.type === 'debug-flags';
  const typed = isList ? value.slice(Math.max(value.lastIndexOf(','), value.lastIndexOf(' ')) + 1) : value;
  return { isIncomplete: false, items: valueWordItems(info.values, pos, typed, CompletionItemKind.EnumMember) };
}

/** An indented line being typed has no section in the tree until it parses; the header above decides. */
function nearestSectionAbove(context: ConfFeatureContext, line: number): ReturnType<typeof sectionOfLine> {
  for (let l = Math.min(line, context.conf.lines.length - 1); l >= 0; l--) {
    const found = sectionOfLine(context.conf, l);
    if (found) return found;
  }
  return undefined;
}

/** Completion in ipsec.secrets: the record kinds after the colon. */
export function secretsCompletion(text: string, pos: Position): CompletionList {
  const before = lineTextBefore(text, pos);
  const afterColon = /:\s*(\w*)$/.exec(before);
  if (!afterColon) return empty;
  const kinds = [
    { label: 'PSK', detail: 'pre-shared key: PSK "…"' },
    { label: 'XAUTH', detail: 'XAUTH password: XAUTH "…"' },
    { label: 'PPKS', detail: 'post-quantum preshared key: PPKS "id" "…"' },
  ];
  const range = replaceRange(pos, afterColon[1].length);
  return { isIncomplete: false, items: kinds.map((k) => ({ label: k.label, kind: CompletionItemKind.Keyword, detail: k.detail, textEdit: { range, newText: k.label } })) };
}
