// Timers that CPython would find due in one iteration run in one iteration in pyts too, even
// when pyts (first runs of code, a loaded machine) takes milliseconds between scheduling them;
// a callback that blocks or computes for longer separates its timers, as it does in CPython.
// (The loop's clock is moved by hand, so the machine's load cannot change the outcome.)

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asyncio, _reset_event_loop_policy, forgetUnretrieved } from "../../../runtime/asyncio/index.js";
import { blockFor } from "../../../runtime/modules/time.js";

beforeEach(() => _reset_event_loop_policy());
afterEach(() => forgetUnretrieved());

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** What passes between two timers: nothing but the clock (the process was descheduled), a blocking call, or computing. */
type Gap = "descheduled" | "blocking" | "computing";

/**
 * Schedules three 500 ms timers in one callback with the loop's clock moved on by `gapMs`
 * between them; the loop iteration each timer ran in. The clock moves only by hand and by the
 * loop's own timed waits; a blocking or computing gap also really takes that long.
 */
async function iterationsOfTimers(gapMs: number, gap: Gap = "descheduled"): Promise<number[]> {
  const loop = asyncio.new_event_loop();
  let now = 1000;
  loop.time = () => now;
  const iterationOf = (): number => (loop as unknown as { _iteration: number })._iteration;
  const ran: number[] = [];
  loop.call_soon(() => {
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        now += gapMs / 1000;
        if (gap === "blocking") blockFor(gapMs);
        // work, not wall time: on a loaded machine 80 ms of work takes longer than 80 ms
        if (gap === "computing") for (const start = cpuMs(); cpuMs() - start < gapMs; );
      }
      loop.call_later(0.5, () => ran.push(iterationOf()));
    }
  });
  await loop.run_until_complete(asyncio.sleep(1));
  loop.close();
  return ran;
}

describe("timers due together", () => {
  it("timers scheduled in one iteration with one delay run in one iteration despite a 20 ms gap", async () => {
    const ran = await iterationsOfTimers(20);
    expect(new Set(ran).size).toBe(1);
  });

  it("a 300 ms gap in which the process did nothing (descheduled) keeps them together", async () => {
    const ran = await iterationsOfTimers(300);
    expect(new Set(ran).size).toBe(1);
  });

  it("80 ms between them in a blocking call leaves them in separate iterations, as in CPython", async () => {
    const ran = await iterationsOfTimers(80, "blocking");
    expect(new Set(ran).size).toBe(3);
  });

  it("80 ms of computing between them leaves them in separate iterations, as in CPython", async () => {
    const ran = await iterationsOfTimers(80, "computing");
    expect(new Set(ran).size).toBe(3);
  });
});
