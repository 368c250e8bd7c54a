// Bundles GraphiQL and the Monaco editor's web workers into src/Server/wwwroot/graphiql/.
// Usage (from this folder): npm ci && npm run build. The output is committed: the server and CI
// never run npm. See docs/graphql.md, "The IDE".
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../src/Server/wwwroot/graphiql');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  target: ['chrome111', 'firefox115', 'safari16.4'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none', // every bundled package's license is in LICENSES.txt instead
  logLevel: 'warning',
  metafile: true,
};

// graphiql/style.css already holds Monaco's CSS: the CSS files that Monaco's modules import
// would only be copies, in chunks that nothing loads.
const monacoCssInStyle = {
  name: 'monaco-css-in-graphiql-style',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, args =>
      args.importer.includes('/node_modules/monaco-editor/') ? { path: args.path, namespace: 'empty' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

const results = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { graphiql: join(here, 'src/graphiql.jsx') },
    outdir: out,
    // ES modules with code splitting: Monaco's languages and Prettier (used only by "prettify")
    // are dynamic imports in GraphiQL, so they become chunks fetched when needed.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
    plugins: [monacoCssInStyle],
    // GraphiQL's CSS embeds its fonts; Monaco's codicon font too: data: URLs, no extra requests.
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
  }),
  esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir: out,
    format: 'iife', // classic workers: new Worker(url) with no { type: 'module' }
  }),
]);

// The licenses of every npm package that ended up in a bundle (all of them ask to keep their notice).
const packages = new Map();
for (const result of results) {
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[2], resolve(here, match[1] + match[2]));
  }
}
const notices = [];
for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `License: ${manifest.license ?? 'unknown'}`;
  notices.push(`${name} ${manifest.version}\n${'-'.repeat(name.length + manifest.version.length + 1)}\n${text}\n`);
}
writeFileSync(join(out, 'LICENSES.txt'),
  'Third-party software bundled into the files of this folder (tools/graphiql builds them).\n\n' + notices.join('\n'));

for (const file of readdirSync(out, { recursive: true }).sort()) {
  const stat = statSync(join(out, file));
  if (stat.isFile()) console.log(`${file.padEnd(40)} ${(stat.size / 1024).toFixed(0).padStart(6)} KiB`);
}
