/**
 * Seeded random numbers keyed by (seed, realization, stream), so that a draw never depends on
 * which worker ran a realization or in what order: the same key always gives the same sequence.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; reference code at prng.di.unimi.it). 32-bit integer arithmetic keeps
 * it fast in JavaScript without BigInt. The state is seeded by SplitMix32-style mixing of the key
 * (the finaliser of MurmurHash3, Appleby), so nearby keys give unrelated streams.
 */
export interface Rng {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a stream name, so streams can be named ('gmpe', 'fragility', …) rather than numbered. */
export function hashStream(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** xoshiro128** from an explicit 128-bit state (not all zero). Exposed for the reference-vector test. */
export function xoshiro128ss(s0: number, s1: number, s2: number, s3: number): Rng {
  let a = s0 >>> 0;
  let b = s1 >>> 0;
  let c = s2 >>> 0;
  let d = s3 >>> 0;
  if ((a | b | c | d) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  const normal = (): number => {
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  };
  return { nextUint32, uniform, normal };
}

/** The generator for one (seed, realization, stream) key. */
export function createRng(seed: number, realization: number, stream: string | number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  if (!Number.isInteger(realization) || realization < 0) throw new RangeError(`realization must be a non-negative integer, got ${realization}`);
  const streamKey = typeof stream === 'number' ? stream >>> 0 : hashStream(stream);
  let h = fmix32(seed ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(realization + 1, 0x85ebca6b));
  h = fmix32(h ^ Math.imul(streamKey + 1, 0xc2b2ae35));
  // Four successive SplitMix32-style outputs fill the state; fmix32 is a bijection, so a zero state is impossible in practice.
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    h = (h + 0x9e3779b9) >>> 0;
    state.push(fmix32(h) || 1);
  }
  return xoshiro128ss(state[0] as number, state[1] as number, state[2] as number, state[3] as number);
}
