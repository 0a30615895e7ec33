// A timeline record arranged as lanes of spans: the event loop, plain callbacks, then one lane
// per task in creation order. The HTML page and the Chrome trace both draw these spans.

import type { BlockingRecord, TimelineRecord } from "./recorder.js";

/** What a span shows. */
export type SpanKind = "iteration" | "stall" | "callback" | "timer" | "step" | "await" | "blocking";

export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
  /** The short text drawn on it (when it fits) and the trace event's name. */
  label: string;
  /** Lines for the hover box: where in the source, what it waited on. */
  detail: string[];
  /** Facts for tools (the trace event's args): source lines, what was awaited. */
  data?: Record<string, string | number | null>;
}

export interface Mark {
  at: number;
  kind: "created" | "done" | "cancelled" | "exception" | "cancel-requested";
  detail: string;
}

export interface Lane {
  id: string;
  title: string;
  subtitle: string;
  spans: Span[];
  marks: Mark[];
  /** From creation to completion (tasks), for the lane's thin "alive" line. */
  alive: [number, number] | null;
}

/** CPython's `slow_callback_duration`, in milliseconds. */
const SLOW_STEP_MS = 100;

function ms(t: number): string {
  return t >= 1000 ? `${(t / 1000).toFixed(3)} s` : `${t.toFixed(2)} ms`;
}

export function timeRange(start: number, end: number): string {
  return `${ms(start)} – ${ms(end)} (${ms(end - start)})`;
}

/** Arranges the record as lanes. */
export function lanesOf(record: TimelineRecord): Lane[] {
  return [...eachLane(record)];
}

/**
 * The lanes one at a time (the loop's, the callbacks', then each task's in creation order): a
 * writer can write each and let it go, so a run of millions of steps never holds all spans.
 */
