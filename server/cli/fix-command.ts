import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { nodeFileSystem } from '../model/node-file-system';
import { fixAllConf } from '../service/fix-all';
import { writeFileAtomically } from './atomic-write';
import type { CommandResult } from './command-result';
import { discover } from './discover';
import { readUtf8 } from './fmt-file';
import type { SettingsResolver } from './resolve-settings';

export interface FixRequest {
  readonly paths: readonly string[];
  /** Print a unified diff instead of writing. */
  readonly dryRun: boolean;
  readonly resolver: SettingsResolver;
  /** Standard input, for `-` (only with dryRun). */
  readonly readStandardInput: () => Buffer;
  readonly stdinFilename?: string;
}

/**
 * `--fix` / `--fix-dry-run`: every ipsec.conf-style file named or found is fixed on its own
 * (its includes are read, not written). ipsec.secrets and policy files are left alone: no
 * rule offers them a safe fix, and a secrets file is never rewritten on another file's behalf.
 * --fix writes and leaves the report to the caller's lint of the fixed files; --fix-dry-run
 * prints the diff and, on standard error, the errors a fix would leave (exit 1 when any).
 * Exit 2 for I/O trouble.
 */
export function runFix(request: FixRequest): CommandResult {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let trouble = false;
  let errorsLeft = false;
  const { files, problems } = discover(request.paths.filter((p) => p !== '-'));
  for (const p of problems) {
    stderr.push(`ipsec-lint: ${p.path}: ${p.message}`);
    trouble = true;
  }
  const fixOne = (path: string, label: string, text: string, cwd: string, write: boolean): void => {
    const result = fixAllConf({ path, text, fs: nodeFileSystem, settings: request.resolver.forFile(path), cwd });
    if (!result.settled) stderr.push(`ipsec-lint: ${label}: fixes did not settle after ${result.passes.length} passes; please report this file`);
    if (!write) {
      // What a person still has to decide, as --fix would leave it.
      for (const d of result.remaining) {
        if (d.file !== path || d.severity !== 'error') continue;
        stderr.push(`${label}:${d.range.start.line + 1}:${d.range.start.character + 1}: error: ${d.message} (${d.ruleId})`);
        errorsLeft = true;
      }
    }
    if (result.text === text) return;
    if (!write) {
      stdout.push(createTwoFilesPatch(label, label, text, result.text, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }));
      return;
    }
    const written = writeFileAtomically(path, result.text);
    if (written.ok) stderr.push(`fixed ${label}`);
    else {
      stderr.push(`ipsec-lint: ${label}: ${written.message}`);
      trouble = true;
    }
  };
  for (const file of files) {
    if (file.kind !== 'conf') continue;
    const read = readUtf8(() => readFileSync(file.path));
    if (!read.ok) {
      stderr.push(`ipsec-lint: ${file.path}: ${read.message}`);
      trouble = true;
      continue;
    }
    fixOne(file.path, file.path, read.text, dirname(file.path), !request.dryRun);
  }
  if (request.paths.includes('-')) {
    const path = request.stdinFilename ? resolve(request.stdinFilename) : resolve('<stdin>');
    const read = readUtf8(request.readStandardInput);
    if (!read.ok) {
      stderr.push(`ipsec-lint: <stdin>: ${read.message}`);
      trouble = true;
    } else fixOne(path, request.stdinFilename ?? '<stdin>', read.text, request.stdinFilename ? dirname(path) : resolve('.'), false);
  }
  return { stdout: stdout.join(''), stderr: stderr.map((l) => l + '\n').join(''), exitCode: trouble ? 2 : errorsLeft ? 1 : 0 };
}
