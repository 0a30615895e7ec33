// The marks that make the built-in types' own methods read as CPython's descriptors
// (`<method 'upper' of 'str' objects>`, `str.upper.__objclass__`): ~600 methods, marked on
// the first read that can see a mark (a function's repr, getattr or dir of a function) rather
// than at every start. type-dunders.ts hands over the marking; this file has no imports, so
// repr.ts and attributes.ts reach it without an import cycle.

let pending: (() => void) | null = null;

/** Keeps `mark` (it marks every built-in type's methods defined by then) for the first need. */
export function deferDescriptorMarks(mark: () => void): void {
  pending = mark;
}

/** Makes the deferred marks now, if any are waiting. */
export function markPendingDescriptors(): void {
  if (pending === null) return;
  const mark = pending;
  pending = null;
  mark();
}
