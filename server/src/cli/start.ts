import pino from 'pino';
import { main } from '../main';
import { exitOnFailure } from './exit-on-failure';
import { buildStorefront, storefrontBuildIsStale } from './storefront-build';

/** `pnpm start`: build the storefront if its sources changed, then run one API process. */
async function start(): Promise<void> {
  if (storefrontBuildIsStale()) {
    pino({ base: { service: 'qiaodu-mall' } }).info('正在构建店铺前端（storefront）…');
    await buildStorefront();
  }
  await main();
}

exitOnFailure(start());
