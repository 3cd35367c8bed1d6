/** Runs at most `slots` tasks at once; the others wait their turn in order. */
export function createLimiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  const gate = createGate(slots, Number.POSITIVE_INFINITY);
  return async (task) => {
    const pass = gate.enter();
    if (!pass) throw new Error('an unbounded gate refused a task');
    try {
      await pass.ready;
      return await task();
    } finally {
      pass.leave();
    }
  };
}

/** A place at a gate: `ready` settles when it is this holder's turn; `leave` gives the place up. */
export interface GatePass {
  /** Resolves when a slot is this holder's; rejects if the holder left while still waiting. */
  ready: Promise<void>;
  /** Gives the slot to the next in line, or leaves the queue. Safe to call more than once. */
  leave(): void;
}

export interface Gate {
  /** A place in the gate, or null when `maxWaiting` are already queued: the caller should give up. */
  enter(): GatePass | null;
  /** Holders and waiters right now (for tests and logs). */
  readonly running: number;
  readonly waiting: number;
}

/**
 * At most `slots` holders at once and at most `maxWaiting` in line behind them. Unlike a plain
 * limiter, a holder may leave from anywhere (a response that closed, a client that went away
 * while waiting), so the slot is returned by whoever ends the holder's work, exactly once.
 */
export function createGate(slots: number, maxWaiting: number): Gate {
  let running = 0;
  const queue: { grant: () => void }[] = [];

  function passOn(): void {
    const next = queue.shift();
    // The slot passes straight to the next in line, or is given back.
    if (next) next.grant();
    else running -= 1;
  }

  function enter(): GatePass | null {
    if (running < slots) {
      running += 1;
      return holding(Promise.resolve());
    }
    if (queue.length >= maxWaiting) return null;
    let state: 'waiting' | 'holding' | 'left' = 'waiting';
    let grant: () => void = () => undefined;
    let cancel: (reason: Error) => void = () => undefined;
    const ready = new Promise<void>((ok, fail) => {
      grant = ok;
      cancel = fail;
    });
    // A waiter that is never awaited (its holder left first) must not report an unhandled rejection.
    ready.catch(() => undefined);
    const entry = {
      grant: () => {
        state = 'holding';
        grant();
      },
    };
    queue.push(entry);
    return {
      ready,
      leave() {
        if (state === 'holding') passOn();
        else if (state === 'waiting') {
          queue.splice(queue.indexOf(entry), 1);
          cancel(new Error('left the gate before its turn'));
        }
        state = 'left';
      },
    };
  }

  function holding(ready: Promise<void>): GatePass {
    let held = true;
    return {
      ready,
      leave() {
        if (!held) return;
        held = false;
        passOn();
      },
    };
  }

  return {
    enter,
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
