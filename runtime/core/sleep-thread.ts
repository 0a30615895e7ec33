// A plain thread sleep: Atomics.wait on a cell nobody notifies (time.sleep, and an event loop
// driven without Node's loop while it waits for its next timer).

// Made on first use: a browser page that is not cross-origin isolated has no SharedArrayBuffer.
let sleepCell: Int32Array | null = null;

/** Blocks the calling thread for `ms` milliseconds (nothing else in this thread runs meanwhile). */
export function sleepThread(ms: number): void {
  const end = performance.now() + ms;
  // Atomics.wait may wake a little early; keep waiting until the full time has passed.
  for (let left = ms; left > 0; left = end - performance.now()) {
    if (sleepCell === null && typeof SharedArrayBuffer === "function") sleepCell = new Int32Array(new SharedArrayBuffer(4));
    try {
      if (sleepCell !== null) {
        Atomics.wait(sleepCell, 0, 0, left);
        continue;
      }
    } catch {
      // a browser's main thread may not wait: spin instead
    }
    while (performance.now() < end);
  }
}
