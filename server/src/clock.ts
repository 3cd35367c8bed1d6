/** Time comes from here, never from `new Date()` in services, so expiry rules are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
