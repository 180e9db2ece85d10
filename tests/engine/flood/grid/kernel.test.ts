import { describe, expect, it } from 'vitest';
import { MASS_CLIPPED, MASS_FIELDS, MASS_RAIN, WALL } from '../../../../engine/flood/grid/inertial.js';
import { instantiateKernel } from '../../../../engine/flood/grid/kernel.js';
import { createRng } from '../../../../engine/parallel/rng.js';

/** Distance in units in the last place of the larger of two positive doubles. */
function ulps(a: number, b: number): number {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  const ulp = 2 ** (Math.floor(Math.log2(larger)) - 52);
  return Math.abs(a - b) / ulp;
}

/** A kernel over a fresh memory, with arrays laid out one after another (16 bytes apart, as the solver pads them). */
function freshKernel() {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 4, shared: true });
  const kernel = instantiateKernel(memory);
  let next = 65536;
  const array = (length: number): [Float64Array, number] => {
    const at = next;
    next += Math.ceil((length * 8 + 16) / 16) * 16;
    return [new Float64Array(memory.buffer, at, length), at];
  };
  const singles = (length: number): [Float32Array, number] => {
    const at = next;
    next += Math.ceil((length * 4 + 16) / 16) * 16;
    return [new Float32Array(memory.buffer, at, length), at];
  };
  return { kernel, array, singles };
}

