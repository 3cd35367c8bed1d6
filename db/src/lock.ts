import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${holderPid} 使用：嵌入式数据库同一时间只能由一个进程打开。` +
        `请先停止该进程，或为多个进程配置 DATABASE_URL 使用 PostgreSQL。`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  /** The holder's start time from /proc (Linux), to tell a reused pid from the holder. */
  startedAt: string | null;
  /** Random per process: a restarted container often gets the same pid as the crashed one. */
  token: string;
}

const PROCESS_TOKEN = randomBytes(8).toString('hex');

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot. Null off Linux. */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after it start past the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderIsAlive(info: LockInfo): boolean {
  if (info.pid === process.pid) return info.token === PROCESS_TOKEN;
  if (!isRunning(info.pid)) return false;
  const startedAt = processStartTime(info.pid);
  return info.startedAt === null || startedAt === null || startedAt === info.startedAt;
}

function parse(text: string): LockInfo | null {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (typeof value.pid !== 'number' || typeof value.token !== 'string') return null;
    return { pid: value.pid, token: value.token, startedAt: value.startedAt ?? null };
  } catch {
    return null;
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Moves a stale lock out of the way atomically. Two processes may judge the same file stale;
 * rename lets only one of them move it, and the content check catches the case where the
 * file moved was already a new, live lock, which is then put back.
 */
function takeOver(path: string, staleText: string): void {
  const aside = `${path}.stale-${PROCESS_TOKEN}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process created a lock meanwhile; theirs stands
    }
  }
  rmSync(aside, { force: true });
}

/**
 * PGlite corrupts its files when two processes open one data directory, so the embedded
 * database holds an exclusive lock file for its whole life. A lock left by a process that
 * no longer exists (a crash, kill -9, a restarted container) is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'qiaodu.lock');
  const mine: LockInfo = { pid: process.pid, startedAt: processStartTime(process.pid), token: PROCESS_TOKEN };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (parse(readText(path) ?? '')?.token === PROCESS_TOKEN) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = readText(path);
      if (text === null) continue; // released meanwhile: try again
      const holder = parse(text);
      if (holder && holderIsAlive(holder)) throw new DataDirLockedError(dataDir, holder.pid);
      takeOver(path, text);
    }
  }
  throw new Error(`无法获取数据目录锁 ${path}`);
}
