/**
 * Transpiles src/ and bench/ to plain JavaScript once per bench run, so measured child processes run on node
 * alone: under ts-node the TypeScript compiler itself held about 145 MB of every child's RSS. No type check here
 * (`npm run typecheck` does that); the output sits under node_modules/.cache so `require` still finds packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../scripts/mlflow-server';

/** Where the JavaScript goes (mirrors the project's layout). */
export const BUILD_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'modelsync-bench');
const SOURCE_DIRS = ['src', 'bench', 'scripts'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Writes BUILD_DIR/<dir>/**.js for every .ts file; returns how long it took. `fromDist`: the app's own code (src/) is
 * the compiled JavaScript the published bin runs (dist/, built by scripts/build.js when stale), not a transpile.
 */
export function transpileForChildren(options: { fromDist?: boolean } = {}): number {
  const t0 = performance.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  let dirs = SOURCE_DIRS;
  if (options.fromDist) {
    const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.js'), '--if-stale'], { stdio: ['ignore', 2, 2] });
    if (built.status !== 0) throw new Error('scripts/build.js failed: the compiled JavaScript in dist/ is not up to date');
    mkdirSync(BUILD_DIR, { recursive: true });
    symlinkSync(path.join(PROJECT_ROOT, 'dist', 'src'), path.join(BUILD_DIR, 'src'), 'dir');
    dirs = SOURCE_DIRS.filter((d) => d !== 'src');
  }
  for (const file of dirs.flatMap((d) => tsFiles(path.join(PROJECT_ROOT, d)))) {
    const out = path.join(BUILD_DIR, path.relative(PROJECT_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText);
  }
  return performance.now() - t0;
}

/** The compiled counterpart of a bench entry point such as "bench/reconcile.child.ts". */
export function compiled(entry: string): string {
  return path.join(BUILD_DIR, entry.replace(/\.ts$/, '.js'));
}
