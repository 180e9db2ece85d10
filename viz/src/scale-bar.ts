/** A scale bar for a Web Mercator view: the longest round distance (1, 2 or 5 × 10ⁿ km) that fits in `maxPx`. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

export function scaleBar(latitude: number, zoom: number, maxPx: number): { px: number; km: number } {
  // deck.gl's Web Mercator: 512 px per world at zoom 0.
  const metresPerPx = (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
  const maxKm = (maxPx * metresPerPx) / 1000;
  const power = 10 ** Math.floor(Math.log10(maxKm));
  const km = [5, 2, 1].map((m) => m * power).find((d) => d <= maxKm) ?? power;
  return { px: Math.round((km * 1000) / metresPerPx), km };
}
