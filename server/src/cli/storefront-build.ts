import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { STOREFRONT_DIST, STOREFRONT_ROOT } from '../paths';

const SHARED_SRC = join(STOREFRONT_ROOT, '..', 'shared', 'src');
/** Not sources: components.d.ts is rewritten by every build, so it would always look newer. */
const SKIPPED = new Set(['node_modules', 'dist', 'components.d.ts']);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (SKIPPED.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when there is no build, or a source the build depends on is newer than it. */
export function storefrontBuildIsStale(): boolean {
  const built = join(STOREFRONT_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = [
    join(STOREFRONT_ROOT, 'src'),
    join(STOREFRONT_ROOT, 'index.html'),
    join(STOREFRONT_ROOT, 'vite.config.ts'),
    join(STOREFRONT_ROOT, 'public'),
    SHARED_SRC,
  ];
  return sources.some((source) => newestMtime(source) > builtAt);
}

/** Runs `vite build` for the storefront in a child process and waits for it. */
export function buildStorefront(): Promise<void> {
  const require = createRequire(join(STOREFRONT_ROOT, 'package.json'));
  const viteBin = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build'], { cwd: STOREFRONT_ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`storefront build failed (exit ${code})`))));
  });
}
