/**
 * The map's layers in drawing order, bottom to top — the story a planner reads: the land, the
 * impact by county, the water, the borders, then what failed, where people went and who helped,
 * the earthquake's source, and the names. The layer list, the map and the legend all come from
 * this one list.
 */
import { aidArcsLayer } from './aid-arcs.js';
import { circlesLayer } from './circles.js';
import { depthRasterLayer } from './depth-raster.js';
import { evacuationLayer } from './evacuation.js';
import { floodAreasLayer } from './flood-areas.js';
import { landLayer } from './land.js';
import { lifelinesLayer } from './lifelines.js';
import { outlineLayer } from './outline.js';
import { placeNamesLayer } from './place-names.js';
import { quakeLayer } from './quake.js';
import { riversLayer } from './rivers.js';
import { sheltersLayer } from './shelters.js';
import type { MapLayer } from './types.js';
import { zonesLayer } from './zones.js';

export const LAYERS = [
  landLayer, zonesLayer, depthRasterLayer, floodAreasLayer, riversLayer, circlesLayer, outlineLayer,
  lifelinesLayer, evacuationLayer, sheltersLayer, aidArcsLayer, quakeLayer, placeNamesLayer,
] as const satisfies readonly MapLayer[];

export type LayerId = (typeof LAYERS)[number]['id'];
