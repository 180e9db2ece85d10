import proj4 from 'proj4';
import type { Raster } from './raster.js';

/**
 * proj4 definitions of the projected CRSs a raster in this region is likely to use: WGS 84 / UTM
 * zones (EPSG 32601–32660 north, 32701–32760 south) and China's national grid, CGCS2000
 * Gauss–Krüger, in its four EPSG families (the EPSG registry's definitions): 6-degree zones 13–23
 * with the zone number before the easting (4491–4501, CM 6·zone − 3) and without it by central
 * meridian (4502–4512, CM 75°E–135°E); 3-degree zones 25–45 with the zone number (4513–4533, CM
 * 3·zone, the usual one for survey-grade DEMs) and without it (4534–4554). Others are not placed.
 */
export const SUPPORTED_EPSG = 'WGS 84 / UTM (32601–32660, 32701–32760) or CGCS2000 Gauss–Krüger (4491–4554)';

export function projDefinition(epsg: number): string | undefined {
  const gaussKruger = (centralMeridian: number, falseEasting: number): string => `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  if (epsg >= 32601 && epsg <= 32660) return `+proj=utm +zone=${epsg - 32600} +datum=WGS84 +units=m +no_defs`;
  if (epsg >= 32701 && epsg <= 32760) return `+proj=utm +zone=${epsg - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (epsg >= 4491 && epsg <= 4501) return gaussKruger(6 * (epsg - 4478) - 3, (epsg - 4478) * 1e6 + 500000);
  if (epsg >= 4502 && epsg <= 4512) return gaussKruger(75 + 6 * (epsg - 4502), 500000);
  if (epsg >= 4513 && epsg <= 4533) return gaussKruger(3 * (epsg - 4488), (epsg - 4488) * 1e6 + 500000);
  if (epsg >= 4534 && epsg <= 4554) return gaussKruger(75 + 3 * (epsg - 4534), 500000);
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
