// The signal that abandons a helper's run under a replay frame (replay.ts), and whether a run
// is under way, in a file of their own so helpers that write before they return (list.sort)
// can undo their writes on it without importing the replay machinery.

/** Thrown through a helper to abandon its run once a call it made waits. */
export const ABANDON = Object.freeze({ replay: "abandoned" });

/** Is `error` the replay's abandon signal (not a Python exception)? */
export function isReplayAbandon(error: unknown): boolean {
  return error === ABANDON;
}

/** How many helper runs under replay frames are under way (replay.ts's runIn counts them). */
export const replayRuns = { depth: 0 };
