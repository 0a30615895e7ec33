// The small ints as bigints, made once: V8 allocates every bigint, so an int that leaves a
// number form (a proven-int local, a range counted with numbers) comes from here when small,
// as CPython's small ints do.

export const SMALL_COUNT = 1024;
export const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: SMALL_COUNT }, (_, i) => BigInt(i));

/** The small negative ints, -1 to -(SMALL_COUNT - 1), at their magnitude (`vec[i] - i` leaves such ones often). */
export const NEGATIVE_BIGINTS: readonly bigint[] = Array.from({ length: SMALL_COUNT }, (_, i) => BigInt(-i));
