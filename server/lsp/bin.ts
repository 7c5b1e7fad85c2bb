import { createConnection, ErrorCodes, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type ResponseMessage } from 'vscode-languageserver/node';
import { startServer } from './server';
import packageJson from '../../package.json' with { type: 'json' };

const usage = `Usage: ipsec-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Language server for Libreswan ipsec.conf, ipsec.secrets and policy group files.
Editors start it; see docs/editors.md. --version prints the version.`;

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

if (args.includes('--stdio')) {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  // vscode-jsonrpc drops a message that is not JSON without a word; JSON-RPC asks for a
  // Parse error response (id null), so the client learns its message was lost.
  reader.onError((error) => {
    const response: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `Parse error: ${error.message}` } };
    void writer.write(response);
  });
  startServer(createConnection(ProposedFeatures.all, reader, writer));
} else {
  // createConnection reads the transport from the command line.
  startServer(createConnection(ProposedFeatures.all));
}
