/**
 * The colour ramp of flood-depth rasters, shared by the API's PNG layers and the viewer so both
 * show the same water the same way.
 */

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
