import { meanOver, type TimeSeries } from '../../../../../../engine/flood/grid/model.js';

/**
 * Reference for a flood spreading from a point on a flat, frictional plain: the same local-inertial
 * equations (Bates et al. 2010) in axisymmetric form on a fine 1-D radial grid,
 *   ∂h/∂t + (1/r) ∂(r q)/∂r = 0,   ∂q/∂t = −g h ∂h/∂r − g n² |q| q / h^(7/3),
 * with the inflow `discharge(t)` (m³/s) entering through a circle of radius r0. A source on a
 * straight wall (EA test 4's breach) is, by reflection, half of a full-plane source of twice its
 * discharge. Returns, for each of `arrivalDepths`, the first time the depth reached it at each
 * radius (NaN if never).
 */
export function radialArrival(options: { discharge: TimeSeries; manning: number; r0: number; dr: number; rMax: number; endTime: number; radii: number[]; arrivalDepths: number[]; alpha?: number; g?: number; depthThreshold?: number }): number[][] {
  const { discharge, manning, r0, dr, rMax, endTime, radii, arrivalDepths } = options;
  const g = options.g ?? 9.81;
  const alpha = options.alpha ?? 0.7;
  const threshold = options.depthThreshold ?? 0.001;
  const cells = Math.ceil((rMax - r0) / dr);
  const h = new Float64Array(cells);
  const q = new Float64Array(cells + 1); // q[k] on the face at r0 + k·dr, positive outwards
  const area = Float64Array.from({ length: cells }, (_, k) => Math.PI * ((r0 + (k + 1) * dr) ** 2 - (r0 + k * dr) ** 2));
  const length = Float64Array.from({ length: cells + 1 }, (_, k) => 2 * Math.PI * (r0 + k * dr));
  const arrivalAt = arrivalDepths.map(() => new Float64Array(cells).fill(NaN));
  const limit = new Float64Array(cells);
  const n2 = manning * manning;
  let t = 0;
  while (t < endTime) {
    let hmax = 0;
    for (const d of h) if (d > hmax) hmax = d;
    const dt = Math.min(hmax > 0 ? (alpha * dr) / Math.sqrt(g * hmax) : 10, endTime - t);
    q[0] = meanOver(discharge, t, t + dt) / (length[0] as number);
    for (let k = 1; k < cells; k++) {
      const hl = h[k - 1] as number;
      const hr = h[k] as number;
      const hf = hl > hr ? hl : hr;
      if (hf <= threshold) {
        q[k] = 0;
        continue;
      }
      const qk = q[k] as number;
      q[k] = (qk - (g * hf * dt * (hr - hl)) / dr) / (1 + (g * dt * n2 * Math.abs(qk)) / hf ** (7 / 3));
    }
    // Outflow from a cell never exceeds what it holds; a face is scaled by its donor's factor (as in the 2-D solver).
    for (let k = 0; k < cells; k++) {
      const qIn = q[k] as number;
      const qOut = q[k + 1] as number;
      const out = ((qOut > 0 ? qOut * (length[k + 1] as number) : 0) + (k > 0 && qIn < 0 ? -qIn * (length[k] as number) : 0)) * dt;
      const held = (h[k] as number) * (area[k] as number);
      limit[k] = out > held ? held / out : 1;
    }
    for (let k = 1; k <= cells; k++) {
      const qk = q[k] as number;
      q[k] = qk * (qk > 0 ? (limit[k - 1] as number) : k < cells ? (limit[k] as number) : 1);
    }
    t += dt;
    for (let k = 0; k < cells; k++) {
      h[k] = (h[k] as number) + (dt * ((q[k] as number) * (length[k] as number) - (q[k + 1] as number) * (length[k + 1] as number))) / (area[k] as number);
      arrivalDepths.forEach((depth, d) => {
        const at = arrivalAt[d] as Float64Array;
        if (Number.isNaN(at[k]) && (h[k] as number) >= depth) at[k] = t;
      });
    }
  }
  return arrivalAt.map((at) => radii.map((r) => at[Math.min(cells - 1, Math.floor((r - r0) / dr))] as number));
}
