import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** req/s of every measured round (benchmarks that repeat a target fill this). */
  rounds: number[];
}

export interface LoadOptions {
  connections: number;
  durationSec: number;
  headers?: Record<string, string>;
}

function summaryOf(name: string, result: autocannon.Result): LoadResult {
  const requestsPerSec = Math.round(result.requests.average);
  return {
    name,
    requestsPerSec,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    rounds: [requestsPerSec],
  };
}

/** autocannon against one URL for `durationSec`. */
export async function measure(name: string, url: string, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    headers: options.headers ?? {},
    duration: options.durationSec,
  });
  return summaryOf(name, result);
}

/** autocannon POSTing a JSON body that `bodyOf(n)` builds for the n-th request (n counts per run). */
export async function measurePosts(
  name: string,
  url: string,
  options: LoadOptions,
  bodyOf: (n: number) => unknown,
): Promise<LoadResult> {
  let sent = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSec,
    headers: { ...options.headers, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, method: 'POST', body: JSON.stringify(bodyOf(sent++)) }),
      },
    ],
  });
  return summaryOf(name, result);
}
