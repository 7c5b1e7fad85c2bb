import type { LibreswanVersion } from '../../schemas/keywords';
import type { SeveritySetting } from '../rules/rule';
import type { CryptoPolicyEra } from '../../schemas/crypto-policies/index';

/** The settings every front shares: CLI flags, `.ipsec-lint.json`, and the LSP's configuration. */
export interface LintSettings {
  readonly libreswanVersion: LibreswanVersion;
  /** Folder standing for `/` on the target host, for absolute include paths. */
  readonly root?: string;
  readonly fips: boolean;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** System crypto policy name (`DEFAULT`, `FIPS:OSPP`); DEFAULT when unset. */
  readonly cryptoPolicy?: string;
  /** Which generation of crypto-policies produced it; `current` when unset. */
  readonly cryptoPolicyEra?: CryptoPolicyEra;
  /** A site's own libreswan.config back-end file, used instead of a shipped policy. */
  readonly cryptoPolicyFile?: string;
  /**
   * Judge secrets files' permission bits. Unset: only where the files are the target host's
   * own (`root` is `/`, or no root and the file sits in /etc): a git checkout's 0644 says
   * nothing about the host it deploys to.
   */
  readonly checkFileModes?: boolean;
}

export const defaultSettings: LintSettings = { libreswanVersion: 'latest', fips: false, rules: {} };
