/**
 * What the formatter may be told. Everything else about the layout is fixed on purpose:
 * a formatter with few knobs gives the same diff on every machine.
 */
export interface FormatOptions {
  /** The indent of body lines (and of continuation lines in ipsec.secrets/policy files): a tab or N spaces. */
  readonly indent: IndentSetting;
  /**
   * Drop double quotes around values that read the same without them (`leftid="@west"` →
   * `leftid=@west`). Only values made of a small, safe alphabet are touched; see
   * value-quoting.ts for why each exclusion is there.
   */
  readonly unquoteValues: boolean;
}

export type IndentSetting = 'tab' | number;

/**
 * A tab: 1,874 of the 1,924 corpus conf files with body lines (97.4%) indent them mostly
 * with one tab, as do 33,903 of 36,516 body lines (92.8%). Measured on the Libreswan
 * corpus snapshot (HEAD after v5.4).
 */
export const defaultFormatOptions: FormatOptions = { indent: 'tab', unquoteValues: true };

export const MAX_INDENT_WIDTH = 16;

/** The `format` object of `.ipsec-lint.json`; every field optional. */
export interface FormatOptionsFromFile {
  readonly indent?: IndentSetting;
  readonly unquoteValues?: boolean;
}

/** The subset of LSP `FormattingOptions` the formatter reads. */
export interface EditorFormattingOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

export function indentText(indent: IndentSetting): string {
  return indent === 'tab' ? '\t' : ' '.repeat(indent);
}

function isIndentSetting(value: unknown): value is IndentSetting {
  return value === 'tab' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INDENT_WIDTH);
}

/**
 * Settings precedence: the project's `.ipsec-lint.json` wins over the editor's tab settings,
 * so everyone on a project gets the same layout whatever their editor says.
 */
export function resolveFormatOptions(fromFile?: FormatOptionsFromFile, editor?: EditorFormattingOptions): FormatOptions {
  const editorIndent: IndentSetting | undefined =
    editor === undefined ? undefined : editor.insertSpaces && isIndentSetting(editor.tabSize) ? editor.tabSize : 'tab';
  return {
    indent: fromFile?.indent ?? editorIndent ?? defaultFormatOptions.indent,
    unquoteValues: fromFile?.unquoteValues ?? defaultFormatOptions.unquoteValues,
  };
}

export interface FormatSectionProblem {
  /** The JSON key the problem is about, for locating it in the file. */
  readonly key: string;
  readonly message: string;
}

/** Checks the `format` object of a settings file; unknown keys are reported, not ignored. */
export function readFormatSection(value: unknown): { options: FormatOptionsFromFile; problems: FormatSectionProblem[] } {
  const problems: FormatSectionProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { options: {}, problems: [{ key: 'format', message: 'format: expected an object such as {"indent": "tab"}' }] };
  }
  let indent: IndentSetting | undefined;
  let unquoteValues: boolean | undefined;
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    switch (key) {
      case 'indent':
        if (isIndentSetting(field)) indent = field;
        else problems.push({ key, message: `format.indent: expected "tab" or a number of spaces from 1 to ${MAX_INDENT_WIDTH}` });
        break;
      case 'unquoteValues':
        if (typeof field === 'boolean') unquoteValues = field;
        else problems.push({ key, message: 'format.unquoteValues: expected true or false' });
        break;
      default:
        problems.push({ key, message: `format.${key}: unknown option (known: indent, unquoteValues)` });
    }
  }
  return { options: { indent, unquoteValues }, problems };
}
