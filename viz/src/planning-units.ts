/**
 * Aid amounts in the units a plan uses: the engine reports food in kcal/day and water in L/day;
 * a planner counts the people they feed — people-days a day — at the capital pack's minimum
 * needs per person per day (region.yaml `defaults.needsPerPersonPerDay`: 2,100 kcal, 15 L).
 */
import type { MessageKey } from './i18n/en.js';

const PER_PERSON_DAY: Record<string, number> = { 'kcal/day': 2100, 'L/day': 15 };
const UNIT_KEYS: Record<string, MessageKey> = { people: 'unit.places', beds: 'unit.beds', 'kcal/day': 'unit.peopleDays', 'L/day': 'unit.peopleDays' };

/** An amount in planning units, and the unit's message key. */
export function planningAmount(amount: number, unit: string): { amount: number; unit: MessageKey | undefined } {
  const per = PER_PERSON_DAY[unit];
  return { amount: per ? amount / per : amount, unit: UNIT_KEYS[unit] };
}
