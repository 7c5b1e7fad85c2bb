import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  createConnection, ErrorCodes, LSPErrorCodes, ProposedFeatures, StreamMessageWriter, type ConnectionOptions, type Message, type MessageStrategy, type RequestMessage, type ResponseMessage,
} from 'vscode-languageserver/node';
import { RecoveringMessageReader } from './message-reader';
import { startServer } from './server';
import { runValidationWorker } from './validation-worker';
import packageJson from '../../package.json' with { type: 'json' };

const usage = `Usage: ipsec-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Language server for Libreswan ipsec.conf, ipsec.secrets and policy group files.
Editors start it; see docs/editors.md. --version prints the version.`;

/** This bundle is also the validation worker's script (see background-validation.ts). */
const isValidationWorker = !isMainThread && (workerData as { role?: string } | null)?.role === 'ipsec-lint-validation';

/** Requests that take no params; every other request and notification needs an object (or array). */
const withoutParams = new Set(['shutdown', 'exit']);

function paramsAreBad(message: Message): boolean {
  if (!('method' in message) || withoutParams.has((message as RequestMessage).method)) return false;
  const params = (message as RequestMessage).params;
  // Absent params are vscode-jsonrpc's to refuse (it answers InvalidParams itself).
  return params !== undefined && (typeof params !== 'object' || params === null);
}

/**
 * A request whose params are not an object (`params: null`) is answered InvalidParams before
 * it reaches vscode-languageserver, which would read a field of null and answer with an
 * internal error; such a notification is dropped, with a word in the log.
 */
function refusingBadParams(writer: StreamMessageWriter): MessageStrategy {
  return {
    handleMessage(message, next) {
      if (!paramsAreBad(message)) return next(message);
      const request = message as RequestMessage;
      if (request.id !== undefined) {
        const response: ResponseMessage = { jsonrpc: '2.0', id: request.id, error: { code: ErrorCodes.InvalidParams, message: `${request.method}: params must be an object` } };
        void writer.write(response);
      } else {
        process.stderr.write(`ipsec-language-server: ignored ${request.method}: params must be an object\n`);
      }
    },
  };
}

// A request still waiting when its $/cancelRequest arrives is answered at once, not run.
const options: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' },
    }),
  },
};

function main(): void {
  const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
  const args = process.argv.slice(2);
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`ipsec-language-server ${packageJson.version}\n`);
    process.exit(0);
  }
  const help = args.includes('--help') || args.includes('-h');
  if (help || !args.some((a) => transports.some((t) => a === t || a.startsWith(`${t}=`)))) {
    process.stdout.write(`${usage}\n`);
    process.exit(help ? 0 : 2);
  }
  // Bundled to CommonJS, __filename is the bundle itself.
  const serverOptions = { validationWorker: typeof __filename === 'string' ? __filename : undefined };
  if (args.includes('--stdio')) {
    const reader = new RecoveringMessageReader(process.stdin);
    const writer = new StreamMessageWriter(process.stdout);
    // JSON-RPC asks for a Parse error response (id null) to a message that cannot be read, so
    // the client learns its message was lost; the reader then carries on with the next one.
    reader.onError((error) => {
      const response: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Parse error: ${error.message}` } };
      void writer.write(response);
    });
    startServer(createConnection(ProposedFeatures.all, reader, writer, { ...options, messageStrategy: refusingBadParams(writer) }), serverOptions);
  } else {
    // createConnection reads the transport from the command line.
    startServer(createConnection(ProposedFeatures.all, options), serverOptions);
  }
}

if (isValidationWorker) runValidationWorker(parentPort!);
else main();
