// A small seeded PRNG (mulberry32) and the draws the generator needs. The data set must be
// the same for the same --seed on every machine, so nothing here may call Math.random or the
// clock; crypto-quality randomness is not needed for test data.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32 random bits as an unsigned integer. */
  next32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 4_294_967_296;
  }

  /** Uniform whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.float() * total;
    for (const [key, weight] of entries) {
      draw -= weight;
      if (draw < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /** Exponentially distributed with the given mean (ages, delays). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** An index in [0, n) skewed towards 0 (Zipf-like): a few popular, a long tail. */
  skewed(n: number, exponent = 1.2): number {
    return Math.min(n - 1, Math.floor(n * this.float() ** (1 + exponent)));
  }

  /** A random (version 4) UUID from this generator, so ids are reproducible too. */
  uuid(): string {
    const hex = (value: number) => value.toString(16).padStart(8, "0");
    const a = hex(this.next32());
    const b = hex(this.next32());
    const c = hex(this.next32());
    const d = hex(this.next32());
    const variant = ((Number.parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
