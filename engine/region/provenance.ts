/**
 * Provenance of a pack's figures (issue 22): which fields are figures, and where each one came from.
 */

/**
 * The figures of the river network that SOURCES.md and the provenance check account for: areas,
 * volumes, residents and flows (capacities, triggers, releases). Routing parameters (length,
 * width, slope, roughness, curve number, time of concentration) are estimates by method, said in
 * each feature's `estimate` and SOURCES.md's table of methods.
 */
export const RIVER_FIGURE_FIELDS = [
  'areaKm2', 'designVolumeM3', 'residents', 'activationDischargeM3s', 'gateCapacityM3s',
  'crestStorageM3', 'floodLimitStorageM3', 'maxReleaseM3s', 'safeDischargeM3s', 'capacityM3s',
] as const;
