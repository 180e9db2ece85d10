/**
 * Pearson type III frequency analysis, as China's design-flood code (SL 44-2006) uses it for storm
 * depths: x_p = x̄ (1 + Cv K_p), with K_p the frequency factor of skew Cs (the code's storm atlases
 * give x̄, Cv and Cs/Cv, usually 3.5). For Cs > 0 the standardised P-III variable is
 * (G − α)/√α with G ~ Gamma(α = 4/Cs²), so K_p = (G_{1−p} − α)/√α; Cs → 0 is the normal limit.
 * Checked against the frequency factors of Chow, Maidment & Mays (1988), Table 12.3.1.
 */

/** ln Γ(x) for x > 0, Lanczos (g = 7, 9 terms), accurate to ~1e-15 relative. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x): series below a + 1, continued fraction above (Press et al., Numerical Recipes §6.2). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > 1e-16 * Math.abs(sum); n++) {
      term *= x / (a + n);
      sum += term;
    }
    return sum * front;
  }
  // Lentz's method for the continued fraction of Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - front * h;
}

/** Standard normal quantile by bisection on the error-function CDF (the normal limit Cs → 0). */
function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (0.5 * (1 + erf(mid / Math.SQRT2)) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** erf from the regularised incomplete gamma: erf(x) = sign(x) P(½, x²). */
const erf = (x: number): number => Math.sign(x) * gammaP(0.5, x * x);

/**
 * Frequency factor K_p of a P-III variable with skew `cs` (≥ 0) for exceedance probability `p`
 * (1/return period): the quantile of the standardised variable at 1 − p.
 */
export function pearsonIIIFactor(cs: number, p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`exceedance probability must be in (0, 1), got ${p}`);
  if (cs < 1e-6) return normalQuantile(1 - p);
  const alpha = 4 / (cs * cs);
  // Bisection on P(α, g) = 1 − p over g ≥ 0; the quantile lies within α ± 40√α + 40 for any p used in practice.
  let lo = 0;
  let hi = alpha + 40 * Math.sqrt(alpha) + 40;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (gammaP(alpha, mid) < 1 - p) lo = mid;
    else hi = mid;
  }
  return ((lo + hi) / 2 - alpha) / Math.sqrt(alpha);
}

/** Design depth x̄ (1 + Cv K_p) for return period `years` (exceedance probability 1/years). */
export const designDepth = (mean: number, cv: number, csOverCv: number, years: number): number => mean * (1 + cv * pearsonIIIFactor(cv * csOverCv, 1 / years));
