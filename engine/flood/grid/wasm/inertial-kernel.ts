/**
 * AssemblyScript: the interior loops of the local-inertial solver (see ../inertial.ts for the
 * equations and the three phases), two cells or faces at a time in WebAssembly SIMD (f64x2).
 * V8 compiles the same loops in JavaScript to scalar code, and the flux loop's three divisions
 * per face (two in the cube root, one in the friction term) run twice as fast on two lanes: on
 * the fully wet benchmark the flux loop went from 44 to 84 M faces/s. Scalar WebAssembly gained
 * only 5 %, so the gain is the lanes, not the language.
 *
 * Every lane performs the same IEEE operations in the same order, so results do not depend on
 * which lane or pair a cell falls in, nor on how the rows are split among threads. Arrays are
 * addressed by byte offsets into the one shared memory that every strip thread imports; each
 * array is followed by 16 bytes of padding, so a pair that starts on a row's last cell may read
 * one value past it (that lane is masked, never stored).
 */

const ZERO: v128 = f64x2.splat(0);
const ONE: v128 = f64x2.splat(1);
const EIGHT: v128 = f64x2.splat(8);
const EIGHTH: v128 = f64x2.splat(0.125);
const HALF: v128 = f64x2.splat(0.5);
const TWO: v128 = f64x2.splat(2);
const INFINITE: v128 = f64x2.splat(Infinity);
/** Bed of a no-data cell (../inertial.ts WALL). */
const WALL: v128 = f64x2.splat(1e30);
/** Row mass fields (../inertial.ts MASS_*). */
const MASS_FIELDS: i32 = 5;
const MASS_RAIN: i32 = 2;
const MASS_CLIPPED: i32 = 4;

@inline function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

@inline function load2(base: usize, index: i32): v128 {
  return v128.load(at(base, index));
}

/** Two single-precision values (a face velocity array) widened to a pair of doubles. */
@inline function load2single(base: usize, index: i32): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(base + (<usize>index << 2)));
}

/** Stores a pair narrowed to single precision: both lanes, or only the first when the second lies past the row. */
@inline function store2single(base: usize, index: i32, value: v128, whole: bool): void {
  const narrow = f32x4.demote_f64x2_zero(value);
  if (whole) v128.store64_lane(base + (<usize>index << 2), narrow, 0);
  else v128.store32_lane(base + (<usize>index << 2), narrow, 0);
}

/** Stores both lanes, or only the first when the second lies past the row (`whole` false). */
@inline function store2(base: usize, index: i32, value: v128, whole: bool): void {
  if (whole) v128.store(at(base, index), value);
  else v128.store64_lane(at(base, index), value, 0);
}

@inline function select(ifTrue: v128, ifFalse: v128, mask: v128): v128 {
  return v128.bitselect(ifTrue, ifFalse, mask);
}

/**
 * ∛x for positive finite x, on two lanes: x scaled into [1, 8) by powers of 8 (exact), a cubic
 * start (1.4 % off) and two Halley steps written as small corrections (1.4 % → 3e-6 → round-off);
 * within 1 ulp of Math.cbrt. Math.pow and Math.cbrt are out of reach here, and a call would cost
 * more than this.
 */
@inline function cubeRoot2(x: v128): v128 {
  let scale = ONE;
  let big = f64x2.ge(x, EIGHT);
  while (v128.any_true(big)) {
    x = select(f64x2.mul(x, EIGHTH), x, big);
    scale = select(f64x2.add(scale, scale), scale, big);
    big = f64x2.ge(x, EIGHT);
  }
  let small = f64x2.lt(x, ONE);
  while (v128.any_true(small)) {
    x = select(f64x2.mul(x, EIGHT), x, small);
    scale = select(f64x2.mul(scale, HALF), scale, small);
    small = f64x2.lt(x, ONE);
  }
  let y = f64x2.add(
    f64x2.splat(0.7091206995822159),
    f64x2.mul(x, f64x2.add(f64x2.splat(0.34002912930114443), f64x2.mul(x, f64x2.add(f64x2.splat(-0.037498121353761626), f64x2.mul(x, f64x2.splat(0.0019168345431394296)))))),
  );
  let y3 = f64x2.mul(f64x2.mul(y, y), y);
  y = f64x2.add(y, f64x2.div(f64x2.mul(y, f64x2.sub(x, y3)), f64x2.add(f64x2.mul(TWO, y3), x)));
  y3 = f64x2.mul(f64x2.mul(y, y), y);
  y = f64x2.add(y, f64x2.div(f64x2.mul(y, f64x2.sub(x, y3)), f64x2.add(f64x2.mul(TWO, y3), x)));
  return f64x2.mul(y, scale);
}

