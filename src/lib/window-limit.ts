/**
 * A per-process sliding-window counter for reads that must stay reads (a GET may not write, so its throttle cannot
 * live in the database). Each key keeps the instants of its recent hits; the map is capped so a flood of addresses
 * cannot grow it without bound (the oldest keys go first). Per process: on Workers, per isolate.
 */
export class WindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one hit for `key` at `now`, or answers the seconds until one is free when the window is full. */
  take(key: string, now: Date): { ok: true } | { ok: false; retryAfter: number } {
    const at = now.getTime();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > at - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfter: Math.max(1, Math.ceil((recent[0] + this.windowMs - at) / 1000)) };
    }
    recent.push(at);
    this.hits.delete(key); // re-inserted last: Map order is then oldest-used first
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { ok: true };
  }
}
