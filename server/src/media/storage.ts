import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where uploaded media is kept. Callers only put, remove and ask for URLs by key, so an
 * S3-compatible store (with its own CDN URLs) can replace local disk without touching them.
 */
export interface MediaStorage {
  /** Stores bytes under a key such as `products/12/7f3a…-feed.webp`. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Removes keys; keys that are already gone are fine (clean-up after a failure repeats it). */
  remove(keys: readonly string[]): Promise<void>;
  /** The URL a browser fetches the key from. */
  urlOf(key: string): string;
  /** Set when this app must serve the files itself (local disk): URL prefix and folder. */
  readonly served?: { urlPrefix: string; dir: string };
}

/**
 * Where the app serves uploads kept on local disk. Keys there are random and never rewritten,
 * so browsers may keep those files for good.
 */
export const UPLOADS_URL_PREFIX = '/media/uploads/';

/** Keys are ours (ids and random hex), but a key that could leave the root is refused all the same. */
const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/;

function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`unsafe media key ${key}`);
}

/** Files on this machine's disk (by default DATA_DIR/media), served by the app under `urlPrefix`. */
export function createLocalDiskStorage(options: { dir: string; urlPrefix: string }): MediaStorage {
  const root = resolve(options.dir);
  const pathOf = (key: string) => {
    assertSafeKey(key);
    const path = join(root, key);
    if (!path.startsWith(root + sep)) throw new Error(`unsafe media key ${key}`);
    return path;
  };
  return {
    served: { urlPrefix: options.urlPrefix, dir: root },
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half a file, a crash leaves no torn one.
      const temporary = `${path}.${process.pid}.part`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, path);
      } catch (error) {
        // A full disk must not leave half a file behind either.
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
    urlOf(key) {
      assertSafeKey(key);
      return `${options.urlPrefix}${key}`;
    },
  };
}