export function* eachLane(record: TimelineRecord): Generator<Lane, void, undefined> {
  const where = (line: number): string => (line > 0 ? `line ${line}: ${record.lines[line] ?? ""}` : "");
  const fileLine = (line: number): string => (line > 0 ? `${record.file}:${line}` : record.file);

  const loop: Lane = { id: "loop", title: "event loop", subtitle: "busy / stalled", spans: [], marks: [], alive: null };
  for (const it of record.iterations) {
    loop.spans.push({ kind: "iteration", start: it.start, end: it.end, label: "run_once", detail: ["one loop iteration", timeRange(it.start, it.end)] });
  }
  const names = new Map(record.tasks.map((t) => [t.id, t.name]));
  for (const b of record.blocking) {
    const who = b.task === 0 ? "outside any task" : `in ${names.get(b.task) ?? "a task"}`;
    loop.spans.push({ kind: "stall", start: b.start, end: b.end, label: `stalled: ${b.what}`, detail: [`the loop stalled: ${b.what} blocked the thread ${who}`, timeRange(b.start, b.end), where(b.line)], data: { call: b.what, line: b.line, task: names.get(b.task) ?? null } });
  }

  // A step that runs long without a blocking call (a long computation) stalls the loop too:
  // as long as CPython's debug mode would report it (slow_callback_duration, 0.1 s).
  for (const step of record.steps) {
    if (step.end - step.start < SLOW_STEP_MS) continue;
    const blocked = record.blocking.filter((b) => b.task === step.task && b.start >= step.start && b.end <= step.end).reduce((sum, b) => sum + b.end - b.start, 0);
    if (step.end - step.start - blocked < SLOW_STEP_MS) continue;
    const name = names.get(step.task) ?? "a task";
    loop.spans.push({ kind: "stall", start: step.start, end: step.end, label: `stalled: ${name} computing`, detail: [`the loop stalled: a step of ${name} ran for ${timeRange(step.start, step.end)}`, `resumed at ${fileLine(step.resumedAt)}`, where(step.resumedAt)], data: { call: null, line: step.resumedAt, task: name } });
  }
  loop.spans.sort((a, b) => a.start - b.start);
  yield loop;

  const callbacks: Lane = { id: "callbacks", title: "callbacks", subtitle: "handles, timers", spans: [], marks: [], alive: null };
  for (const c of record.callbacks) {
    callbacks.spans.push({ kind: c.timer ? "timer" : "callback", start: c.start, end: c.end, label: c.what, detail: [`${c.timer ? "timer" : "callback"}: ${c.what}`, timeRange(c.start, c.end)] });
  }
  callbacks.spans.sort((a, b) => a.start - b.start);
  yield callbacks;

  // Each task's steps by index, grouped (a counting sort: task ids are 1..tasks.length).
  const count = record.tasks.length;
  const offsets = new Int32Array(count + 2);
  for (const step of record.steps) if (step.task >= 1 && step.task <= count) offsets[step.task + 1]!++;
  for (let t = 1; t <= count + 1; t++) offsets[t]! += offsets[t - 1]!;
  const order = new Int32Array(offsets[count + 1]!);
  const fill = offsets.slice();
  record.steps.forEach((step, i) => {
    if (step.task >= 1 && step.task <= count) order[fill[step.task]!++] = i;
  });
  const blockingByTask = new Map<number, BlockingRecord[]>();
  for (const b of record.blocking) {
    const list = blockingByTask.get(b.task);
    if (list === undefined) blockingByTask.set(b.task, [b]);
    else list.push(b);
  }

  for (const task of record.tasks) {
    const lane: Lane = {
      id: `task-${task.id}`,
      title: task.name,
      subtitle: `${task.coro}()`,
      spans: [],
      marks: [{ at: task.created, kind: "created", detail: `${task.name} created${task.createdAt > 0 ? ` at ${fileLine(task.createdAt)}` : ""}` }],
      alive: [task.created, task.done ?? record.end],
    };
    if (task.cancelRequested !== null) lane.marks.push({ at: task.cancelRequested, kind: "cancel-requested", detail: `${task.name}.cancel() called` });
    if (task.done !== null) {
      const kind = task.outcome === "cancelled" ? "cancelled" : task.outcome === "exception" ? "exception" : "done";
      const what = kind === "cancelled" ? "cancelled" : kind === "exception" ? `raised ${task.detail}` : `returned ${task.detail}`;
      lane.marks.push({ at: task.done, kind, detail: `${task.name} ${what}` });
    }
    const name = lane.title;
    let before: { end: number; waitFor: string | null; line: number } | null = null;
    for (let k = offsets[task.id]!; k < offsets[task.id + 1]!; k++) {
      const step = record.steps[order[k]!]!;
      if (before !== null && before.waitFor !== null) {
        lane.spans.push({ kind: "await", start: before.end, end: step.start, label: before.waitFor, detail: [`${name} awaited ${before.waitFor}`, timeRange(before.end, step.start), where(before.line)], data: { wait_for: before.waitFor, line: before.line } });
      }
      const detail = [`${name} step (${lane.subtitle})`, timeRange(step.start, step.end), `resumed at ${fileLine(step.resumedAt)}`, where(step.resumedAt)];
      if (step.thrown !== null) detail.push(`thrown in: ${step.thrown}`);
      detail.push(step.waitFor === null ? "finished" : `suspended at ${fileLine(step.suspendedAt)}, waiting on ${step.waitFor}`);
      if (step.waitFor !== null) detail.push(where(step.suspendedAt));
      lane.spans.push({ kind: "step", start: step.start, end: step.end, label: "step", detail, data: { resumed_line: step.resumedAt, suspended_line: step.suspendedAt, wait_for: step.waitFor, thrown: step.thrown } });
      before = { end: step.end, waitFor: step.waitFor, line: step.suspendedAt };
    }
    for (const b of blockingByTask.get(task.id) ?? []) {
      lane.spans.push({ kind: "blocking", start: b.start, end: b.end, label: b.what, detail: [`blocking call: ${b.what} (the whole loop waited)`, timeRange(b.start, b.end), where(b.line)], data: { call: b.what, line: b.line } });
    }
    // A task still waiting when the recording ended.
    if (before !== null && before.waitFor !== null && task.done === null) {
      lane.spans.push({ kind: "await", start: before.end, end: record.end, label: before.waitFor, detail: [`${lane.title} awaited ${before.waitFor} (still waiting at the end)`, timeRange(before.end, record.end), where(before.line)], data: { wait_for: before.waitFor, line: before.line } });
    }
    lane.spans.sort((a, b) => a.start - b.start);
    yield lane;
  }
}
