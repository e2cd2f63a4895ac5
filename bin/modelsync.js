#!/usr/bin/env node
// The CLI runs compiled JavaScript from dist/ (built by `npm run setup` / `npm run build`): plain node starts in a
// fraction of a second, where TypeScript compiled on the fly took 1.7 s idle and over 13 s on a busy machine.
// In a checkout whose sources changed since the last build the bin says so and compiles first, so it never runs
// stale code; a deployed dist without sources runs as it is.
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
let buildScript;
try {
  buildScript = require(path.join(root, 'scripts', 'build.js'));
} catch {
  buildScript = undefined;
}
if (buildScript && buildScript.buildState(root) !== 'fresh') {
  process.stderr.write('modelsync: compiling to dist/ first (never built, or sources changed since the last build)…\n');
  if (buildScript.build() !== 0) {
    process.stderr.write('modelsync: the build failed (see above); fix it or run `npm run build`\n');
    process.exit(2);
  }
}
require(entry).runMain();
