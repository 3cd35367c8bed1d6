import type { OrderDeps } from './deps';

export interface OrderJobs {
  /** Cancels due unpaid orders (releasing their stock) and completes due shipped ones, once. */
  runOnce(): Promise<{ expired: number; completed: number }>;
  stop(): Promise<void>;
}

// Placeholder replaced in this work.
export function startOrderJobs(deps: OrderDeps, options: { intervalMs: number | null }): OrderJobs {
  void deps;
  void options;
  return { runOnce: async () => ({ expired: 0, completed: 0 }), stop: async () => {} };
}
