/**
 * Highway bridge fragility, Hazus (FEMA Hazus earthquake technical manual, transportation
 * systems): lognormal curves on Sa(1.0 s) for slight, moderate, extensive and complete damage,
 * β = 0.6, for the 28 classes HWB1–HWB28, as tabulated in NHERI-SimCenter pelicun
 * `pelicun/resources/SimCenterDBDL/damage_DB_Hazus_EQ_trnsp.csv` (commit 576b6f02, rows HWB.GS.*).
 * The medians are modified per bridge (pelicun `pelicun/resources/auto/Hazus_Earthquake_IM.py`,
 * commit 95121a40, which follows the manual's procedure):
 *   slight × Kshape = min(1, 2.5·Sa(1.0)/Sa(0.3)) for classes with Ishape = 1 (short, stiff
 *   bridges, where the spectrum's shape matters), unchanged otherwise;
 *   moderate, extensive, complete × Kskew·K3D, Kskew = √sin(90° − skew),
 *   K3D = 1 + A/(N − B) for N spans with (A, B) by the class's equation EQ1…EQ7.
 * K3D is 1 for HWB3/HWB4 (single spans, where EQ1 divides by zero) and HWB28 (none given): pelicun's
 * reading of the manual, which we follow.
 *
 * Restoration (days, normal): slight 0.6 ± 0.6, moderate 2.5 ± 2.7, extensive 75 ± 42, complete
 * 230 ± 110, as coded "based on HAZUS" in the Seaside transportation study code (22dylan/DamageCodes
 * `transportation/transportation_eq/transportation_damage_eq.py`, `define_bridge_rep_variables`,
 * commit 369eaa43).
 *
 * Ground failure (liquefaction, lateral spreading: Hazus' PGD curves) is not modelled, and it is
 * how the 1976 Jiyun River bridges fell; a shaking-only estimate is low where banks spread.
 */
import type { LifelineFragility } from './hazus-lifelines.js';

export interface BridgeFragility extends LifelineFragility {
  /** Slight-damage median scales with the spectrum's shape (Ishape = 1). */
  shapeSensitive: boolean;
  /** K3D = 1 + a/(spans − b); absent: K3D = 1. */
  k3d?: { a: number; b: number };
}

type Four = readonly [number, number, number, number];

const BRIDGE_RESTORATION = { means: [0.6, 2.5, 75, 230], sds: [0.6, 2.7, 42, 110] } as const satisfies LifelineFragility['restorationDays'];
const BETA = 0.6;
/** (A, B) of the manual's K3D equations EQ1…EQ7. */
const K3D_EQUATIONS = [[0.25, 1], [0.33, 0], [0.33, 1], [0.09, 1], [0.05, 0], [0.2, 1], [0.1, 0]] as const;

const bridge = (hazusClass: string, description: string, medians: Four, equation: number | undefined, shapeSensitive: boolean): BridgeFragility => {
  const eq = equation === undefined ? undefined : K3D_EQUATIONS[equation - 1];
  return {
    hazusClass, description, medians, betas: [BETA, BETA, BETA, BETA], restorationDays: BRIDGE_RESTORATION, shapeSensitive,
    ...(eq ? { k3d: { a: eq[0], b: eq[1] } } : {}),
  };
};

const CONVENTIONAL = 'conventional design (pre-1990 outside California)';
const SEISMIC = 'seismic design';

