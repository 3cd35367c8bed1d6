import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { backupDatabase, restoreDatabase } from './maintenance';
import { migrateDatabase } from './migrate';
import { partners } from './schema';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const partner = (slug: string) => ({ slug, kind: 'enterprise' as const, name: slug, region: '蓬江区' });

// Each test opens PGlite a few times (seconds each on this machine).
describe('embedded backup and restore', { timeout: 60_000 }, () => {
  it('should bring back exactly what was backed up, keeping the replaced data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-backup-'));
    dirs.push(dataDir);
    const config = { databaseUrl: undefined, dataDir };
    const file = join(dataDir, 'backups', 'before.tar.gz');

    const database = await openDatabase(config);
    await migrateDatabase(database);
    await database.db.insert(partners).values(partner('kept'));
    await backupDatabase(config, database, file);
    await database.db.insert(partners).values(partner('after-backup'));
    await database.close();

    const keptAt = await restoreDatabase(config, file);
    expect(keptAt && existsSync(keptAt)).toBeTruthy();

    const restored = await openDatabase(config);
    const slugs = (await restored.db.select({ slug: partners.slug }).from(partners)).map((row) => row.slug);
    await restored.close();
    expect(slugs).toEqual(['kept']);
    expect(readdirSync(dataDir).some((name) => name.startsWith('pglite.before-restore-'))).toBe(true);
  });

  it('should refuse to restore while a server holds the data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-backup-'));
    dirs.push(dataDir);
    const config = { databaseUrl: undefined, dataDir };
    const database = await openDatabase(config);
    await migrateDatabase(database);
    const file = join(dataDir, 'b.tar.gz');
    await backupDatabase(config, database, file);
    await expect(restoreDatabase(config, file)).rejects.toThrow(/正被进程/);
    await database.close();
  });
});
