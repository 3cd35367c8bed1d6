import { main } from '../main';
import { buildStorefront, storefrontBuildIsStale } from './storefront-build';

/** `pnpm start`: build the storefront if its sources changed, then run one API process. */
async function start(): Promise<void> {
  if (storefrontBuildIsStale()) {
    console.log('正在构建店铺前端（storefront）…');
    await buildStorefront();
  }
  await main();
}

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
