/**
 * 尹之潜's death-rate model of Chinese loss estimation: the share of an area's people killed
 * rises with the share of its buildings severely damaged or destroyed (严重破坏 + 毁坏, Hazus
 * extensive + complete), A:
 *
 *   death rate = 10^(12.479 · A^0.1 − 13.3).
 *
 * Coefficients as coded in semicloud/cas (`CASUALTY_YINZHIQIAN.java`, "人口死亡模型 尹之潜模型",
 * commit 1591b8f2), which writes the power with a natural exponential; we use base 10, the form
 * that fits Tangshan (A = 0.93 gives 12.3 %, against about 13 % observed in the city; the natural
 * form gives 40 %), as research/consequences.md §5.1 works out — the paper itself was not read.
 * It is a check beside the Hazus casualties, not an input to other stages.
 */
export const YIN_ZHIQIAN = { a: 12.479, power: 0.1, b: 13.3 } as const;

/** Deaths per person of an area where a share `collapse` of the buildings is severely damaged or destroyed. */
export function yinZhiqianDeathRate(collapse: number): number {
  if (!(collapse > 0)) return 0;
  return 10 ** (YIN_ZHIQIAN.a * Math.min(collapse, 1) ** YIN_ZHIQIAN.power - YIN_ZHIQIAN.b);
}
