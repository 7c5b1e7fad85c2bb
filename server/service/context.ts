import type { ConfFile } from '../../grammar/conf/syntax-tree';
import type { KeywordTable } from '../../schemas/keywords';
import type { ConfigFileSystem } from '../model/file-system';
import type { LintSettings } from '../settings/lint-settings';
import type { ConfAnalysis } from './workspace';

/** Everything a conf feature reads: the open file, the graph it is checked in, the settings. */
export interface ConfFeatureContext {
  readonly path: string;
  readonly conf: ConfFile;
  /** Absent only when the file could not be analysed at all. */
  readonly analysis: ConfAnalysis | undefined;
  readonly settings: LintSettings;
  readonly table: KeywordTable;
  readonly fs: ConfigFileSystem;
  /** The URI clients know a path by. */
  readonly uriOf: (path: string) => string;
}
