import type { AssignmentLine, ConfFile, ConfLine, ConfSection, ConnHeaderLine, IncludeLine } from '../../grammar/conf/syntax-tree';
import { rangeContains, type Position } from '../../grammar/text-range';
import type { Section } from '../../schemas/keywords';

const sectionOfLineCache = new WeakMap<ConfFile, (ConfSection | undefined)[]>();

/** The section each line belongs to (headers included); memoised per parsed file. */
export function sectionOfLine(conf: ConfFile, line: number): ConfSection | undefined {
  let table = sectionOfLineCache.get(conf);
  if (!table) {
    table = new Array<ConfSection | undefined>(conf.lines.length);
    for (const section of conf.sections) {
      table[section.header.line] = section;
      for (const l of section.body) table[l.line] = section;
    }
    sectionOfLineCache.set(conf, table);
  }
  return table[line];
}

/** `config` or `conn`, the keyword table a section's keys are looked up in. */
export function keywordSectionOf(section: ConfSection | undefined): Section | undefined {
  if (section?.kind === 'setup') return 'config';
  if (section?.kind === 'conn') return 'conn';
  return undefined;
}

export type ConfTarget =
  | { readonly kind: 'key'; readonly line: AssignmentLine; readonly section: ConfSection | undefined }
  | { readonly kind: 'value'; readonly line: AssignmentLine; readonly section: ConfSection | undefined; readonly offsetInValue: number }
  | { readonly kind: 'conn-name'; readonly line: ConnHeaderLine }
  | { readonly kind: 'include-path'; readonly line: IncludeLine };

export function lineAt(conf: ConfFile, pos: Position): ConfLine | undefined {
  return conf.lines[pos.line];
}

/** What the cursor is on, read from the tree (complete lines only; completion reads raw text). */
export function confTargetAt(conf: ConfFile, pos: Position): ConfTarget | undefined {
  const line = lineAt(conf, pos);
  if (!line) return undefined;
  switch (line.kind) {
    case 'assignment': {
      const section = sectionOfLine(conf, line.line);
      if (rangeContains(line.key.range, pos)) return { kind: 'key', line, section };
      if (line.value && rangeContains(line.value.range, pos)) {
        // Offsets inside the unquoted text: a quote counts as the first character.
        const inRaw = pos.character - line.value.range.start.character;
        const quote = line.value.quoting === 'bare' ? 0 : 1;
        return { kind: 'value', line, section, offsetInValue: Math.max(0, Math.min(line.value.text.length, inRaw - quote)) };
      }
      return undefined;
    }
    case 'conn-header':
      return rangeContains(line.name.range, pos) ? { kind: 'conn-name', line } : undefined;
    case 'include':
      return rangeContains(line.path.range, pos) ? { kind: 'include-path', line } : undefined;
    default:
      return undefined;
  }
}
