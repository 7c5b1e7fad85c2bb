// Builds the playground into dist/playground/: one HTML page, its script (with the language
// service's worker inlined), its stylesheet and the rule pages as HTML. No server, no request:
// it runs from file:// and from any static host.
import { build, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { escapeHtml, markdownToHtml } from './src/markdown';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const out = join(repo, 'dist', 'playground');
const shims = join(here, 'node-shims');

// The service's few Node imports, served in the browser by faithful pure implementations
// (checked against Node's own in test/playground/node-shims.test.ts). Nothing in it needs node:fs.
const nodeShims: Plugin = {
  name: 'node-shims',
  setup(b) {
    b.onResolve({ filter: /^node:(path|url|crypto)$/ }, (args) => ({ path: join(shims, `${args.path.slice('node:'.length)}.ts`) }));
    b.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `${args.path} is not available in the playground (imported by ${args.importer})` }] }));
  },
};

const common = {
  bundle: true,
  minify: true,
  format: 'iife' as const,
  target: 'es2022',
  platform: 'browser' as const,
  legalComments: 'none' as const,
  logLevel: 'warning' as const,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const started = Date.now();
const worker = await build({
  ...common,
  entryPoints: [join(here, 'src', 'worker.ts')],
  write: false,
  plugins: [nodeShims],
  inject: [join(shims, 'buffer.ts')],
});
const workerSource = worker.outputFiles[0].text;

const inlineWorker: Plugin = {
  name: 'inline-worker',
  setup(b) {
    b.onResolve({ filter: /^playground:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'playground' }));
    b.onLoad({ filter: /.*/, namespace: 'playground' }, () => ({ contents: `export default ${JSON.stringify(workerSource)};`, loader: 'js' }));
  },
};

// Built into a fresh folder and moved into place, so a failed build never leaves half a page.
const staging = `${out}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, 'rules'), { recursive: true });
await build({ ...common, entryPoints: [join(here, 'src', 'main.ts')], outfile: join(staging, 'playground.js'), plugins: [inlineWorker, nodeShims] });
copyFileSync(join(here, 'index.html'), join(staging, 'index.html'));
copyFileSync(join(here, 'playground.css'), join(staging, 'playground.css'));

const rulePage = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ipsec-lint</title><link rel="stylesheet" href="rules.css"></head>
<body><nav><a href="README.html">All rules</a> · <a href="../index.html">Playground</a></nav>
${body}
</body></html>
`;
for (const name of readdirSync(join(repo, 'docs', 'rules')).filter((n) => n.endsWith('.md'))) {
  const markdown = readFileSync(join(repo, 'docs', 'rules', name), 'utf8');
  const title = name === 'README.md' ? 'Rules' : name.slice(0, -3);
  writeFileSync(join(staging, 'rules', name.replace(/\.md$/, '.html')), rulePage(title, markdownToHtml(markdown)));
}
writeFileSync(
  join(staging, 'rules', 'rules.css'),
  'body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1d2330}pre{background:#f6f7f9;padding:.5rem;overflow:auto}code{font-family:ui-monospace,monospace}table{border-collapse:collapse}td,th{border:1px solid #d9dde5;padding:.2rem .5rem}\n',
);
rmSync(out, { recursive: true, force: true });
mkdirSync(dirname(out), { recursive: true });
renameSync(staging, out);

let raw = 0;
let gzipped = 0;
const walk = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else {
      const bytes = readFileSync(path);
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
  }
};
walk(out);
const page = ['index.html', 'playground.js', 'playground.css'].reduce((n, f) => n + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
console.log(`playground: dist/playground/ in ${Date.now() - started} ms; the page (html+js+css) is ${(page / 1024).toFixed(0)} KiB gzipped; all files ${(raw / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
