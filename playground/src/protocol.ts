import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import type { EffectiveSettingRow } from '../../server/service/effective-settings';
import type { CryptoPolicyEra } from '../../schemas/crypto-policies/index';
import type { LibreswanVersion } from '../../schemas/keywords';

/** The settings panel: the same knobs as the CLI's flags. */
export interface PlaygroundSettings {
  readonly libreswanVersion: LibreswanVersion;
  readonly fips: boolean;
  readonly cryptoPolicy: string;
  readonly cryptoPolicyEra: CryptoPolicyEra;
}

/** Files by absolute path on the host they stand for (`/etc/ipsec.conf`). */
export type FileSet = Readonly<Record<string, string>>;

export interface EffectiveConn {
  readonly name: string;
  readonly rows: readonly EffectiveSettingRow[];
  readonly alsoSections: readonly string[];
  /** Libreswan would not add this conn as written (a missing also=, a clash). */
  readonly refused: boolean;
}

/** A line to change, as the pair view shows it (1-based line for people, 0-based for editors). */
export interface PairLine {
  readonly file: string;
  readonly range: Range;
  readonly text: string;
}

export interface PairResult {
  readonly problems: readonly string[];
  readonly matched: readonly string[];
  readonly westOnly: readonly string[];
  readonly eastOnly: readonly string[];
  readonly findings: readonly {
    readonly conn: string;
    readonly notification: string;
    readonly severity: 'error' | 'warning';
    readonly message: string;
    readonly west: PairLine;
    readonly east: PairLine;
  }[];
}

/** A file's diagnostics with every code action the service offers on them (quick fixes, fix-all). */
export interface FileFindings {
  readonly diagnostics: Diagnostic[];
  readonly actions: CodeAction[];
}

/** Each request the page sends the worker, with the answer it gets back. */
export interface Requests {
  meta: { params: Record<string, never>; result: { versions: readonly LibreswanVersion[]; eras: readonly CryptoPolicyEra[]; policies: Readonly<Record<string, readonly string[]>> } };
  sync: { params: { files: FileSet; settings: PlaygroundSettings }; result: Readonly<Record<string, FileFindings>> };
  hover: { params: { path: string; position: Position }; result: Hover | null };
  completion: { params: { path: string; position: Position }; result: CompletionList };
  codeActions: { params: { path: string; range: Range }; result: CodeAction[] };
  format: { params: { path: string }; result: TextEdit[] | { refused: string } };
  effective: { params: { path: string }; result: EffectiveConn[] };
  pair: { params: { west: FileSet; east: FileSet; libreswanVersion: LibreswanVersion }; result: PairResult };
}

export type Method = keyof Requests;

export interface RequestMessage<M extends Method = Method> {
  readonly id: number;
  readonly method: M;
  readonly params: Requests[M]['params'];
}

export type ResponseMessage =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Where the page's files live on the host they stand for. */
export const HOST_ETC = '/etc';
