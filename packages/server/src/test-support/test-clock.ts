import type { Clock } from "../runtime/runtime.js";

/** A clock tests move by hand. */
export class TestClock implements Clock {
  #now: number;

  constructor(start = Date.parse("2026-01-01T00:00:00Z")) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
