#!/usr/bin/env node
// In a checkout with dev dependencies the TypeScript sources run through ts-node (never a stale build);
// in a deployed build without ts-node, dist/ is used. So `npx modelsync …` works on a fresh clone too.
const path = require('node:path');

const root = path.join(__dirname, '..');
let tsNode;
try {
  tsNode = require('ts-node');
} catch {
  tsNode = undefined;
}
if (tsNode) {
  tsNode.register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require(path.join(root, 'src', 'cli', 'main.ts')).runMain();
} else {
  require(path.join(root, 'dist', 'src', 'cli', 'main.js')).runMain();
}
