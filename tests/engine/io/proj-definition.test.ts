import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { projDefinition } from '../../../engine/io/grid-corners.js';

/** Where each family puts a point on its central meridian (the EPSG registry's definitions: false easting 500 km, with the zone number before it where the family has one). */
describe('projected CRSs of a DEM', () => {
  it.each([
    [32650, 117, 500_000],
    [4497, 111, 19_500_000], // CGCS2000 / Gauss–Krüger zone 19 (6°)
    [4508, 111, 500_000], // CGCS2000 / Gauss–Krüger CM 111E
    [4527, 117, 39_500_000], // CGCS2000 / 3-degree Gauss–Krüger zone 39, over Beijing and Tianjin
    [4548, 117, 500_000], // CGCS2000 / 3-degree Gauss–Krüger CM 117E
  ])('EPSG:%i puts longitude %i° at easting %i', (epsg, lon, easting) => {
    const [x] = proj4(projDefinition(epsg) as string).forward([lon, 40]);
    expect(x).toBeCloseTo(easting, 6);
  });

  it('knows no other', () => {
    expect([3857, 4490, 4555, 2385].map(projDefinition)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
