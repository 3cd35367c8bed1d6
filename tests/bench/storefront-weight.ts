/**
 * Weight of the storefront's first screen: the JS and CSS the home page needs before it can
 * render, gzipped as a CDN or Koa's compress middleware would serve them.
 *
 * Walks Vite's build manifest from the HTML entry and from the home page's lazy route chunk,
 * following static `imports` (not `dynamicImports`, which load later) and collecting `css`.
 *
 *   npx tsx tests/bench/storefront-weight.ts [distDir]   # prints the numbers, exit 1 over budget
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const HOME_BUDGET = { jsGzipBytes: 100 * 1024, cssGzipBytes: 30 * 1024 } as const;

const ENTRY_KEY = 'index.html';
const HOME_ROUTE_KEY = 'src/pages/shop/HomePage.vue';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface HomeWeight {
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** Every counted file, relative to distDir, JS first. */
  files: string[];
}

function findChunk(manifest: Manifest, key: string): ManifestChunk {
  const chunk = manifest[key] ?? Object.values(manifest).find((candidate) => candidate.src === key);
  if (!chunk) throw new Error(`${key} is not in the build manifest; was the storefront built with build.manifest?`);
  return chunk;
}

export async function measureHomeWeight(distDir: string): Promise<HomeWeight> {
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const jsFiles = new Set<string>();
  const cssFiles = new Set<string>();
  const visited = new Set<string>();

  const visit = (key: string): void => {
    if (visited.has(key)) return;
    visited.add(key);
    const chunk = findChunk(manifest, key);
    if (chunk.file.endsWith('.js')) jsFiles.add(chunk.file);
    for (const css of chunk.css ?? []) cssFiles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(ENTRY_KEY);
  visit(HOME_ROUTE_KEY);

  const gzipSize = async (file: string) => gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
  const sum = async (files: Set<string>) => (await Promise.all([...files].map(gzipSize))).reduce((a, b) => a + b, 0);

  return {
    jsGzipBytes: await sum(jsFiles),
    cssGzipBytes: await sum(cssFiles),
    files: [...jsFiles, ...cssFiles],
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const distDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'storefront', 'dist'));
  const weight = await measureHomeWeight(distDir);
  const jsOk = weight.jsGzipBytes <= HOME_BUDGET.jsGzipBytes;
  const cssOk = weight.cssGzipBytes <= HOME_BUDGET.cssGzipBytes;
  console.log(`storefront home page, gzip -9 (${distDir})`);
  console.log(`  JS : ${kb(weight.jsGzipBytes)} / ${kb(HOME_BUDGET.jsGzipBytes)} ${jsOk ? 'ok' : 'OVER BUDGET'}`);
  console.log(`  CSS: ${kb(weight.cssGzipBytes)} / ${kb(HOME_BUDGET.cssGzipBytes)} ${cssOk ? 'ok' : 'OVER BUDGET'}`);
  for (const file of weight.files) console.log(`    ${file}`);
  if (!jsOk || !cssOk) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
