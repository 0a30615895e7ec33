// The timeline recording in progress (timeline/recorder.ts's Recorder), or null: the one
// check of the hooks in time.sleep, urlopen, aiohttp and asyncio. A file of the runtime's
// core apart from the recorder, so that a module that only reads it (time, urllib) does not
// load asyncio's script, where `pyts run` keeps the recorder (runtime/scripts/bundle.mjs).
// A field of a constant object, not an exported `let`: the other scripts read a core file's
// constants once, but an exported variable through getters at every read (bundle.mjs), and
// the hooks are read per task step.
import type { Recorder } from "../timeline/recorder.js";

export const recording: { recorder: Recorder | null } = { recorder: null };

export function setRecorder(next: Recorder | null): void {
  recording.recorder = next;
}
