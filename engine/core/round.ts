/** Four significant figures: what a summary reports of a modelled quantity. */
export const round4 = (x: number): number => Number(x.toPrecision(4));
