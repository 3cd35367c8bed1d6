import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
}

/** autocannon against one URL: a short warm-up (discarded), then the measured run. */
export async function measure(name: string, url: string, options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSec > 0) {
    await autocannon({ url, connections: options.connections, duration: options.warmupSec });
  }
  const result = await autocannon({ url, connections: options.connections, duration: options.durationSec });
  return {
    name,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
