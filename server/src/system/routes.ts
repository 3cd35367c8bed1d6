import type { Database } from '@qiaodu/db';
import { endpoints } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { RouteMounter } from '../http/route';

export function mountSystemRoutes(mount: RouteMounter, database: Database): void {
  mount(
    endpoints.health,
    async (_input, ctx) => {
      try {
        await database.ping();
      } catch (error) {
        ctx.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError('SERVICE_UNAVAILABLE', '数据库暂时不可用');
      }
      return { status: 'ok' as const, db: database.kind };
    },
  );
}
