import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';

/**
 * Highlighting straight from the project's TextMate grammars (grammar/textmate/*.tmLanguage.json),
 * so the page colours a file as VS Code does. The grammars use a small part of TextMate:
 * `match` rules with captures, `begin`/`end` rules (the secrets grammar's span lines),
 * `include` of repository entries, and Oniguruma syntax that JavaScript shares except for
 * `(?i:…)` groups, rewritten below. Each line is tokenised whole, as TextMate does, then handed
 * to CodeMirror piece by piece.
 */

interface Captures {
  readonly [group: string]: { readonly name?: string } | undefined;
}

export interface GrammarRule {
  readonly include?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly contentName?: string;
  readonly captures?: Captures;
  readonly beginCaptures?: Captures;
  readonly endCaptures?: Captures;
  readonly patterns?: readonly GrammarRule[];
}

export interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly GrammarRule[];
  readonly repository?: Readonly<Record<string, GrammarRule>>;
}

/** A scope stack for one stretch of a line: outermost first. */
export interface ScopedToken {
  readonly end: number;
  readonly scopes: readonly string[];
}

/**
 * Oniguruma syntax as JavaScript reads it: `(?i:psk)` → `(?:[pP][sS][kK])` (Node 20's RegExp
 * has no inline flag groups), and `.` → `[^\n]` (Oniguruma's dot matches a carriage return).
 */
export function toJavaScriptRegExpSource(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    if (inClass || !source.startsWith('(?i:', i)) {
      const c = source[i];
      if (c === '\\' && i + 1 < source.length) out += c + source[++i];
      else if (c === '.' && !inClass) out += '[^\\n]';
      else {
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        out += c;
      }
      continue;
    }
    out += '(?:';
    let depth = 1;
    let inGroupClass = false;
    for (i += 4; i < source.length && depth > 0; i++) {
      const c = source[i];
      if (c === '\\') {
        out += c + (source[++i] ?? '');
        continue;
      }
      if (inGroupClass) {
        inGroupClass = c !== ']';
        out += /[a-z]/i.test(c) ? c.toLowerCase() + c.toUpperCase() : c;
        continue;
      }
      if (c === '[') inGroupClass = true;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      out += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
    }
    i--;
  }
  return out;
}

/** A rule with its regular expressions compiled and its includes resolved. */
interface CompiledRule {
  readonly source: GrammarRule;
  readonly match?: RegExp;
  readonly begin?: RegExp;
  readonly end?: RegExp;
  readonly patterns: CompiledRule[];
}

export class TextMateTokenizer {
  private readonly compiled = new Map<GrammarRule, CompiledRule>();
  private readonly top: CompiledRule[];

  constructor(private readonly grammar: Grammar) {
    this.top = this.expand(grammar.patterns);
  }

  private compile(rule: GrammarRule): CompiledRule {
    const known = this.compiled.get(rule);
    if (known) return known;
    const re = (s: string | undefined): RegExp | undefined => (s === undefined ? undefined : new RegExp(toJavaScriptRegExpSource(s), 'dg'));
    const compiled: CompiledRule = { source: rule, match: re(rule.match), begin: re(rule.begin), end: re(rule.end), patterns: [] };
    this.compiled.set(rule, compiled);
    compiled.patterns.push(...this.expand(rule.patterns ?? []));
    return compiled;
  }

