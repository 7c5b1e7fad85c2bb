import { resolve } from 'node:path';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { CryptoPolicyEra } from '../../schemas/crypto-policies/index';
import { defaultSettings, type LintSettings } from '../settings/lint-settings';
import type { SettingsFile, SettingsProblem } from '../settings/settings-file';
import { SettingsFileCache } from '../settings/settings-file-cache';

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
  private readonly files = new SettingsFileCache();

  constructor(private readonly flags: SettingsFlags) {}

  /** Problems of every settings file read so far. */
  get problems(): SettingsProblem[] {
    return [...this.files.problems().values()].flat();
  }

  settingsFile(forFile: string): SettingsFile | undefined {
    return this.files.for(resolve(forFile));
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
      checkFileModes: file?.checkFileModes,
    };
  }
}
