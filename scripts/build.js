#!/usr/bin/env node
/**
 * Compiles the app and the CLI to JavaScript in dist/ (`tsc -p tsconfig.build.json`), so `npm start` and the `modelsync`
 * bin run plain node: TypeScript compiled on the fly took 1.7 s of every CLI start and 145 MB of its memory.
 *   node scripts/build.js             always compile (`npm run build`)
 *   node scripts/build.js --if-stale  compile only when a source is newer than the last build (setup, `npm start`,
 *                                     the integration tests' global setup): a few milliseconds when nothing changed
 * A successful build writes dist/.build-stamp; the bin compares the sources with it.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
/** What the build reads: a change in any of them makes dist/ stale. */
const SOURCES = ['src', 'emulators', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time (ms) of a file or of the .ts/.json files under a folder; 0 when absent. */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const dirent of readdirSync(entry, { withFileTypes: true, recursive: true })) {
    if (dirent.isFile() && /\.(ts|json)$/.test(dirent.name)) {
      newest = Math.max(newest, statSync(path.join(dirent.parentPath ?? dirent.path, dirent.name)).mtimeMs);
    }
  }
  return newest;
}

/** 'missing' (never built), 'stale' (a source changed since), or 'fresh'. Sources absent (a deployed dist): fresh. */
function buildState(root = ROOT) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (!existsSync(stamp)) return 'missing';
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built) ? 'stale' : 'fresh';
}

/** Runs tsc (its output to stderr: the CLI's stdout carries reports and --json); on success writes the stamp. */
function build() {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const started = Date.now();
  const res = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const status = res.status ?? 1;
  // The stamp takes the start time: a source saved during the compile still counts as newer than the build.
  if (status === 0) {
    writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
    utimesSync(STAMP, started / 1000, started / 1000);
  }
  return status;
}

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && buildState() === 'fresh') process.exit(0);
  if (ifStale) process.stderr.write('build: compiling to dist/ (first start, or sources changed)…\n');
  const status = build();
  if (status !== 0) process.stderr.write('build: tsc failed; see the errors above (npm run typecheck shows them too)\n');
  process.exit(status);
}

module.exports = { buildState, build, STAMP };
