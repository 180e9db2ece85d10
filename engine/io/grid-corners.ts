import proj4 from 'proj4';
import type { Raster } from './raster.js';

/**
 * proj4 definitions of the projected CRSs a raster domain in this region is likely to use:
 * WGS 84 / UTM zones (EPSG 32601–32660 north, 32701–32760 south) and CGCS2000 3-degree
 * Gauss–Krüger with the central meridian and no zone prefix (EPSG 4534–4554, CM 75°E–135°E,
 * China's national grid). Others are not placed on the map.
 */
export function projDefinition(epsg: number): string | undefined {
  if (epsg >= 32601 && epsg <= 32660) return `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs`;
  if (epsg >= 32701 && epsg <= 32760) return `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (epsg >= 4534 && epsg <= 4554) return `+proj=tmerc +lat_0=0 +lon_0=${75 + 3 * (epsg - 4534)} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  return undefined;
}

/**
 * Geographic (degree) CRSs a DEM's EPSG code might wrongly name: WGS 84, CGCS2000, Beijing 1954,
 * Xi'an 1980, NAD83, ETRS89, GDA94. The 2D solver's cells are metres, so these are refused.
 */
export const GEOGRAPHIC_EPSG: ReadonlySet<number> = new Set([4326, 4490, 4214, 4610, 4269, 4258, 4283]);

/**
 * The raster's corners in WGS-84 lon/lat — bottom-left, top-left, top-right, bottom-right, the
 * order deck.gl's BitmapLayer takes for a quad — or undefined when the CRS is unknown.
 */
export function cornersLonLat(grid: Omit<Raster, 'data'>, epsg: number | undefined): [number, number][] | undefined {
  const definition = epsg === undefined ? undefined : projDefinition(epsg);
  if (!definition) return undefined;
  const east = grid.xll + grid.nx * grid.cellSize;
  const north = grid.yll + grid.ny * grid.cellSize;
  const toLonLat = (x: number, y: number): [number, number] => {
    const [lon, lat] = proj4(definition, 'EPSG:4326', [x, y]);
    return [Number((lon ?? Number.NaN).toFixed(7)), Number((lat ?? Number.NaN).toFixed(7))];
  };
  return [toLonLat(grid.xll, grid.yll), toLonLat(grid.xll, north), toLonLat(east, north), toLonLat(east, grid.yll)];
}
