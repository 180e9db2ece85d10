/** Colour scales with legends in real units, and the map's fixed colours. */
export type RGBA = [number, number, number, number];

// Sequential yellow–orange–red (ColorBrewer YlOrRd, 6 classes): light means little.
const SEQUENTIAL: RGBA[] = [[255, 255, 178, 200], [254, 217, 118, 210], [254, 178, 76, 215], [253, 141, 60, 220], [240, 59, 32, 225], [189, 0, 38, 230]];
// Diverging blue–red (ColorBrewer RdBu reversed, 7 classes) with a neutral middle class that means "no change".
const DIVERGING: RGBA[] = [[33, 102, 172, 220], [103, 169, 207, 210], [209, 229, 240, 200], [247, 247, 247, 90], [253, 219, 199, 200], [239, 138, 98, 210], [178, 24, 43, 220]];
/** Zones with nothing to show (no impact, or no value) are left clear, so the map shows where something happened. */
export const CLEAR: RGBA = [0, 0, 0, 0];

export interface Scale {
  colour(value: number): RGBA;
  stops: RGBA[];
  ticks: string[];
  /** Whether a zero is drawn clear (an impact scale) or neutral (a difference). */
  diverging: boolean;
}

/**
 * Six classes from 0 to the largest value, zero and unknown values clear; or, for a difference,
 * three classes each way from an exact-zero neutral class, so an unchanged zone never reads as
 * an increase.
 */
export function makeScale(values: number[], format: (x: number) => string, diverging = false): Scale {
  const finite = values.filter(Number.isFinite);
  const top = Math.max(...finite.map(Math.abs), 1e-12);
  if (diverging) {
    return {
      colour: (value) => {
        if (!Number.isFinite(value)) return CLEAR;
        if (value === 0) return DIVERGING[3] as RGBA;
        const k = Math.min(Math.ceil((Math.abs(value) / top) * 3), 3);
        return DIVERGING[value < 0 ? 3 - k : 3 + k] as RGBA;
      },
      stops: DIVERGING, ticks: [format(-top), format(0), format(top)], diverging,
    };
  }
  const step = top / SEQUENTIAL.length;
  return {
    colour: (value) => (Number.isFinite(value) && value > 0 ? (SEQUENTIAL[Math.min(Math.floor(value / step), SEQUENTIAL.length - 1)] as RGBA) : CLEAR),
    stops: SEQUENTIAL, ticks: [format(0), format(top / 2), format(top)], diverging,
  };
}

export const SYSTEM_COLOURS: Record<string, RGBA> = {
  road: [90, 90, 90, 220], rail: [120, 60, 160, 220], air: [40, 40, 40, 255],
  power: [230, 160, 0, 230], water: [30, 120, 220, 230], gas: [200, 80, 40, 230], telecom: [0, 150, 130, 230], supplies: [120, 100, 60, 230],
};
/** Lifeline states: red for a cut or a hazard's damage, pink for a knock-on, grey once restored. */
export const STATUS_COLOURS = { direct: [215, 25, 28, 255], 'knock-on': [244, 120, 180, 255], restored: [150, 150, 150, 230] } as const satisfies Record<string, RGBA>;
/** Working components are drawn faint, so the failures stand out. */
export const WORKING_ALPHA = 45;

export const RESOURCE_COLOURS: Record<string, RGBA> = { shelter: [46, 134, 193, 230], 'hospital-beds': [200, 40, 60, 230], 'drinking-water': [20, 170, 200, 230], food: [190, 120, 20, 230] };
export const OTHER_RESOURCE: RGBA = [90, 90, 90, 220];

export const css = (c: readonly number[]): string => `rgba(${c[0] ?? 0},${c[1] ?? 0},${c[2] ?? 0},${((c[3] ?? 255) / 255).toFixed(2)})`;
