/** The solver's arrays, in the order they are laid out in its WebAssembly memory. */
export const ARRAY_NAMES = ['z', 'n2', 'h', 'qx', 'qy', 'qxNew', 'qyNew', 'vxNew', 'vyNew', 'limit', 'maxH', 'maxSpeed2', 'arrival', 'rowMass', 'rowDry', 'rowQuiet', 'rowBusy'] as const;
export type ArrayName = (typeof ARRAY_NAMES)[number];
