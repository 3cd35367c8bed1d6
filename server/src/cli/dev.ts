import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STOREFRONT_ROOT } from '../paths';

/**
 * `pnpm dev`: the API under `tsx watch` (restarts on change) on API_PORT (default 3001),
 * and Vite's dev server with hot reload, which proxies /api and /media to the API.
 */
const apiPort = process.env.API_PORT ?? '3001';
const require = createRequire(import.meta.url);
const tsxCli = join(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
const viteBin = join(createRequire(join(STOREFRONT_ROOT, 'package.json')).resolve('vite/package.json'), '..', 'bin', 'vite.js');
const mainFile = fileURLToPath(new URL('../main.ts', import.meta.url));

const children: ChildProcess[] = [
  spawn(process.execPath, [tsxCli, 'watch', '--clear-screen=false', mainFile], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, NODE_ENV: 'development', STOREFRONT_DIST: 'none' },
  }),
  spawn(process.execPath, [viteBin], { cwd: STOREFRONT_ROOT, stdio: 'inherit', env: { ...process.env, API_PORT: apiPort } }),
];

function stopAll(signal: NodeJS.Signals) {
  for (const child of children) child.kill(signal);
}
process.once('SIGINT', () => stopAll('SIGINT'));
process.once('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) {
  child.once('exit', (code) => {
    stopAll('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
