export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Wrong words on the command line: reported with the usage hint, exit 2. */
export class UsageError extends Error {}
