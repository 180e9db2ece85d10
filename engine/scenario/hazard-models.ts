import type { HazardType } from './schema.js';

/**
 * Which hazard types this engine version can run, and with which model. The scenario format
 * defines more hazard types than are implemented; a scenario naming one that is not listed here
 * is rejected at load time, never silently skipped. Each hazard issue registers its model here.
 */
export interface HazardModel {
  type: HazardType;
  id: string;
  reference: string;
}

export const HAZARD_MODELS: ReadonlyMap<HazardType, HazardModel> = new Map<HazardType, HazardModel>();
