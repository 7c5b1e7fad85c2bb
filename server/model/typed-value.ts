import { VALUE_SYNTAXES, type KeywordVersionInfo } from '../../schemas/keywords';

const compiled = new Map<string, { regexp: RegExp; description: string } | undefined>();

/** The schema's value syntax as a compiled regular expression, memoised. */
export function valueSyntaxPattern(id: string): { regexp: RegExp; description: string } | undefined {
  if (!compiled.has(id)) {
    const s = VALUE_SYNTAXES[id];
    compiled.set(id, s ? { regexp: new RegExp(s.pattern, s.flags), description: s.description } : undefined);
  }
  return compiled.get(id);
}

function inValues(value: string, info: KeywordVersionInfo): boolean {
  const values = info.values ?? [];
  if (info.caseSensitiveValues) return values.includes(value);
  const lower = value.toLowerCase();
  return values.some((v) => v.toLowerCase() === lower);
}

function listOf(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '';
  const shown = values.slice(0, 12).join(', ');
  return values.length > 12 ? `${shown}, …` : shown;
}

/**
 * Checks a value against its keyword's declared type for one version: the allowed words of
 * enums, booleans and lists, and the value syntax (durations, numbers, percentages, sizes)
 * the schema names. Types without a syntax (free strings, paths) always pass.
 */
export function checkTypedValue(value: string, info: KeywordVersionInfo): string | undefined {
  if (info.alsoAccepts && valueSyntaxPattern(info.alsoAccepts)?.regexp.test(value)) return undefined;
  switch (info.type) {
    case 'bool':
    case 'enum':
    case 'debug-flags': {
      if (!info.values || info.values.length === 0) return undefined;
      if (info.type === 'debug-flags') {
        const words = value.split(/[\s,]+/).filter((w) => w !== '');
        // A flag may be negated with a `no-` prefix.
        const bad = words.find((w) => !inValues(w, info) && !inValues(w.replace(/^no-/i, ''), info));
        return bad !== undefined ? `'${bad}' is not a debug option (use ${listOf(info.values)})` : undefined;
      }
      if (inValues(value, info)) return undefined;
      if (value === '') return `an empty value is not allowed (use ${listOf(info.values)})`;
      return `'${value}' is not one of ${listOf(info.values)}`;
    }
    case 'list': {
      if (!info.values || info.values.length === 0) return undefined;
      const items = value.split(/[\s,]+/).filter((w) => w !== '');
      if (items.length === 0) return `an empty value is not allowed (use ${listOf(info.values)})`;
      const bad = items.find((item) => !inValues(item, info));
      return bad !== undefined ? `'${bad}' is not one of ${listOf(info.values)}` : undefined;
    }
    default: {
      if (info.values && inValues(value, info)) return undefined;
      const pattern = info.syntax ? valueSyntaxPattern(info.syntax) : undefined;
      if (!pattern) return undefined;
      if (pattern.regexp.test(value)) return undefined;
      return `'${value}' is not valid: ${pattern.description}`;
    }
  }
}
