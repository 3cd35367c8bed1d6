import postgres from 'postgres';
import type { ListenHandlers } from './client';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * LISTEN on a connection of its own that says when it is lost and keeps coming back.
 * postgres.js re-listens once after a drop and gives up silently if that fails (a restart,
 * a failover), which would leave a cache trusting a feed that no longer speaks.
 */
export async function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<() => Promise<void>> {
  let stopped = false;
  let client: postgres.Sql | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = RETRY_MIN_MS;
  const quoted = `"${channel.replace(/"/g, '""')}"`;

  const lost = () => {
    handlers.onLost?.();
    const dead = client;
    client = undefined;
    void dead?.end({ timeout: 1 }).catch(() => {});
    if (!stopped && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void connect();
      }, retryDelay);
      retryTimer.unref();
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
    }
  };

  async function connect(): Promise<void> {
    const options = {
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: 'qiaodu-mall-listen' },
      // Not in postgres.js's typings, but what its own listen() uses.
      onnotify: (name: string, payload: string) => {
        if (name === channel) handlers.onNotify(payload);
      },
      onclose: () => {
        if (client === attempt) lost();
      },
    };
    const attempt: postgres.Sql = postgres(url, options);
    client = attempt;
    try {
      await attempt.unsafe(`listen ${quoted}`);
    } catch {
      if (client === attempt) lost();
      return;
    }
    if (stopped) return;
    retryDelay = RETRY_MIN_MS;
    handlers.onListen?.();
  }

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const last = client;
    client = undefined;
    await last?.end({ timeout: 5 }).catch(() => {});
  };
}
