import type { LibreswanVersion } from '../../schemas/keywords';
import type { SeveritySetting } from '../rules/rule';

/** The settings every front shares: CLI flags, `.ipsec-lint.json`, and the LSP's configuration. */
export interface LintSettings {
  readonly libreswanVersion: LibreswanVersion;
  /** Folder standing for `/` on the target host, for absolute include paths. */
  readonly root?: string;
  readonly fips: boolean;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

export const defaultSettings: LintSettings = { libreswanVersion: 'latest', fips: false, rules: {} };