export const HAZUS_BRIDGE_CLASSES: Record<string, BridgeFragility> = {
  'hazus-hwb1': bridge('HWB1', `major bridge, length over 150 m, ${CONVENTIONAL}`, [0.4, 0.5, 0.7, 0.9], 1, false),
  'hazus-hwb2': bridge('HWB2', `major bridge, length over 150 m, ${SEISMIC}`, [0.6, 0.9, 1.1, 1.7], 1, false),
  'hazus-hwb3': bridge('HWB3', `single span, ${CONVENTIONAL}`, [0.8, 1.0, 1.2, 1.7], undefined, true),
  'hazus-hwb4': bridge('HWB4', `single span, ${SEISMIC}`, [0.8, 1.0, 1.2, 1.7], undefined, true),
  'hazus-hwb5': bridge('HWB5', `multi-column bents, simply supported, concrete, ${CONVENTIONAL}`, [0.25, 0.35, 0.45, 0.7], 1, false),
  'hazus-hwb6': bridge('HWB6', 'multi-column bents, simply supported, concrete, conventional design (California)', [0.3, 0.5, 0.6, 0.9], 1, false),
  'hazus-hwb7': bridge('HWB7', `multi-column bents, simply supported, concrete, ${SEISMIC}`, [0.5, 0.8, 1.1, 1.7], 1, false),
  'hazus-hwb8': bridge('HWB8', 'single-column bents, box girder, continuous concrete, conventional design (California)', [0.35, 0.45, 0.55, 0.8], 2, false),
  'hazus-hwb9': bridge('HWB9', `single-column bents, box girder, continuous concrete, ${SEISMIC}`, [0.6, 0.9, 1.3, 1.6], 3, false),
  'hazus-hwb10': bridge('HWB10', `continuous concrete, ${CONVENTIONAL}`, [0.6, 0.9, 1.1, 1.5], 2, true),
  'hazus-hwb11': bridge('HWB11', `continuous concrete, ${SEISMIC}`, [0.9, 0.9, 1.1, 1.5], 3, true),
  'hazus-hwb12': bridge('HWB12', `multi-column bents, simply supported, steel, ${CONVENTIONAL}`, [0.25, 0.35, 0.45, 0.7], 4, false),
  'hazus-hwb13': bridge('HWB13', 'multi-column bents, simply supported, steel, conventional design (California)', [0.3, 0.5, 0.6, 0.9], 4, false),
  'hazus-hwb14': bridge('HWB14', `multi-column bents, simply supported, steel, ${SEISMIC}`, [0.5, 0.8, 1.1, 1.7], 1, false),
  'hazus-hwb15': bridge('HWB15', `continuous steel, ${CONVENTIONAL}`, [0.75, 0.75, 0.75, 1.1], 5, true),
  'hazus-hwb16': bridge('HWB16', `continuous steel, ${SEISMIC}`, [0.9, 0.9, 1.1, 1.5], 3, true),
  'hazus-hwb17': bridge('HWB17', `multi-column bents, simply supported, prestressed concrete, ${CONVENTIONAL}`, [0.25, 0.35, 0.45, 0.7], 1, false),
  'hazus-hwb18': bridge('HWB18', 'multi-column bents, simply supported, prestressed concrete, conventional design (California)', [0.3, 0.5, 0.6, 0.9], 1, false),
  'hazus-hwb19': bridge('HWB19', `multi-column bents, simply supported, prestressed concrete, ${SEISMIC}`, [0.5, 0.8, 1.1, 1.7], 1, false),
  'hazus-hwb20': bridge('HWB20', 'single-column bents, box girder, prestressed continuous concrete, conventional design (California)', [0.35, 0.45, 0.55, 0.8], 2, false),
  'hazus-hwb21': bridge('HWB21', `single-column bents, box girder, prestressed continuous concrete, ${SEISMIC}`, [0.6, 0.9, 1.3, 1.6], 3, false),
  'hazus-hwb22': bridge('HWB22', `continuous prestressed concrete, ${CONVENTIONAL}`, [0.6, 0.9, 1.1, 1.5], 2, true),
  'hazus-hwb23': bridge('HWB23', `continuous prestressed concrete, ${SEISMIC}`, [0.9, 0.9, 1.1, 1.5], 3, true),
  'hazus-hwb24': bridge('HWB24', `multi-column bents, simply supported, steel, ${CONVENTIONAL} (longest span under 20 m)`, [0.25, 0.35, 0.45, 0.7], 6, false),
  'hazus-hwb25': bridge('HWB25', 'multi-column bents, simply supported, steel, conventional design (California, longest span under 20 m)', [0.3, 0.5, 0.6, 0.9], 6, false),
  'hazus-hwb26': bridge('HWB26', `continuous steel, ${CONVENTIONAL} (longest span under 20 m)`, [0.75, 0.75, 0.75, 1.1], 7, true),
  'hazus-hwb27': bridge('HWB27', 'continuous steel, conventional design (California, longest span under 20 m)', [0.75, 0.75, 0.75, 1.1], 7, true),
  'hazus-hwb28': bridge('HWB28', 'all other bridges', [0.8, 1.0, 1.2, 1.7], undefined, false),
};

/** The four medians (g of Sa(1.0 s)) of one bridge: the class's, modified for its spans, skew and spectrum shape. */
export function bridgeMedians(f: BridgeFragility, spans: number, skewDeg: number, sa03G: number, sa10G: number): Four {
  const k3d = f.k3d ? 1 + f.k3d.a / (spans - f.k3d.b) : 1;
  const kSkew = Math.sqrt(Math.sin(((90 - skewDeg) * Math.PI) / 180));
  const kShape = f.shapeSensitive && sa03G > 0 ? Math.min(1, (2.5 * sa10G) / sa03G) : 1;
  const [slight, moderate, extensive, complete] = f.medians;
  const k = kSkew * k3d;
  return [slight * kShape, moderate * k, extensive * k, complete * k];
}