describe('solver kernel (WebAssembly SIMD)', () => {
  const { kernel } = freshKernel();

  it('takes cube roots within 1 ulp of Math.cbrt from 1e-9 to 1e9, across the powers of 8 it scales by', () => {
    let worst = 0;
    for (let k = 0; k <= 20_000; k++) {
      const x = 10 ** (-9 + (18 * k) / 20_000);
      worst = Math.max(worst, ulps(kernel.cubeRoot(x), Math.cbrt(x)));
    }
    for (let e = -30; e <= 30; e++) {
      for (const x of [8 ** e, 8 ** e * (1 - 2 ** -52), 8 ** e * (1 + 2 ** -52)]) worst = Math.max(worst, ulps(kernel.cubeRoot(x), Math.cbrt(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    for (let n = 1; n <= 100; n++) expect(kernel.cubeRoot(n * n * n)).toBeCloseTo(n, 13);
  });

  // Odd and even widths: the last pair of an odd row has one lane past the row, which must not be stored.
  for (const [nx, theta] of [[7, 1], [8, 0.8], [1, 1]] as const) {
    it(`computes the x and y face fluxes of the local-inertial formula on rows ${nx} wide (θ = ${theta}), touching nothing else`, () => {
      const ny = 4;
      const { array, singles, kernel: k } = freshKernel();
      const rng = createRng(7, nx, 'kernel');
      const random = (): number => rng.uniform();
      const [z, pz] = array(nx * ny);
      const [h, ph] = array(nx * ny);
      const [n2, pn2] = array(nx * ny);
      const [qx, pqx] = array((nx + 1) * ny);
      const [qy, pqy] = array(nx * (ny + 1));
      const [qxNew, pqxNew] = array((nx + 1) * ny);
      const [qyNew, pqyNew] = array(nx * (ny + 1));
      const [vxNew, pvxNew] = singles((nx + 1) * ny);
      const [vyNew, pvyNew] = singles(nx * (ny + 1));
      for (let c = 0; c < nx * ny; c++) {
        z[c] = random();
        h[c] = random() < 0.3 ? 0 : 2 * random();
        n2[c] = (0.02 + 0.03 * random()) ** 2;
      }
      h[1] = Infinity; // a blown-up cell gives zero flux instead of an endless cube root
      qx.forEach((_, f) => { qx[f] = random() - 0.5; });
      qy.forEach((_, f) => { qy[f] = random() - 0.5; });
      qxNew.fill(99);
      qyNew.fill(99);
      vxNew.fill(99);
      vyNew.fill(99);
      const [gdt, threshold, invDx] = [9.81 * 0.5, 0.001, 0.1];
      for (let j = 0; j < ny; j++) {
        k.faces(pz, ph, pn2, pqx, pqxNew, pvxNew, j * nx, 1, j * (nx + 1) + 1, nx - 1, gdt, theta, threshold, invDx);
        if (j > 0) k.faces(pz, ph, pn2, pqy, pqyNew, pvyNew, (j - 1) * nx, nx, j * nx, nx, gdt, theta, threshold, invDx);
      }
      // The face's velocity over its own flow depth, 0 where it carries no flow.
      const flowDepth = (a: number, b: number): number => Math.max(z[a]! + h[a]!, z[b]! + h[b]!) - Math.max(z[a]!, z[b]!);
      const velocity = (a: number, b: number, flux: number): number => (flowDepth(a, b) > threshold && flowDepth(a, b) < Infinity ? flux / flowDepth(a, b) : 0);
      const expected = (a: number, b: number, q: Float64Array, f: number, stride: number): number => {
        const [ea, eb] = [z[a]! + h[a]!, z[b]! + h[b]!];
        const hf = Math.max(ea, eb) - Math.max(z[a]!, z[b]!);
        if (!(hf > threshold && hf < Infinity)) return 0;
        const centred = theta * q[f]! + ((1 - theta) / 2) * (q[f - stride]! + q[f + stride]!);
        return (centred - gdt * hf * (eb - ea) * invDx) / (1 + (gdt * 0.5 * (n2[a]! + n2[b]!) * Math.abs(q[f]!)) / hf ** (7 / 3));
      };
      for (let j = 0; j < ny; j++) {
        expect(qxNew[j * (nx + 1)]).toBe(99); // edge faces are the caller's
        expect(qxNew[j * (nx + 1) + nx]).toBe(99);
        for (let i = 1; i < nx; i++) {
          const f = j * (nx + 1) + i;
          expect(qxNew[f]).toBeCloseTo(expected(j * nx + i - 1, j * nx + i, qx, f, 1), 12);
          expect(Math.abs(vxNew[f]! - velocity(j * nx + i - 1, j * nx + i, qxNew[f]!))).toBeLessThanOrEqual(1e-6 * Math.abs(vxNew[f]!));
        }
        for (let i = 0; i < nx; i++) {
          const f = j * nx + i;
          if (j === 0) expect(qyNew[f]).toBe(99);
          else {
            expect(qyNew[f]).toBeCloseTo(expected(f - nx, f, qy, f, nx), 12);
            expect(Math.abs(vyNew[f]! - velocity(f - nx, f, qyNew[f]!))).toBeLessThanOrEqual(1e-6 * Math.abs(vyNew[f]!));
          }
        }
      }
      expect(qyNew.subarray(ny * nx).every((q) => q === 99)).toBe(true);
      expect(vyNew.subarray(ny * nx).every((v) => v === 99)).toBe(true);
      if (nx > 1) expect(qxNew[1]).toBe(0); // beside the blown-up cell
    });
  }

  for (const nx of [5, 6]) {
    it(`limits outflow and updates depths, maxima, arrival and speeds on rows ${nx} wide with a no-data cell, as the scalar formulas do`, () => {
      const ny = 3;
      const { array, singles, kernel: k } = freshKernel();
      const rng = createRng(11, nx, 'continuity');
      const random = (): number => rng.uniform();
      const [z, pz] = array(nx * ny);
      const [h, ph] = array(nx * ny);
      const [qx, pqx] = array((nx + 1) * ny);
      const [qy, pqy] = array(nx * (ny + 1));
      const [qxNew, pqxNew] = array((nx + 1) * ny);
      const [qyNew, pqyNew] = array(nx * (ny + 1));
      const [vxNew, pvxNew] = singles((nx + 1) * ny);
      const [vyNew, pvyNew] = singles(nx * (ny + 1));
      const [limit, plimit] = array(nx * ny);
      const [maxH, pmaxH] = array(nx * ny);
      const [maxSpeed2, pmaxSpeed2] = array(nx * ny);
      const [arrival, parrival] = array(nx * ny);
      const [rowMass, prowMass] = array(ny * MASS_FIELDS);
      const [rowDry, prowDry] = array(ny);
      const wall = nx + 2;
      for (let c = 0; c < nx * ny; c++) {
        z[c] = c === wall ? WALL : random();
        h[c] = c === wall ? 0 : random() < 0.3 ? 0 : 0.2 * random();
        maxH[c] = h[c]!;
        arrival[c] = h[c]! >= 0.01 ? 0 : -1;
      }
      // Faces around the wall carry nothing, as phase A leaves them.
      qxNew.forEach((_, f) => { qxNew[f] = 2 * random() - 1; });
      qyNew.forEach((_, f) => { qyNew[f] = 2 * random() - 1; });
      const [wj, wi] = [Math.floor(wall / nx), wall % nx];
      qxNew[wj * (nx + 1) + wi] = qxNew[wj * (nx + 1) + wi + 1] = qyNew[wall] = qyNew[wall + nx] = 0;
      vxNew.forEach((_, f) => { vxNew[f] = 4 * (qxNew[f] as number); });
      vyNew.forEach((_, f) => { vyNew[f] = 3 * (qyNew[f] as number); });
      const [scale, area, rainDepth, tNew] = [0.5, 100, 0.002, 60];
      const before = { h: Float64Array.from(h), maxH: Float64Array.from(maxH), arrival: Float64Array.from(arrival) };
      for (let j = 0; j < ny; j++) k.limitRow(ph, pqxNew, pqyNew, plimit, nx, j, scale);
      const rowMax = Array.from({ length: ny }, (_, j) => k.depthRow(pz, ph, pqx, pqy, pqxNew, pqyNew, pvxNew, pvyNew, plimit, pmaxH, pmaxSpeed2, parrival, prowMass, prowDry, nx, ny, j, scale, area, rainDepth, tNew, 0.01, 0.001));

      const factor = (q: number, from: number | undefined, to: number | undefined): number => (q > 0 ? (from === undefined ? 1 : limit[from]!) : to === undefined ? 1 : limit[to]!);
      const donor = (q: number, from: number | undefined, to: number | undefined): number => q * factor(q, from, to);
      for (let j = 0; j < ny; j++) {
        let deepest = 0;
        let land = 0;
        for (let i = 0; i < nx; i++) {
          const c = j * nx + i;
          const [fw, fn] = [j * (nx + 1) + i, c];
          const [qw0, qe0, qn0, qs0] = [qxNew[fw]!, qxNew[fw + 1]!, qyNew[fn]!, qyNew[fn + nx]!];
          const out = ((qw0 < 0 ? -qw0 : 0) + (qe0 > 0 ? qe0 : 0) + (qn0 < 0 ? -qn0 : 0) + (qs0 > 0 ? qs0 : 0)) * scale;
          expect(limit[c]).toBe(out > before.h[c]! ? before.h[c]! / out : 1);
          if (c === wall) {
            expect([h[c], maxH[c], arrival[c]]).toEqual([0, 0, -1]);
            continue;
          }
          land++;
          const qw = donor(qw0, i > 0 ? c - 1 : undefined, c);
          const qe = donor(qe0, c, i < nx - 1 ? c + 1 : undefined);
          const qn = donor(qn0, j > 0 ? c - nx : undefined, c);
          const qs = donor(qs0, c, j < ny - 1 ? c + nx : undefined);
          expect([qx[fw], qy[fn]]).toEqual([qw, qn]);
          if (i === nx - 1) expect(qx[fw + 1]).toBe(qe);
          if (j === ny - 1) expect(qy[fn + nx]).toBe(qs);
          const depth = Math.max(before.h[c]! + (qw - qe + qn - qs) * scale + rainDepth, 0);
          expect(h[c]).toBe(depth);
          expect(maxH[c]).toBe(Math.max(before.maxH[c]!, depth));
          expect(arrival[c]).toBe(before.arrival[c]! < 0 && depth >= 0.01 ? tNew : before.arrival[c]);
          // Face velocities (stored single) limited as their fluxes were, by the donor cell's limit.
          const vw = vxNew[fw]! * factor(qw0, i > 0 ? c - 1 : undefined, c);
          const ve = vxNew[fw + 1]! * factor(qe0, c, i < nx - 1 ? c + 1 : undefined);
          const vn = vyNew[fn]! * factor(qn0, j > 0 ? c - nx : undefined, c);
          const vs = vyNew[fn + nx]! * factor(qs0, c, j < ny - 1 ? c + nx : undefined);
          expect(maxSpeed2[c]).toBeCloseTo(depth > 0.001 ? ((vw + ve) ** 2 + (vn + vs) ** 2) / 4 : 0, 12);
          deepest = Math.max(deepest, depth);
        }
        expect(rowMax[j]).toBe(deepest);
        expect(rowMass[j * MASS_FIELDS + MASS_RAIN]).toBeCloseTo(land * rainDepth * area, 12);
        expect(rowMass[j * MASS_FIELDS + MASS_CLIPPED]).toBeLessThan(1e-12); // clipping books round-off only
        expect(rowDry[j]).toBe(deepest > 0 ? 0 : 1);
      }
    });
  }
});
