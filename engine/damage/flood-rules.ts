/**
 * When flood water puts a lifeline component out of service, and for how long after it has gone.
 * One rule per component class: out while the water over the component's floor (its ground plus
 * any protection) is deeper than `failureDepthM`; back `restoreH` hours after the water has
 * dropped to that depth again (drying, cleaning, repair, inspection), longer when the water was
 * deep. Sources and the reasoning are in the capital pack's research/flood-lifelines.md; each
 * rule names its source below.
 *
 * Hazus Flood: the utility-facility depth–damage table `flUtilFltyDmgFn` (Hazus 6.1), whose
 * comments state where the equipment sits ("control room damaged at grade", "most equipment
 * assumed to be at 3 ft", "entrance is 3 feet above grade"); the failure depths are those
 * heights (0 and 0.91 m), read from the same table as the damage curves. Hazus has no
 * restoration function for utilities: the times come from observed events (PSE&G and Con Edison
 * 2012, Castle Meads and Mythe 2007, Zhengzhou 2021, Mentougou and Zhuozhou 2023).
 */
import type { FloodClass } from '../region/lifeline-schema.js';

export interface FloodFailureRule {
  /** Water over the component's floor (m) above which it is out of service. */
  failureDepthM: number;
  /** Hours from the water dropping back to the failure depth until it works again. */
  restoreH: number;
  /** Longer restoration where the water stood at least `depthM` over its floor. */
  deep?: { depthM: number; restoreH: number };
  reference: string;
}

const DAY = 24;
/** Hazus: equipment "raised 3 feet above ground level" / "entrance is 3 feet above grade". */
const HAZUS_EQUIPMENT_M = 0.9144;
/**
 * Substations: back in 1–3 days when shallow (PSE&G 2012, 1 day; Castle Meads 2007, 1–1.5;
 * Zhengzhou 2021, 8 substations in 2–3), "over a week" when equipment stood 3–3.7 m deep (PSE&G
 * Sewaren 2012). The split at 1 m lies between the two groups of evidence (research note §5b).
 */
const SUBSTATION_RESTORE = { restoreH: 2 * DAY, deep: { depthM: 1, restoreH: 8 * DAY } };

export const FLOOD_FAILURE_RULES: Readonly<Record<FloodClass, FloodFailureRule>> = {
  'substation': {
    failureDepthM: 0, ...SUBSTATION_RESTORE,
    reference: 'Hazus 6.1 flUtilFltyDmgFn ESSH/ESSM/ESSL: "control room damaged at grade" — out with any water in the yard; restoration from PSE&G 2012, Castle Meads 2007, Zhengzhou 2021 (shallow) and PSE&G Sewaren 2012 (deep)',
  },
  'power-plant': {
    failureDepthM: HAZUS_EQUIPMENT_M, ...SUBSTATION_RESTORE,
    reference: 'Hazus 6.1 flUtilFltyDmgFn EPPL/M/S: support facilities at grade, control and generation above; 3 ft is Hazus\'s equipment height (an assumption for plants); restoration as for substations (no plant observation found)',
  },
  'water-treatment': {
    failureDepthM: HAZUS_EQUIPMENT_M, restoreH: 3 * DAY, deep: { depthM: 1, restoreH: 11 * DAY },
    reference: 'Hazus 6.1 flUtilFltyDmgFn PWT: "most equipment assumed to be at 3ft in height"; restoration: Mentougou Chengzi plant 2023, pump room only, 2.5 days; Zhuozhou surface-water plant 2023, site under up to 2 m, 11 days after the water receded; Mythe 2007, 7–11 days',
  },
  'wastewater-treatment': {
    failureDepthM: HAZUS_EQUIPMENT_M, restoreH: 3 * DAY, deep: { depthM: 1, restoreH: 11 * DAY },
    reference: 'Hazus 6.1 flUtilFltyDmgFn WWT: "major electricl at 3ft above grade"; restoration as for water treatment (no wastewater observation found)',
  },
  'pumping-station': {
    failureDepthM: HAZUS_EQUIPMENT_M, restoreH: 3 * DAY,
    reference: 'Hazus 6.1 flUtilFltyDmgFn PPP (below grade): "entrance is 3 feet above grade", damage 0 → 40 % between 3 and 4 ft; restoration: Mentougou Chengzi pump room 2023, motors replaced in about 2.5 days',
  },
  'telecom': {
    failureDepthM: 0, restoreH: 6 * DAY,
    reference: 'no flood curve for telecom exists (Hazus has none): out with any water, by analogy with Hazus control vaults ("entrance at grade and not sealed") — an assumption; restoration: Beijing 23·7 base stations, out 30–31 July, townships back 5 August, every village 8 August',
  },
  'gas-compressor': {
    failureDepthM: HAZUS_EQUIPMENT_M, ...SUBSTATION_RESTORE,
    reference: 'Hazus 6.1 flUtilFltyDmgFn NGC: "assumes equipment is raised 3 ft"; restoration as for substations (no observation found)',
  },
  'gas-regulator': {
    failureDepthM: 0, ...SUBSTATION_RESTORE,
    reference: 'Hazus 6.1 flUtilFltyDmgFn NGCV (control and regulator stations): "entrance is at grade and not sealed"; restoration as for substations (no observation found)',
  },
  'road': {
    failureDepthM: 0.3, restoreH: 0,
    reference: 'Pregnolato, Ford, Wilkinson & Dawson (2017), Transportation Research D 55: 67–81: impassable at 300 mm of standing water, reopened once it is shallower (Beijing traffic police close at 27 cm, 2013)',
  },
  'rail': {
    failureDepthM: 0, restoreH: DAY,
    reference: 'trains stop once water is over the rail (UK Rule Book GE/RT8000 M3; Chinese metro flood guides: "积水漫过轨面时，禁止列车通过"); the track is inspected for dislodged ballast before reopening — one day, an assumption',
  },
};

/**
 * A bridge or culvert is out while the river under it carries more than its design flood (scour,
 * debris, overtopping of the deck), then closed for inspection. No source gives the inspection
 * time: one day, as for track (an assumption). Railway bridges are designed for at least the
 * 1/300 flood (large and medium) or 1/100 (small, culverts): GB 50201-2014 commentary §6.1.
 */
export const BRIDGE_RULE = { inspectionH: DAY, reference: 'out while the discharge exceeds the bridge\'s design flood (GB 50201-2014 commentary §6.1 for railway design floods); one day of inspection after, an assumption' } as const;

/**
 * Vehicle speed in standing water of depth `w` m as a share of the dry speed: Pregnolato et al.
 * (2017), v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h with w in mm, fitted up to 300 mm, where the
 * road closes (0 from there).
 */
export function roadSpeedShare(depthM: number): number {
  if (depthM <= 0) return 1;
  if (depthM >= 0.3) return 0;
  const w = depthM * 1000;
  return (0.0009 * w * w - 0.5529 * w + 86.9448) / 86.9448;
}

/** Hours the component stays out after the water dropped back, given the deepest water over its floor. */
export function restoreHours(rule: FloodFailureRule, maxDepthM: number): number {
  return rule.deep && maxDepthM >= rule.deep.depthM ? rule.deep.restoreH : rule.restoreH;
}
