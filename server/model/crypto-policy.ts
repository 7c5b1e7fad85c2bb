/**
 * The system crypto policy a config runs under. Fedora/RHEL put the policy in
 * /etc/crypto-policies/back-ends/libreswan.config as a `conn %default`, and ipsec.conf
 * includes it: so the policy is only in force where that include is. When `--root` maps
 * the path to a real file, that file is the site's policy; otherwise the policy comes from
 * the settings (a shipped policy and era, or `--crypto-policy-file`).
 */
import { posix as path } from 'node:path';
import { parseConf } from '../../grammar/conf/parse';
import type { CommentLine, ConfFile } from '../../grammar/conf/syntax-tree';
import type { IkeVersion, ProposalProtocol } from '../../schemas/algorithms';
import {
  CRYPTO_POLICY_BACKEND_PATH, DEFAULT_CRYPTO_POLICY, DEFAULT_CRYPTO_POLICY_ERA, cryptoPolicyNames, cryptoPolicyText,
  type CryptoPolicyEra,
} from '../../schemas/crypto-policies/index';
import type { LibreswanVersion } from '../../schemas/keywords';
import type { ResolvedConfig } from './connections';
import type { ConfigFileSystem } from './file-system';
import { mapIncludePath, type IncludeEdge, type LoadedFile } from './include-graph';
import { offeredAlgorithms, type OfferedAlgorithm } from './proposal-algorithms';
import { parseProposalCached } from './proposal-cache';

export interface CryptoPolicyOptions {
  readonly policy?: string;
  readonly era?: CryptoPolicyEra;
  /** A site's own generated back-end file, read instead of a shipped policy. */
  readonly policyFile?: string;
  /** The folder standing for the target's `/`, to look for the back-end file there. */
  readonly root?: string;
  readonly fs: ConfigFileSystem;
}

export interface ActiveCryptoPolicy {
  /** For messages: `DEFAULT (current era)`, or the file it was read from. */
  readonly label: string;
  /** `conn %default` keys of the policy (ike, esp, authby, ikev2, pfs, keyexchange), lower-case keys. */
  readonly settings: ReadonlyMap<string, string>;
  /** The policy file as loaded into the model, when `--root` made the include resolve. */
  readonly loadedFile?: LoadedFile;
  /** The include lines that pull the back-end file in. */
  readonly includes: readonly IncludeEdge[];
  /** `# include …libreswan.config` lines: the include switched off by hand. */
  readonly commentedOut: readonly { readonly file: LoadedFile; readonly line: CommentLine }[];
  /** Why the policy could not be read (an unknown name, a missing file). */
  readonly problem?: string;
  /**
   * Why the target host is taken to run crypto-policies, when something says so; absent on
   * hosts that show no sign of it (Debian, Alpine, most test configs), where asking for the
   * include would only be noise.
   */
  readonly hostEvidence?: string;
}

const COMMENTED_INCLUDE = /^\s*#+\s*include\s+(\S+)/;

function policySettings(conf: ConfFile): Map<string, string> {
  const settings = new Map<string, string>();
  for (const section of conf.sections) {
    if (section.kind !== 'conn' || section.name !== '%default') continue;
    for (const line of section.body) {
      if (line.kind === 'assignment') settings.set(line.key.text.toLowerCase(), line.value?.text ?? '');
    }
  }
  return settings;
}

function isBackendPath(written: string): boolean {
  return path.normalize(written) === CRYPTO_POLICY_BACKEND_PATH;
}

/**
 * Signs that the target runs crypto-policies: the user named a policy, or the back-end file
 * exists on the target (under `--root`, or on this machine when there is no root, as absolute
 * includes are read). A commented-out include is no sign: Libreswan's own ipsec.conf template,
 * which Debian installs, ships the line commented out.
 */
function hostEvidence(options: CryptoPolicyOptions): string | undefined {
  if (options.policyFile !== undefined) return `a crypto-policy file is configured (${options.policyFile})`;
  if (options.policy !== undefined || options.era !== undefined) {
    return `a crypto policy is configured (${[options.policy, options.era].filter((x) => x !== undefined).join(', ')})`;
  }
  const onTarget = mapIncludePath(CRYPTO_POLICY_BACKEND_PATH, { root: options.root, cwd: '/' });
  if (options.fs.readText(onTarget).ok) return `${onTarget} exists on the target`;
  return undefined;
}

/** Finds the policy include in a config and reads the policy it stands for. */
export function activeCryptoPolicy(config: ResolvedConfig, options: CryptoPolicyOptions): ActiveCryptoPolicy {
  const includes = config.loaded.includes.filter((e) => isBackendPath(e.line.path.text));
  const commentedOut = config.loaded.files.flatMap((file) =>
    file.conf.lines.flatMap((line) => {
      if (line.kind !== 'comment') return [];
      const m = COMMENTED_INCLUDE.exec(line.comment.text);
      return m && isBackendPath(m[1]) ? [{ file, line }] : [];
    }));
  const base = { includes, commentedOut, hostEvidence: hostEvidence(options) };
  const resolved = includes.flatMap((e) => e.targets)[0];
  const loadedFile = resolved === undefined ? undefined : config.loaded.files.find((f) => f.path === resolved);
  if (loadedFile) return { ...base, label: `the site policy in ${loadedFile.path}`, settings: policySettings(loadedFile.conf), loadedFile };
  if (options.policyFile) {
    const read = options.fs.readText(options.policyFile);
    if (!read.ok) return { ...base, label: options.policyFile, settings: new Map(), problem: `cannot read the crypto-policy file ${options.policyFile}: ${read.message}` };
    return { ...base, label: `the policy in ${options.policyFile}`, settings: policySettings(parseConf(read.text)) };
  }
  const era = options.era ?? DEFAULT_CRYPTO_POLICY_ERA;
  const name = (options.policy ?? DEFAULT_CRYPTO_POLICY).toUpperCase();
  const text = cryptoPolicyText(era, name);
  const label = `crypto policy ${name} (${era} era)`;
  if (text === undefined) {
    return { ...base, label, settings: new Map(), problem: `no crypto policy ${name} for the ${era} era; known: ${cryptoPolicyNames(era).join(', ')}` };
  }
  return { ...base, label, settings: policySettings(parseConf(text)) };
}

export interface ProposalComparison {
  readonly policy: readonly OfferedAlgorithm[];
  readonly own: readonly OfferedAlgorithm[];
  /** Offered by the conn's value, not by the policy. */
  readonly adds: readonly OfferedAlgorithm[];
  /** Offered by the policy, not by the conn's value. */
  readonly drops: readonly OfferedAlgorithm[];
}

/** Compares what two proposal lists expand to for the same conn; undefined when either does not parse. */
export function compareProposals(
  policyValue: string,
  ownValue: string,
  options: { protocol: ProposalProtocol; ikeVersion: IkeVersion; pfs: boolean; fips: boolean; version: LibreswanVersion },
): ProposalComparison | undefined {
  const policy = parseProposalCached(policyValue, options);
  const own = parseProposalCached(ownValue, options);
  if (!policy.ok || !own.ok) return undefined;
  const policyOffer = offeredAlgorithms(policy.expansion);
  const ownOffer = offeredAlgorithms(own.expansion);
  const has = (list: readonly OfferedAlgorithm[], o: OfferedAlgorithm): boolean => list.some((x) => x.label === o.label);
  return {
    policy: policyOffer,
    own: ownOffer,
    adds: ownOffer.filter((o) => !has(policyOffer, o)),
    drops: policyOffer.filter((o) => !has(ownOffer, o)),
  };
}
