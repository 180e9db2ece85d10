/** Flood-depth rasters: colouring Float32 depth frames for the map. */

/** Water shallower than this is left transparent (dry, or a film the solver keeps for stability). */
export const WET_DEPTH_M = 0.01;

/**
 * Colours depths into RGBA (`out`, 4 bytes per cell, same row order): transparent where dry or
 * without data, then from pale to deep blue up to `fullDepthM`, more opaque as it deepens.
 * Hand-written loop: it runs once per frame of a flood animation over up to millions of cells.
 */
export function depthToRgba<T extends Uint8ClampedArray>(depth: Float32Array, out: T, fullDepthM: number): T {
  const scale = 1 / Math.max(fullDepthM, WET_DEPTH_M);
  for (let c = 0, o = 0; c < depth.length; c++, o += 4) {
    const h = depth[c] as number;
    if (!(h >= WET_DEPTH_M)) {
      out[o + 3] = 0;
      continue;
    }
    const w = h * scale > 1 ? 1 : h * scale;
    out[o] = 170 - 150 * w;
    out[o + 1] = 215 - 150 * w;
    out[o + 2] = 250 - 60 * w;
    out[o + 3] = 120 + 120 * w;
  }
  return out;
}

/** The frame to show at time `tS`: the last one written at or before it (the first before any). */
export function frameAt(frameTimesS: readonly number[], tS: number): number {
  let k = 0;
  while (k + 1 < frameTimesS.length && (frameTimesS[k + 1] as number) <= tS) k++;
  return k;
}

/** The depth ramp as a legend: six stops from the wet threshold to full depth, and three ticks. */
export function depthLegend(fullDepthM: number): { colour: (h: number) => [number, number, number, number]; stops: [number, number, number, number][]; ticks: string[] } {
  const colour = (h: number): [number, number, number, number] => {
    const px = depthToRgba(Float32Array.of(h), new Uint8ClampedArray(4), fullDepthM);
    return [px[0] ?? 0, px[1] ?? 0, px[2] ?? 0, px[3] ?? 0];
  };
  const stops = [0, 1, 2, 3, 4, 5].map((k) => colour(WET_DEPTH_M + ((fullDepthM - WET_DEPTH_M) * k) / 5));
  return { colour, stops, ticks: [`${WET_DEPTH_M} m`, `${(fullDepthM / 2).toFixed(2)} m`, `${fullDepthM.toFixed(2)} m`] };
}