/** ∛x for one positive finite x (the lane function, exported for its accuracy test). */
export function cubeRoot(x: f64): f64 {
  return f64x2.extract_lane(cubeRoot2(f64x2.splat(x)), 0);
}

/**
 * Phase A on two faces between cells a and b = a + stride (faces f, f + 1; f ± stride are the
 * faces beside them along the flow, for the q-centred average):
 *   h_f = max(η_a, η_b) − max(z_a, z_b);  q⁺ = (q_c − g Δt h_f (η_b − η_a)/Δx) h_f^(7/3) / (h_f^(7/3) + g Δt n̄² |q|)
 * with n̄² the mean of the two cells' n² and q⁺ = 0 where h_f is not above the threshold; and the
 * face's velocity q⁺/h_f.
 */
@inline function faces2(z: usize, h: usize, n2: usize, q: usize, qNew: usize, vNew: usize, a: i32, stride: i32, f: i32, centred: bool, theta: v128, side: v128, gdt: v128, halfGdt: v128, threshold: v128, invDx: v128, whole: bool): void {
  const b = a + stride;
  const za = load2(z, a);
  const zb = load2(z, b);
  const ea = f64x2.add(za, load2(h, a));
  const eb = f64x2.add(zb, load2(h, b));
  const hf = f64x2.sub(f64x2.max(ea, eb), f64x2.max(za, zb));
  // Infinite depths (a run that has blown up) would never leave the cube root's scaling loop.
  const wet = v128.and(f64x2.gt(hf, threshold), f64x2.lt(hf, INFINITE));
  if (!v128.any_true(wet)) {
    store2(qNew, f, ZERO, whole);
    store2single(vNew, f, ZERO, whole);
    return;
  }
  const depth = select(hf, ONE, wet);
  const flux = load2(q, f);
  const fluxCentred = centred ? f64x2.add(f64x2.mul(theta, flux), f64x2.mul(side, f64x2.add(load2(q, f - stride), load2(q, f + stride)))) : flux;
  const h43 = f64x2.mul(depth, cubeRoot2(depth));
  const h73 = f64x2.mul(depth, h43);
  const friction = f64x2.mul(f64x2.mul(halfGdt, f64x2.add(load2(n2, a), load2(n2, b))), f64x2.abs(flux));
  const driven = f64x2.sub(fluxCentred, f64x2.mul(f64x2.mul(f64x2.mul(gdt, depth), f64x2.sub(eb, ea)), invDx));
  // One division serves the flux and the face's velocity over its own flow depth (LISFLOOD-FP's
  // q/h_flow: a cell's depth just after it wets is far thinner than the water flowing into it,
  // and q over that depth would give absurd speeds): q⁺/h_f = driven·h^(4/3)/(h^(7/3) + friction).
  const share = f64x2.div(driven, f64x2.add(h73, friction));
  store2(qNew, f, v128.and(f64x2.mul(share, h73), wet), whole);
  store2single(vNew, f, v128.and(f64x2.mul(share, h43), wet), whole);
}

/**
 * Phase A on a run of `count` faces: face firstFace + k lies between cells firstCell + k and
 * firstCell + k + stride; vNew (single precision) gets each face's new velocity q/h_f. The
 * interior x faces of row j are the run (j·nx, 1, j·(nx+1) + 1, nx − 1), the y faces north of
 * row j ≥ 1 the run ((j−1)·nx, nx, j·nx, nx); the edge faces are the caller's.
 */
