// `pyts run --timeline FILE` hands FILE to the program in PYTS_TIMELINE: recording starts as
// the runtime loads and the record is written when the process exits (normally, by
// sys.exit or by an uncaught exception), as HTML or, for a `.json` name, a Chrome trace.

import { programFile } from "../core/code-location.js";
import { environment, nodeModule, onProcessExit } from "../core/host.js";
import { chromeTrace } from "./chrome-trace.js";
import { timelineHtml } from "./html.js";
import { startRecording, stopRecording, type TimelineRecord } from "./recorder.js";

export { chromeTrace } from "./chrome-trace.js";
export { timelineHtml } from "./html.js";
export { startRecording, stopRecording, recorder, type TimelineRecord } from "./recorder.js";

/** The page or trace for a record, by the target's extension. */
export function renderTimeline(record: TimelineRecord, target: string): string {
  return target.toLowerCase().endsWith(".json") ? JSON.stringify(chromeTrace(record)) : timelineHtml(record);
}

/** Starts recording when PYTS_TIMELINE names a file to write at exit. */
export function startTimelineFromEnvironment(): void {
  const target = environment("PYTS_TIMELINE");
  if (!target) return;
  startRecording();
  onProcessExit(() => {
    const rec = stopRecording();
    if (rec === null) return;
    const fs = nodeModule("node:fs");
    let source: string[] = [];
    try {
      source = fs.readFileSync(programFile(), "utf8").split(/\r?\n/);
    } catch {
      // no source text: the record still has line numbers
    }
    const record = rec.finish(environment("PYTS_ARGV0") ?? programFile(), source);
    fs.writeFileSync(target, renderTimeline(record, target));
  });
}
