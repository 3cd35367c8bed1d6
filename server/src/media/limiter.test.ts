import { describe, expect, it } from 'vitest';
import { createGate, createLimiter } from './limiter';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createGate', () => {
  it('should let `slots` holders in, queue `maxWaiting` more, and turn the rest away', async () => {
    const gate = createGate(3, 2);
    const passes = Array.from({ length: 6 }, () => gate.enter());
    expect(passes.map((pass) => pass !== null)).toEqual([true, true, true, true, true, false]);
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 3, waiting: 2 });

    const started: number[] = [];
    passes.forEach((pass, i) => void pass?.ready.then(() => started.push(i)));
    await tick();
    expect(started).toEqual([0, 1, 2]);

    // A slot given back goes to the first in line, and a place in line frees up.
    passes[1]!.leave();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 3, waiting: 1 });
    expect(gate.enter()).not.toBeNull();
  });

  it('should give a slot back once however often its holder leaves', async () => {
    const gate = createGate(1, 5);
    const first = gate.enter()!;
    const second = gate.enter()!;
    const third = gate.enter()!;
    first.leave();
    first.leave();
    await second.ready;
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 1, waiting: 1 });
    second.leave();
    await third.ready;
    third.leave();
    expect({ running: gate.running, waiting: gate.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('should drop a waiter that leaves before its turn, without giving it a slot later', async () => {
    const gate = createGate(1, 1);
    const holder = gate.enter()!;
    const quitter = gate.enter()!;
    expect(gate.enter()).toBeNull();
    quitter.leave();
    await expect(quitter.ready).rejects.toThrow();
    expect(gate.waiting).toBe(0);
    const next = gate.enter()!;
    holder.leave();
    await next.ready;
    expect(gate.running).toBe(1);
    next.leave();
    expect(gate.running).toBe(0);
  });
});

describe('createLimiter', () => {
  it('should run at most `slots` tasks at once, in order, and free the slot when a task fails', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) =>
      limit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        order.push(i);
        await tick();
        active -= 1;
        if (i === 1) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(task));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });
});
