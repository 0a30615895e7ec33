// The timeline in Chrome's trace-event format (the JSON object form), which Perfetto and
// chrome://tracing open: one thread per lane, complete events ("X") for spans, instant
// events ("i") for a task's creation, cancellation and end. Times are microseconds.

import { lanesOf } from "./lanes.js";
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

export function chromeTrace(record: TimelineRecord): ChromeTrace {
  const events: TraceEvent[] = [{ name: "process_name", ph: "M", pid: PID, tid: 0, args: { name: `pyts run ${record.file}` } }];
  lanesOf(record).forEach((lane, index) => {
    const tid = index + 1;
    const title = lane.id.startsWith("task-") ? `${lane.title} ${lane.subtitle}` : lane.title;
    events.push({ name: "thread_name", ph: "M", pid: PID, tid, args: { name: title } });
    events.push({ name: "thread_sort_index", ph: "M", pid: PID, tid, args: { sort_index: index } });
    for (const span of lane.spans) {
      events.push({
        name: span.kind === "await" ? `await ${span.label}` : span.label,
        cat: span.kind,
        ph: "X",
        pid: PID,
        tid,
        ts: us(span.start),
        dur: Math.max(0, us(span.end) - us(span.start)),
        args: { ...span.data, detail: span.detail.filter((line) => line !== "").join("\n") },
      });
    }
    for (const mark of lane.marks) {
      events.push({ name: mark.kind, cat: "task", ph: "i", s: "t", pid: PID, tid, ts: us(mark.at), args: { detail: mark.detail } });
    }
  });
  return { traceEvents: events, displayTimeUnit: "ms", otherData: { file: record.file, recorder: "pyts" } };
}
