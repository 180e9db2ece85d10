/** Flood-depth rasters: colouring Float32 depth frames for the map. */
import { depthToRgba, WET_DEPTH_M } from '../../engine/io/depth-colours.js';

export { depthToRgba, WET_DEPTH_M };

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
