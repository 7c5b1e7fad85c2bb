import type { TextRange } from '../../grammar/text-range';
import type { VersionBehaviour } from '../../schemas/behaviour';
import type { KeywordTable, LibreswanVersion } from '../../schemas/keywords';
import type { AddressSyntax } from '../../schemas/address-syntax';
import type { Assignment, ResolvedConfig, ResolvedConn } from '../model/connections';
import type { PlacedSection } from '../model/include-graph';
import type { LoadedSecrets } from '../model/secrets-index';
import type { PolicyGroupFile } from '../../grammar/policy/index';
import type { ActiveCryptoPolicy } from '../model/crypto-policy';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  readonly file: string;
  readonly range: TextRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe to apply without a person looking (offered in source.fixAll). */
  readonly preferred?: boolean;
}

export interface RelatedLocation {
  readonly file: string;
  readonly range: TextRange;
  readonly message: string;
}

/** One finding, before the user's severity settings are applied. */
export interface Finding {
  readonly file: string;
  readonly range: TextRange;
  readonly message: string;
  /** True when Libreswan of the target version would refuse the file, or the conn, for this. */
  readonly rejectedByLibreswan: boolean;
  /** Overrides the rule's default severity for this finding (the user's setting still wins). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly tags?: readonly ('deprecated' | 'unnecessary')[];
  readonly fixes?: readonly Fix[];
  /** The conn this finding is about, when it is about one (a conn refusal names the conn it refuses). */
  readonly conn?: string;
}

export interface LintDiagnostic extends Finding {
  readonly ruleId: string;
  readonly severity: Severity;
}

export interface RuleMeta {
  /** Stable kebab-case id: users configure and look rules up by it. */
  readonly id: string;
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Rules that read the conf model, or a secrets file. */
  readonly scope: 'conf' | 'secrets' | 'policy';
  /** Some findings carry a fix safe to apply unseen (`preferred`): `--fix` and the JSON `fix` field use it. */
  readonly fixable?: boolean;
  /**
   * The rule's findings about conn X depend only on X's resolved settings (its own section,
   * what `also=` and `conn %default` bring, `config setup`), on whether other conns pull X in
   * with `also=`, and on what `connFacts` returns for X; it checks the conns of
   * `context.conns` (all of them when absent) one after another and reads no other conn. The editor then
   * re-checks only the conns an edit touched (server/rules/incremental.ts). Absent: the rule
   * reads the whole config and always runs on all of it.
   */
  readonly perConn?: true;
  /**
   * The rule's findings about a section's lines depend only on that section (its text and
   * place; a finding naming a conn also on where that conn is); it reads the sections of
   * `context.sections` (all of them when absent). Re-run only for the sections an edit touched.
   */
  readonly perSection?: true;
}

/** Everything a conf rule may look at; built once per lint. */
export interface ConfRuleContext {
  readonly version: LibreswanVersion;
  readonly table: KeywordTable;
  readonly behaviour: VersionBehaviour;
  readonly syntax: AddressSyntax;
  readonly config: ResolvedConfig;
  readonly fips: boolean;
  /** The system crypto policy the config runs under (crypto rules); absent in bare contexts. */
  readonly cryptoPolicy?: ActiveCryptoPolicy;
  /** The config's ipsec.secrets with its includes, for the FIPS PSK check (read only in FIPS mode). */
  readonly secrets?: LoadedSecrets;
  /** The conns a `perConn` rule checks, in file order; every conn of `config` when absent. */
  readonly conns?: readonly ResolvedConn[];
  /** The sections a `perSection` rule checks, with their assignments; `config.assignments` when absent. */
  readonly sections?: ReadonlyMap<PlacedSection, readonly Assignment[]>;
}

export interface ConfRule {
  readonly meta: RuleMeta & { readonly scope: 'conf' };
  check(context: ConfRuleContext, report: (finding: Finding) => void): void;
  /**
   * For a `perConn` rule that reads a fact about other conns (pluto's pool overlaps in file
   * order): that fact for this conn, as text; a conn is re-checked when it changes.
   */
  connFacts?(context: ConfRuleContext, conn: ResolvedConn): string;
}

/** Everything a secrets rule may look at: the secrets file with its includes, and the conf beside it when known. */
export interface SecretsRuleContext {
  readonly version: LibreswanVersion;
  readonly fips: boolean;
  readonly secrets: LoadedSecrets;
  /** The ipsec.conf this secrets file belongs to (same folder, or the /etc layout); absent when none was found. */
  readonly config?: ResolvedConfig;
  /** File modes mean something here (the target host's own files, or a setting asks); see LintSettings.checkFileModes. */
  readonly checkFileModes?: boolean;
}

export interface SecretsRule {
  readonly meta: RuleMeta & { readonly scope: 'secrets' };
  check(context: SecretsRuleContext, report: (finding: Finding) => void): void;
}

export interface PolicyGroup {
  /** The group's name: the file name (`private`, `clear`, `block`, …). */
  readonly name: string;
  readonly path: string;
  readonly file: PolicyGroupFile;
}

/** The policy group files of one ipsec.d/policies folder, read together. */
export interface PolicyRuleContext {
  readonly groups: readonly PolicyGroup[];
}

export interface PolicyRule {
  readonly meta: RuleMeta & { readonly scope: 'policy' };
  check(context: PolicyRuleContext, report: (finding: Finding) => void): void;
}
