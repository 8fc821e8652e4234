// Builds every bundle with esbuild: the extension, the debug adapter (run inline by the
// extension or as `node dist/debugAdapter.js`), the CLI, the timeline webview, and the
// strace-parser package (its own dist/, with type declarations from tsc).
// `--production` minifies and drops source maps, as the VSIX ships them.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, mkdirSync, cpSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');
const common = { bundle: true, minify: production, sourcemap: !production, logLevel: 'warning', target: 'es2022' };
const shebang = { js: '#!/usr/bin/env node' };

const bundles = [
  { entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['debug-adapter/main.ts'], outfile: 'dist/debugAdapter.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['debug-adapter/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: shebang },
  { entryPoints: ['extension/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['strace-parser/src/index.ts'], outfile: 'strace-parser/dist/index.js', platform: 'neutral', format: 'cjs', mainFields: ['module', 'main'] },
  { entryPoints: ['strace-parser/src/index.ts'], outfile: 'strace-parser/dist/index.mjs', platform: 'neutral', format: 'esm' },
  { entryPoints: ['strace-parser/src/cli.ts'], outfile: 'strace-parser/dist/cli.js', platform: 'node', format: 'cjs', banner: shebang },
];

mkdirSync('dist', { recursive: true });
const built = [];
await Promise.all(bundles.map(async (b) => {
  if (!existsSync(b.entryPoints[0])) return; // a room not written yet
  await esbuild.build({ ...common, ...b });
  if (b.banner) chmodSync(b.outfile, 0o755);
  built.push(b.outfile);
}));

if (existsSync('strace-parser/src/index.ts')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'strace-parser/tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
}
// The webview's stylesheet and codicons travel with the bundle (no remote resources).
if (existsSync('extension/webview/timeline.css')) cpSync('extension/webview/timeline.css', 'dist/timeline.css');
if (existsSync('node_modules/@vscode/codicons/dist/codicon.css')) {
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');
}
console.log(`built ${built.sort().join(', ')}${production ? ' (production)' : ''}`);
