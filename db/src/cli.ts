import { dbConfigFromEnv } from './config';
import { openDatabase } from './client';
import { backupDatabase, defaultBackupPath, dropEverything, restoreDatabase } from './maintenance';
import { grantAdmin } from './grant-admin';
import { migrateDatabase } from './migrate';
import { seedDemoData } from './seed';

const USAGE = `用法: db:migrate | db:seed | db:reset | db:backup [文件] | db:restore <文件> | db:grant-admin <用户编号>
  数据库: DATABASE_URL（PostgreSQL），未设置时使用 DATA_DIR 下的嵌入式 PGlite（默认 ./data）`;

async function main(command: string | undefined, arg: string | undefined): Promise<void> {
  const config = dbConfigFromEnv();
  if (command === 'restore') {
    if (!arg) throw new Error('请指定要恢复的备份文件：pnpm db:restore <文件>');
    const keptAt = await restoreDatabase(config, arg);
    console.log(`已从 ${arg} 恢复数据库${keptAt ? `；原数据目录保留在 ${keptAt}` : ''}`);
    return;
  }
  if (!['migrate', 'seed', 'reset', 'backup', 'grant-admin'].includes(command ?? '')) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase(config, { maxConnections: 2 });
  try {
    switch (command) {
      case 'migrate':
        await migrateDatabase(database);
        console.log(`迁移完成（${database.kind}）`);
        break;
      case 'seed': {
        await migrateDatabase(database);
        console.log('演示数据已写入：', await seedDemoData(database.db));
        break;
      }
      case 'reset': {
        await dropEverything(database);
        await migrateDatabase(database);
        console.log('数据库已重置并写入演示数据：', await seedDemoData(database.db));
        break;
      }
      case 'grant-admin': {
        const userId = Number(arg);
        if (!Number.isInteger(userId) || userId < 1) throw new Error('请指定用户编号：pnpm db:grant-admin <用户编号>（见“我的”页面）');
        const user = await grantAdmin(database.db, userId);
        console.log(`${user.displayName}（#${userId}）现在是管理员；其原有登录已失效，请重新登录`);
        break;
      }
      case 'backup': {
        const target = arg ?? defaultBackupPath(config);
        await backupDatabase(config, database, target);
        console.log(`备份已保存：${target}`);
        break;
      }
    }
  } finally {
    await database.close();
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
