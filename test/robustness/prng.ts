/**
 * The seeded PRNG of the corruption suite: bench/'s generator PRNG (mulberry32), seeded with the raw
 * seed (not hashed: the same seed gives the same mutations as it always has, on every machine), plus
 * random bytes.
 */
import { Random } from "../../bench/gen/random.js";

export class Rng extends Random {
  constructor(seed: number) {
    super();
    this.state = seed >>> 0;
  }

  bytes(n: number, exclude: readonly number[] = []): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      let b = this.int(0, 255);
      while (exclude.includes(b)) b = this.int(0, 255);
      out[i] = b;
    }
    return out;
  }
}
