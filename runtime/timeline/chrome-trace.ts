// The timeline in Chrome's trace-event format (the JSON object form), which Perfetto and
// chrome://tracing open: one thread per lane, complete events ("X") for spans, instant
// events ("i") for a task's creation, cancellation and end. Times are microseconds.

import { eachLane } from "./lanes.js";
import type { TimelineRecord } from "./recorder.js";

export interface TraceEvent {
  name: string;
  ph: "X" | "i" | "M";
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  s?: "t";
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: "ms";
  otherData: Record<string, string>;
}

const PID = 1;

function us(ms: number): number {
  return Math.round(ms * 1000);
}

/** The trace's events lane by lane, made as they are written (a long run's are too many to hold). */
export function* traceEvents(record: TimelineRecord): Generator<TraceEvent, void, undefined> {
  yield { name: "process_name", ph: "M", pid: PID, tid: 0, args: { name: `pyts run ${record.file}` } };
  let index = 0;
  for (const lane of eachLane(record)) {
    const tid = index + 1;
    const title = lane.id.startsWith("task-") ? `${lane.title} ${lane.subtitle}` : lane.title;
    yield { name: "thread_name", ph: "M", pid: PID, tid, args: { name: title } };
    yield { name: "thread_sort_index", ph: "M", pid: PID, tid, args: { sort_index: index } };
    for (const span of lane.spans) {
      yield {
        name: span.kind === "await" ? `await ${span.label}` : span.label,
        cat: span.kind,
        ph: "X",
        pid: PID,
        tid,
        ts: us(span.start),
        dur: Math.max(0, us(span.end) - us(span.start)),
        args: { ...span.data, detail: span.detail.filter((line) => line !== "").join("\n") },
      };
    }
    for (const mark of lane.marks) {
      yield { name: mark.kind, cat: "task", ph: "i", s: "t", pid: PID, tid, ts: us(mark.at), args: { detail: mark.detail } };
    }
    index++;
  }
}

/** The trace's other members. */
export function traceInfo(record: TimelineRecord): Omit<ChromeTrace, "traceEvents"> {
  return { displayTimeUnit: "ms", otherData: { file: record.file, recorder: "pyts" } };
}

export function chromeTrace(record: TimelineRecord): ChromeTrace {
  return { traceEvents: [...traceEvents(record)], ...traceInfo(record) };
}
