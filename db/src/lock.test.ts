import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDataDirLock } from './lock';

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'qiaodu-lock-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('data directory lock', () => {
  it('should refuse a directory another live process holds, and take it once that process is gone', async () => {
    const dir = await tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    writeFileSync(join(dir, 'qiaodu.lock'), JSON.stringify({ pid: holder.pid, startedAt: null, token: 'holder' }));
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const lock = acquireDataDirLock(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('should refuse a second open within the same process', async () => {
    const dir = await tempDir();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/正被进程/);
    lock.release();
  });

  it('should take over a lock left by an earlier process that had our pid (a restarted container)', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'qiaodu.lock'), JSON.stringify({ pid: process.pid, startedAt: null, token: 'previous-run' }));
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  it('should take over a lock whose pid now belongs to an unrelated, later process', async () => {
    const dir = await tempDir();
    // Our parent is alive, but it started at another time than the lock says.
    writeFileSync(join(dir, 'qiaodu.lock'), JSON.stringify({ pid: process.ppid, startedAt: '1', token: 'gone' }));
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  it('should take over a lock file that is unreadable garbage', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'qiaodu.lock'), 'not json');
    const lock = acquireDataDirLock(dir);
    lock.release();
  });
});
