/**
 * Turns a lookup of many inputs into a lookup of one, sharing round trips under load: while one
 * lookup is in flight, the inputs that arrive queue, and the moment it ends they all go together
 * in the next one (at most `max`). A lone input goes at once (nothing waits for a timer), so a
 * quiet shop answers as fast as before, and a busy one pays one round trip per wave instead of
 * one per request: what the placement batcher does for writes, done here for reads.
 *
 * `run` must answer one output per input, in order. If it fails, every input of that lookup
 * gets the error, as each would have got it from a lookup of its own against the same database.
 */
export function coalesce<I, O>(run: (inputs: readonly I[]) => Promise<readonly O[]>, max: number): (input: I) => Promise<O> {
  const queue: { input: I; resolve(output: O): void; reject(error: unknown): void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const wave = queue.splice(0, max);
      try {
        const outputs = await run(wave.map((waiting) => waiting.input));
        wave.forEach((waiting, index) => waiting.resolve(outputs[index]!));
      } catch (error) {
        for (const waiting of wave) waiting.reject(error);
      }
    }
    running = false;
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!running) void drain();
    });
}
