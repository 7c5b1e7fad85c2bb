import { rememberScannedLines } from '../../grammar/conf/parse';
import { runCli } from './main';
import { formatTiming, markStartup, timed, timingEnabled, timingReport } from '../model/timing';

markStartup();
// One run reads each file once: remembering the scanner's line readings would only cost.
rememberScannedLines(false);

// `ipsec-lint … | head` closes the pipe early: that is the reader's choice, not an error, so
// stop quietly (as cat and grep do) instead of dying with an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const result = runCli(process.argv.slice(2));
timed('output', () => {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
});
// IPSEC_LINT_TIMING=1: where the CPU time and memory of this run went (server/model/timing.ts).
if (timingEnabled()) process.stderr.write(formatTiming(timingReport()));
process.exitCode = result.exitCode;
