import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A lookup that records what each call was given and ends only when told to. */
function gatedLookup() {
  const calls: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (inputs: readonly number[]) => {
    calls.push([...inputs]);
    await new Promise<void>((open) => gates.push(open));
    if (inputs.includes(-1)) throw new Error('database gone');
    return inputs.map((input) => input * 10);
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((tick) => setImmediate(tick));
    gates.shift()!();
  };
  return { run, calls, openNext };
}

describe('coalescing lookups', () => {
  it('should send a lone input at once, and the ones arriving meanwhile together in the next lookup', async () => {
    const lookup = gatedLookup();
    const read = coalesce(lookup.run, 3);
    const first = read(1);
    expect(lookup.calls).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map(read);
    expect(lookup.calls).toEqual([[1]]);
    await lookup.openNext();
    expect(await first).toBe(10);
    await lookup.openNext();
    await lookup.openNext();
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
    // At most `max` per lookup, in arrival order.
    expect(lookup.calls).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('should fail every input of a failed lookup and go on with the next ones', async () => {
    const lookup = gatedLookup();
    const read = coalesce(lookup.run, 10);
    const first = read(1);
    const failing = [read(-1), read(2)];
    const settled = Promise.allSettled(failing);
    await lookup.openNext();
    await lookup.openNext();
    expect((await settled).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await first).toBe(10);
    const later = read(3);
    await lookup.openNext();
    expect(await later).toBe(30);
    expect(lookup.calls).toEqual([[1], [-1, 2], [3]]);
  });
});
