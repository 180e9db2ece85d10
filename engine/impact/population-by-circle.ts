/**
 * Sum of a per-zone quantity over each zone set (circle or group): the exposure baseline every
 * later stage reports against (people, and later displaced people or unserved population).
 * Partial members are not counted: their share inside the circle is not known at zone level.
 */
export function sumOverZoneSets(values: Float64Array, sets: readonly { members: Int32Array }[], out = new Float64Array(sets.length)): Float64Array {
  if (out.length !== sets.length) throw new RangeError(`out has ${out.length} slots for ${sets.length} zone sets`);
  sets.forEach((set, s) => {
    let total = 0;
    for (const z of set.members) {
      if (z < 0 || z >= values.length) throw new RangeError(`zone index ${z} outside 0…${values.length - 1}`);
      total += values[z] as number;
    }
    out[s] = total;
  });
  return out;
}
