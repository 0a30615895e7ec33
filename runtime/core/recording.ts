// The timeline recording in progress (timeline/recorder.ts's Recorder), or null: the one
// check of the hooks in time.sleep, urlopen, aiohttp and asyncio. A file of the runtime's
// core apart from the recorder, so that a module that only reads it (time, urllib) does not
// load asyncio's script, where `pyts run` keeps the recorder (runtime/scripts/bundle.mjs).
import type { Recorder } from "../timeline/recorder.js";

export let recorder: Recorder | null = null;

export function setRecorder(next: Recorder | null): void {
  recorder = next;
}
