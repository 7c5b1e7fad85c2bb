import { dirname } from 'node:path';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { CryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { defaultSettings, type LintSettings } from '../settings/lint-settings';
import { findSettingsFile, readSettingsFile, type SettingsFile, type SettingsProblem } from '../settings/settings-file';

export interface SettingsFlags {
  readonly libreswanVersion?: LibreswanVersion;
  readonly root?: string;
  readonly fips?: boolean;
  readonly cryptoPolicy?: string;
  readonly cryptoPolicyEra?: CryptoPolicyEra;
  readonly cryptoPolicyFile?: string;
}

/** Settings for a file: defaults, then the nearest `.ipsec-lint.json`, then the command line's flags. */
export class SettingsResolver {
  private readonly cache = new Map<string, { file?: SettingsFile; problems: SettingsProblem[] }>();
  readonly problems: SettingsProblem[] = [];

  constructor(private readonly flags: SettingsFlags) {}

  settingsFile(forFile: string): SettingsFile | undefined {
    const found = findSettingsFile(dirname(forFile));
    if (!found) return undefined;
    let entry = this.cache.get(found);
    if (!entry) {
      const read = readSettingsFile(found);
      entry = { file: read.settings, problems: read.problems };
      this.cache.set(found, entry);
      this.problems.push(...read.problems);
    }
    return entry.file;
  }

  forFile(path: string): LintSettings {
    const file = this.settingsFile(path);
    return {
      libreswanVersion: this.flags.libreswanVersion ?? file?.libreswanVersion ?? defaultSettings.libreswanVersion,
      root: this.flags.root ?? file?.root,
      fips: this.flags.fips ?? file?.fips ?? defaultSettings.fips,
      rules: { ...defaultSettings.rules, ...file?.rules },
      cryptoPolicy: this.flags.cryptoPolicy ?? file?.cryptoPolicy,
      cryptoPolicyEra: this.flags.cryptoPolicyEra ?? file?.cryptoPolicyEra,
      cryptoPolicyFile: this.flags.cryptoPolicyFile ?? file?.cryptoPolicyFile,
    };
  }
}