export function faces(z: usize, h: usize, n2: usize, q: usize, qNew: usize, vNew: usize, firstCell: i32, stride: i32, firstFace: i32, count: i32, gdt: f64, theta: f64, threshold: f64, invDx: f64): void {
  const centred = theta < 1;
  const thetaV = f64x2.splat(theta);
  const sideV = f64x2.splat((1 - theta) / 2);
  const gdtV = f64x2.splat(gdt);
  const halfGdtV = f64x2.splat(0.5 * gdt);
  const thresholdV = f64x2.splat(threshold);
  const invDxV = f64x2.splat(invDx);
  for (let k = 0; k < count; k += 2) {
    faces2(z, h, n2, q, qNew, vNew, firstCell + k, stride, firstFace + k, centred, thetaV, sideV, gdtV, halfGdtV, thresholdV, invDxV, k + 1 < count);
  }
}

/** Outflow of a face's flux from the cell on its positive side is −q where q < 0 (0 otherwise), and vice versa. */
@inline function negativePart(q: v128): v128 {
  return select(f64x2.neg(q), ZERO, f64x2.lt(q, ZERO));
}
@inline function positivePart(q: v128): v128 {
  return select(q, ZERO, f64x2.gt(q, ZERO));
}

/** Phase B for row j: limit = held / out where this step's outflow would exceed the water held, else 1. */
export function limitRow(h: usize, qxNew: usize, qyNew: usize, limit: usize, nx: i32, j: i32, scale: f64): void {
  const scaleV = f64x2.splat(scale);
  const row = j * nx;
  const frow = j * (nx + 1);
  for (let i = 0; i < nx; i += 2) {
    const out = f64x2.mul(
      f64x2.add(f64x2.add(f64x2.add(negativePart(load2(qxNew, frow + i)), positivePart(load2(qxNew, frow + i + 1))), negativePart(load2(qyNew, row + i))), positivePart(load2(qyNew, row + i + nx))),
      scaleV,
    );
    const held = load2(h, row + i);
    store2(limit, row + i, select(f64x2.div(held, out), ONE, f64x2.gt(out, held)), i + 1 < nx);
  }
}

/**
 * Phase C for row j: every face's flux scaled by its donor cell's limit (1 beyond the domain's
 * edge) and stored as the next step's q; h += Δt/Δx (Σ in − Σ out) + rain; maxima, arrival times
 * and squared speeds; rain and clipped volumes booked in rowMass; rowDry counts dry states.
 * No-data cells (bed at WALL) are left as they are. Returns the row's largest depth.
 */