  /** Replaces includes and pattern-only groups by the rules they stand for. */
  private expand(rules: readonly GrammarRule[]): CompiledRule[] {
    const out: CompiledRule[] = [];
    for (const rule of rules) {
      if (rule.include !== undefined) {
        const target = rule.include === '$self' ? { patterns: this.grammar.patterns } : this.grammar.repository?.[rule.include.replace(/^#/, '')];
        if (target) out.push(...this.expand([target]));
      } else if (rule.match === undefined && rule.begin === undefined) {
        out.push(...this.expand(rule.patterns ?? []));
      } else out.push(this.compile(rule));
    }
    return out;
  }

  /** The begin/end rules open at the start of the first line. */
  initialStack(): readonly GrammarRule[] {
    return [];
  }

  /**
   * Tokenises one line (without its newline). `stack` holds the begin/end rules still open
   * from the previous line; the returned stack is the one open after this line.
   */
  tokenizeLine(line: string, stack: readonly GrammarRule[]): { tokens: ScopedToken[]; stack: readonly GrammarRule[] } {
    const open = stack.map((r) => this.compile(r));
    const tokens: ScopedToken[] = [];
    const base = [this.grammar.scopeName];
    const scopesOf = (rules: readonly CompiledRule[], inContent: boolean): string[] => {
      const scopes = [...base];
      rules.forEach((r, i) => {
        if (r.source.name) scopes.push(r.source.name);
        if (r.source.contentName && (inContent || i < rules.length - 1)) scopes.push(r.source.contentName);
      });
      return scopes;
    };
    const push = (end: number, scopes: readonly string[]): void => {
      const last = tokens[tokens.length - 1];
      const start = last ? last.end : 0;
      if (end <= start) return;
      if (last && last.scopes.join(' ') === scopes.join(' ')) tokens[tokens.length - 1] = { end, scopes };
      else tokens.push({ end, scopes });
    };
    const pushCaptures = (m: RegExpExecArray, captures: Captures | undefined, outer: readonly string[]): void => {
      const start = m.index;
      const indices = m.indices ?? [];
      // Each character takes the names of every group that holds it, outer groups first
      // (a lower group number opens earlier), as TextMate nests capture scopes.
      for (let at = start; at < start + m[0].length; at++) {
        const scopes = [...outer];
        for (let g = 1; g < indices.length; g++) {
          const span = indices[g];
          const name = captures?.[String(g)]?.name;
          if (span && name && span[0] <= at && at < span[1]) scopes.push(name);
        }
        push(at + 1, scopes);
      }
    };
    let pos = 0;
    // A zero-width match that changes nothing must not loop forever.
    let guard = 0;
    while (pos <= line.length && guard++ < 10_000) {
      const current = open[open.length - 1];
      const candidates = current ? current.patterns : this.top;
      let best: { rule: CompiledRule | 'end'; m: RegExpExecArray } | undefined;
      const tryRe = (re: RegExp | undefined, rule: CompiledRule | 'end'): void => {
        if (!re) return;
        re.lastIndex = pos;
        const m = re.exec(line);
        if (m && (!best || m.index < best.m.index)) best = { rule, m };
      };
      if (current) tryRe(current.end, 'end');
      for (const rule of candidates) tryRe(rule.match ?? rule.begin, rule);
      if (!best) break;
      const { rule, m } = best;
      const matchEnd = m.index + m[0].length;
      push(m.index, scopesOf(open, true));
      if (rule === 'end') {
        const closing = open.pop()!;
        const outer = [...scopesOf(open, true), ...(closing.source.name ? [closing.source.name] : [])];
        pushCaptures(m, closing.source.endCaptures ?? closing.source.captures, outer);
      } else if (rule.match) {
        const outer = [...scopesOf(open, true), ...(rule.source.name ? [rule.source.name] : [])];
        pushCaptures(m, rule.source.captures, outer);
      } else {
        const outer = [...scopesOf(open, true), ...(rule.source.name ? [rule.source.name] : [])];
        pushCaptures(m, rule.source.beginCaptures ?? rule.source.captures, outer);
        open.push(rule);
      }
      if (m[0].length === 0 && rule !== 'end' && !rule.begin) {
        // A zero-width match that opens nothing would match again forever: step over a character.
        if (pos >= line.length) break;
        push(pos + 1, scopesOf(open, true));
        pos++;
        continue;
      }
      // An end such as `$` still applies at the line's end, so the loop runs once at pos === length.
      pos = matchEnd;
    }
    push(line.length, scopesOf(open, true));
    return { tokens, stack: open.map((r) => r.source) };
  }
}

/** TextMate scope → the CodeMirror highlight name drawn for it; the first prefix that matches wins. */
const styleOfScope: readonly (readonly [string, string])[] = [
  ['invalid', 'invalid'],
  ['comment', 'comment'],
  ['punctuation.definition.comment', 'comment'],
  ['storage.type', 'keyword'],
  ['keyword.control', 'keyword'],
  ['keyword.other', 'keyword'],
  ['keyword.operator', 'operator'],
  ['entity.name', 'variableName.definition'],
  ['storage.modifier', 'modifier'],
  ['variable', 'propertyName'],
  ['constant.numeric', 'number'],
  ['constant.language', 'atom'],
  ['string.other.secret', 'string.special'],
  ['string', 'string'],
  ['markup', 'meta'],
  ['support', 'typeName'],
];

export function styleOf(scopes: readonly string[]): string | null {
  for (let i = scopes.length - 1; i >= 1; i--) {
    for (const [prefix, style] of styleOfScope) if (scopes[i].startsWith(prefix)) return style;
  }
  return null;
}

interface LineState {
  stack: readonly GrammarRule[];
  /** The rest of the current line's tokens: [end column, style]. */
  pending: [number, string | null][];
}

export function textMateLanguage(grammar: Grammar): StreamLanguage<LineState> {
  const tokenizer = new TextMateTokenizer(grammar);
  const parser: StreamParser<LineState> = {
    name: grammar.scopeName,
    startState: () => ({ stack: tokenizer.initialStack(), pending: [] }),
    copyState: (s) => ({ stack: s.stack, pending: s.pending.slice() }),
    token(stream: StringStream, state: LineState): string | null {
      if (stream.sol()) {
        const { tokens, stack } = tokenizer.tokenizeLine(stream.string, state.stack);
        state.stack = stack;
        state.pending = tokens.map((t) => [t.end, styleOf(t.scopes)]);
      }
      while (state.pending.length > 0 && state.pending[0][0] <= stream.pos) state.pending.shift();
      const next = state.pending.shift();
      if (!next) {
        stream.skipToEnd();
        return null;
      }
      stream.pos = next[0];
      return next[1];
    },
    blankLine(state: LineState): void {
      state.stack = tokenizer.tokenizeLine('', state.stack).stack;
    },
  };
  return StreamLanguage.define(parser);
}
