/** Colour scales with legends in real units. */
export type RGBA = [number, number, number, number];

// Sequential yellow–orange–red (ColorBrewer YlOrRd, 6 classes): light means little.
const SEQUENTIAL: RGBA[] = [[255, 255, 178, 200], [254, 217, 118, 210], [254, 178, 76, 215], [253, 141, 60, 220], [240, 59, 32, 225], [189, 0, 38, 230]];
// Diverging blue–white–red (ColorBrewer RdBu reversed) for differences between runs.
const DIVERGING: RGBA[] = [[33, 102, 172, 220], [103, 169, 207, 210], [209, 229, 240, 200], [253, 219, 199, 200], [239, 138, 98, 210], [178, 24, 43, 220]];

export interface Scale {
  colour(value: number): RGBA;
  stops: RGBA[];
  ticks: string[];
}

/** Six classes from 0 to the largest value (or ±largest for a difference). */
export function makeScale(values: number[], format: (x: number) => string, diverging = false): Scale {
  const finite = values.filter(Number.isFinite);
  const top = Math.max(...finite.map(Math.abs), 1e-12);
  const stops = diverging ? DIVERGING : SEQUENTIAL;
  const low = diverging ? -top : 0;
  const step = (top - low) / stops.length;
  return {
    colour: (value) => (Number.isFinite(value) ? (stops[Math.min(Math.max(Math.floor((value - low) / step), 0), stops.length - 1)] as RGBA) : [200, 200, 200, 120]),
    stops,
    ticks: [format(low), format((low + top) / 2), format(top)],
  };
}

export const SYSTEM_COLOURS: Record<string, RGBA> = {
  road: [90, 90, 90, 220], rail: [120, 60, 160, 220], air: [40, 40, 40, 255],
  power: [230, 160, 0, 230], water: [30, 120, 220, 230], gas: [200, 80, 40, 230], telecom: [0, 150, 130, 230], supplies: [120, 100, 60, 230],
};
export const FAILED: RGBA = [220, 20, 60, 255];
export const KNOCK_ON: RGBA = [255, 120, 170, 255];

export const int = (x: number): string => Math.round(x).toLocaleString('en-US');
export const share = (x: number): string => `${Math.round(x * 100)}%`;
