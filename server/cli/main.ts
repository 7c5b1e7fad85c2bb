import { runLint } from './lint-command';
import { runFmt } from './fmt-command';
import { runPair } from './pair-command';
import { runFleet } from './fleet-command';
import { UsageError, type CommandResult } from './command-result';
import packageJson from '../../package.json' with { type: 'json' };

const commands: Readonly<Record<string, (argv: readonly string[]) => CommandResult>> = {
  lint: (argv) => runLint(argv),
  fmt: runFmt,
  pair: runPair,
  fleet: runFleet,
};

/** Runs a command line and returns what to print; never throws for user input. */
export function runCli(argv: readonly string[]): CommandResult {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') return { stdout: `ipsec-lint ${packageJson.version}\n`, stderr: '', exitCode: 0 };
  const command = first !== undefined ? commands[first] : undefined;
  try {
    return command ? command(rest) : runLint(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { stdout: '', stderr: `ipsec-lint: ${(error as Error).message}\nTry 'ipsec-lint --help'.\n`, exitCode: 2 };
    }
    return { stdout: '', stderr: `ipsec-lint: internal error: ${(error as Error).message}\nPlease report this with the file that caused it.\n`, exitCode: 2 };
  }
}