export function depthRow(
  z: usize, h: usize, qx: usize, qy: usize, qxNew: usize, qyNew: usize, vxNew: usize, vyNew: usize, limit: usize, maxH: usize, maxSpeed2: usize, arrival: usize, rowMass: usize, rowDry: usize,
  nx: i32, ny: i32, j: i32, scale: f64, area: f64, rainDepth: f64, tNew: f64, arrivalDepth: f64, threshold: f64,
): f64 {
  const scaleV = f64x2.splat(scale);
  const rainV = f64x2.splat(rainDepth);
  const tNewV = f64x2.splat(tNew);
  const arrivalDepthV = f64x2.splat(arrivalDepth);
  const thresholdV = f64x2.splat(threshold);
  const lastColumn = f64x2.splat(<f64>(nx - 1));
  const width = f64x2.splat(<f64>nx);
  const row = j * nx;
  const frow = j * (nx + 1);
  const northEdge = j == 0;
  const southEdge = j == ny - 1;
  let column = f64x2(0, 1);
  let hmax = ZERO;
  let clipped = ZERO;
  // Lane counters and masks, reduced once after the loop: a land lane's mask is all ones (−1 as
  // an integer), so subtracting masks counts land cells; OR-ing the wet masks finds any wet cell.
  let landCount = i64x2.splat(0);
  let wetLanes = ZERO;
  for (let i = 0; i < nx; i += 2) {
    const c = row + i;
    const fw = frow + i;
    const whole = i + 1 < nx;
    const land = v128.and(f64x2.lt(load2(z, c), WALL), f64x2.lt(column, width));
    const own = load2(limit, c);
    const west = select(ONE, load2(limit, c - 1), f64x2.eq(column, ZERO));
    const east = select(ONE, load2(limit, c + 1), f64x2.eq(column, lastColumn));
    const north = northEdge ? ONE : load2(limit, c - nx);
    const south = southEdge ? ONE : load2(limit, c + nx);
    let qw = load2(qxNew, fw);
    const kw = select(west, own, f64x2.gt(qw, ZERO));
    qw = f64x2.mul(qw, kw);
    let qe = load2(qxNew, fw + 1);
    const ke = select(own, east, f64x2.gt(qe, ZERO));
    qe = f64x2.mul(qe, ke);
    let qn = load2(qyNew, c);
    const kn = select(north, own, f64x2.gt(qn, ZERO));
    qn = f64x2.mul(qn, kn);
    let qs = load2(qyNew, c + nx);
    const ks = select(own, south, f64x2.gt(qs, ZERO));
    qs = f64x2.mul(qs, ks);
    store2(qx, fw, qw, whole);
    store2(qy, c, qn, whole);
    if (southEdge) store2(qy, c + nx, qs, whole);

    const before = load2(h, c);
    let depth = f64x2.add(f64x2.add(before, f64x2.mul(f64x2.sub(f64x2.add(f64x2.sub(qw, qe), qn), qs), scaleV)), rainV);
    // Rounding only: the limiter keeps outflow within what the cell holds.
    const negative = v128.and(f64x2.lt(depth, ZERO), land);
    clipped = f64x2.sub(clipped, select(depth, ZERO, negative));
    depth = select(ZERO, depth, negative);
    store2(h, c, select(depth, before, land), whole);
    const landDepth = select(depth, ZERO, land);
    wetLanes = v128.or(wetLanes, f64x2.gt(landDepth, ZERO));
    landCount = i64x2.sub(landCount, land);
    hmax = f64x2.max(hmax, landDepth);
    const deepest = load2(maxH, c);
    store2(maxH, c, select(depth, deepest, v128.and(f64x2.gt(depth, deepest), land)), whole);
    const arrived = load2(arrival, c);
    store2(arrival, c, select(tNewV, arrived, v128.and(v128.and(f64x2.ge(depth, arrivalDepthV), f64x2.lt(arrived, ZERO)), land)), whole);
    // Squared speed from the mean of the face velocities, limited as their fluxes were; the square root is taken once, at the end.
    const sx = f64x2.add(f64x2.mul(load2single(vxNew, fw), kw), f64x2.mul(load2single(vxNew, fw + 1), ke));
    const sy = f64x2.add(f64x2.mul(load2single(vyNew, c), kn), f64x2.mul(load2single(vyNew, c + nx), ks));
    const speed2 = f64x2.mul(f64x2.add(f64x2.mul(sx, sx), f64x2.mul(sy, sy)), f64x2.splat(0.25));
    const fastest = load2(maxSpeed2, c);
    store2(maxSpeed2, c, select(speed2, fastest, v128.and(v128.and(f64x2.gt(depth, thresholdV), f64x2.gt(speed2, fastest)), land)), whole);
    column = f64x2.add(column, TWO);
  }
  // The east edge face belongs to the row's last cell.
  const last = row + nx - 1;
  if (load<f64>(at(z, last)) < 1e30) {
    const qe = load<f64>(at(qxNew, frow + nx));
    store<f64>(at(qx, frow + nx), qe > 0 ? qe * load<f64>(at(limit, last)) : qe);
  }
  const mass = at(rowMass, j * MASS_FIELDS);
  store<f64>(mass + (<usize>MASS_RAIN << 3), load<f64>(mass + (<usize>MASS_RAIN << 3)) + <f64>(i64x2.extract_lane(landCount, 0) + i64x2.extract_lane(landCount, 1)) * rainDepth * area);
  store<f64>(mass + (<usize>MASS_CLIPPED << 3), load<f64>(mass + (<usize>MASS_CLIPPED << 3)) + (f64x2.extract_lane(clipped, 0) + f64x2.extract_lane(clipped, 1)) * area);
  const dry = load<f64>(at(rowDry, j));
  store<f64>(at(rowDry, j), v128.any_true(wetLanes) ? 0 : min(dry + 1, 2));
  return max(f64x2.extract_lane(hmax, 0), f64x2.extract_lane(hmax, 1));
}
