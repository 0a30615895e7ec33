// `pyts run --timeline FILE` hands FILE to the program in PYTS_TIMELINE: recording starts as
// the runtime loads and the record is written when the process exits (normally, by
// sys.exit or by an uncaught exception), as HTML or, for a `.json` name, a Chrome trace.

import { programFile } from "../core/code-location.js";
import { environment, nodeModule, onProcessExit } from "../core/host.js";
import { traceEvents, traceInfo } from "./chrome-trace.js";
import { timelineHtml } from "./html.js";
import { startRecording, stopRecording, type TimelineRecord } from "./recorder.js";

export { chromeTrace } from "./chrome-trace.js";
export { timelineHtml } from "./html.js";
export { startRecording, stopRecording, recording, type TimelineRecord } from "./recorder.js";

/** Writes the page, or for a `.json` target the trace, event by event (a long run's trace is too big for one string). */
export function writeTimeline(record: TimelineRecord, target: string): void {
  const fs = nodeModule("node:fs");
  if (!target.toLowerCase().endsWith(".json")) {
    fs.writeFileSync(target, timelineHtml(record));
    return;
  }
  const fd = fs.openSync(target, "w");
  try {
    fs.writeSync(fd, '{"traceEvents":[\n');
    // Written in chunks of about a megabyte as the events are made.
    let chunk: string[] = [];
    let size = 0;
    let first = true;
    for (const event of traceEvents(record)) {
      const text = JSON.stringify(event);
      chunk.push(text);
      size += text.length;
      if (size > 1 << 20) {
        fs.writeSync(fd, (first ? "" : ",\n") + chunk.join(",\n"));
        first = false;
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, (first ? "" : ",\n") + chunk.join(",\n"));
    fs.writeSync(fd, `\n],${JSON.stringify(traceInfo(record)).slice(1)}\n`);
  } finally {
    fs.closeSync(fd);
  }
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
    writeTimeline(rec.finish(environment("PYTS_ARGV0") ?? programFile(), source), target);
  });
}
