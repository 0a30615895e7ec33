// The signal that abandons a helper's run under a replay frame (replay.ts), in a file of its
// own so helpers that write before they return (list.sort) can undo their writes on it.

/** Thrown through a helper to abandon its run once a call it made waits. */
export const ABANDON = Object.freeze({ replay: "abandoned" });

/** Is `error` the replay's abandon signal (not a Python exception)? */
export function isReplayAbandon(error: unknown): boolean {
  return error === ABANDON;
}
