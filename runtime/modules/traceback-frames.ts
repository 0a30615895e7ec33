// The traceback module's frame records: FrameSummary (one frame: file, line, name, source
// line), the summaries read from mapped JS stack frames, and StackSummary (a list of them,
// formatted with CPython's layout and its collapsing of repeated lines).

import { IndexError, PyTypeError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { toBigInt } from "../values/numeric.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { currentFrame as callerFrame, FrameObject } from "./traceback-objects.js";
import { declareBaseMethods, declareDataAttributes } from "../values/declared-attributes.js";
import { list } from "../values/builtin-types.js";

export const isNone = (x: unknown): boolean => x === null || x === undefined;


export class FrameSummary {
  static readonly __module__ = "traceback";
  filename: string;
  lineno: unknown;
  name: string;
  locals: unknown = null;
  /** Where the frame's expression ends and its columns (keywords only; None when not known). */
  end_lineno: unknown = null;
  colno: unknown = null;
  end_colno: unknown = null;
  #line: unknown;
  /** The caret line under the source (from a real frame), without its newline. */
  carets: string | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const get = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    this.filename = get(0, "filename", undefined) as string;
    this.lineno = get(1, "lineno", undefined);
    this.name = get(2, "name", undefined) as string;
    if (this.filename === undefined || this.lineno === undefined || this.name === undefined) {
      throw new PyTypeError("FrameSummary.__init__() missing required positional arguments");
    }
    const locals = kw["locals"];
    this.locals = isNone(locals) ? null : locals;
    this.#line = "line" in kw ? kw["line"] : null;
    this.end_lineno = kw["end_lineno"] ?? null;
    this.colno = kw["colno"] ?? null;
    this.end_colno = kw["end_colno"] ?? null;
  }

  get line(): unknown {
    return this.#line;
  }

  set line(value: unknown) {
    this.#line = value;
  }

  __repr__(): string {
    return `<FrameSummary file ${toStr(this.filename)}, line ${toStr(this.lineno)} in ${toStr(this.name)}>`;
  }

  __eq__(other: unknown): unknown {
    if (other instanceof FrameSummary) {
      return this.filename === other.filename && toStr(this.lineno) === toStr(other.lineno) && this.name === other.name && this.line === other.line && this.locals === other.locals;
    }
    if (other instanceof Tuple) {
      const items = other.items;
      return items.length === 4 && items[0] === this.filename && toStr(items[1]) === toStr(this.lineno) && items[2] === this.name && items[3] === this.line;
    }
    return false;
  }

  __len__(): bigint {
    return 4n;
  }

  __getitem__(index: unknown): unknown {
    const items = [this.filename, this.lineno, this.name, this.line];
    let i = Number(toBigInt(index as bigint));
    if (i < 0) i += 4;
    if (i < 0 || i >= 4) throw new IndexError("tuple index out of range");
    return items[i];
  }

  [Symbol.iterator](): Iterator<unknown> {
    return [this.filename, this.lineno, this.name, this.line][Symbol.iterator]();
  }

  __iter__(): Iterator<unknown> {
    return this[Symbol.iterator]();
  }
}

const FRAME_HEAD = /^ {2}File "(.*)", line (\d+), in (.*)$/;
const REPEATED = /^ {2}\[Previous line repeated (\d+) more times?\]$/;

/** Frame summaries from the mapped frame texts (collapsed repeats expanded again). */
export function summaries(texts: string[]): FrameSummary[] {
  const out: FrameSummary[] = [];
  for (const text of texts) {
    const repeated = REPEATED.exec(text);
    if (repeated) {
      const last = out[out.length - 1];
      if (last) for (let i = 0; i < Number(repeated[1]); i++) out.push(last);
      continue;
    }
    const [head, source, carets] = text.split("\n");
    const m = FRAME_HEAD.exec(head ?? "");
    if (!m) continue;
    const frame = new FrameSummary(m[1]!, BigInt(m[2]!), m[3]!, new Kwargs({ line: (source ?? "").trim() }));
    frame.carets = carets ?? null;
    out.push(frame);
  }
  return out;
}

export const head = (frame: string | undefined): string | undefined => frame?.split("\n", 1)[0];

/** The frames of `frames` past those it shares with `outer` (the reader's stack): at least one. */
export function ownFrames(frames: string[], outer: string[]): string[] {
  let shared = 0;
  while (shared < frames.length - 1 && shared < outer.length && head(frames[shared]) === head(outer[shared])) shared++;
  return frames.slice(shared);
}

/**
 * An exception made where the reader's stack still is (`format_exception(ValueError())`)
 * was never raised: it has no traceback.
 */
export function neverRaised(frames: string[], outer: string[]): boolean {
  return frames.length <= outer.length && frames.every((frame, i) => head(frame) === head(outer[i]));
}


export function limited<T>(items: T[], limit: unknown, fromEnd: boolean): T[] {
  if (isNone(limit)) return items;
  const n = Number(toBigInt(limit as bigint));
  if (n >= 0) return fromEnd ? items.slice(Math.max(0, items.length - n)) : items.slice(0, n);
  return fromEnd ? items.slice(0, -n) : items.slice(Math.max(0, items.length + n));
}

/**
 * On the iterator of `walk_stack(None)`: the frame that called walk_stack. CPython's generator
 * starts four frames back from its own when first advanced; advanced by StackSummary.extract
 * (three frames of traceback.py) that is the frame that called extract.
 */
export const walkOrigin: unique symbol = Symbol("walkOrigin");

export class StackSummary extends Array<unknown> {
  static readonly __module__ = "traceback";

  static from_list(list: unknown): StackSummary {
    const out = new StackSummary();
    for (const item of iterable(list)) {
      if (item instanceof FrameSummary) out.push(item);
      else {
        const [filename, lineno, name, line] = Array.from(iterable(item));
        out.push(new FrameSummary(filename, lineno, name, new Kwargs({ line })));
      }
    }
    return out;
  }

  static extract(frames: unknown, ...args: unknown[]): StackSummary {
    const [pos, kw] = splitKw(args);
    const limit = pos[0] ?? kw["limit"];
    const out = new StackSummary();
    const origin = typeof frames === "object" && frames !== null ? (frames as { [walkOrigin]?: FrameObject })[walkOrigin] : undefined;
    // (walk_stack(None) not yet advanced: from the frame calling extract, at its current line)
    const items = origin !== undefined && frames !== null ? walkFrom(callerFrame()) : Array.from(iterable(frames));
    for (const item of limited(items, limit, false)) {
      const [f, lineno] = item instanceof Tuple ? item.items : [item, undefined];
      if (!(f instanceof FrameObject)) continue;
      // (CPython's extract records the line only: no columns, so no caret lines)
      const s = f.summary;
      out.push(new FrameSummary(s.filename, lineno ?? s.lineno, s.name, new Kwargs({ line: s.line })));
    }
    return out;
  }

  format(): string[] {
    const out: string[] = [];
    let last: FrameSummary | null = null;
    let count = 0;
    const flush = (): void => {
      if (count > 3) out.push(`  [Previous line repeated ${count - 3} more time${count - 3 > 1 ? "s" : ""}]\n`);
    };
    for (const frame of this as unknown as FrameSummary[]) {
      if (last !== null && last.filename === frame.filename && toStr(last.lineno) === toStr(frame.lineno) && last.name === frame.name) {
        count++;
        if (count > 3) continue;
      } else {
        flush();
        last = frame;
        count = 1;
      }
      out.push(formatFrame(frame));
    }
    flush();
    return out;
  }

  format_frame_summary(frame: FrameSummary): string {
    return formatFrame(frame);
  }

  __repr__(): string {
    return "[" + Array.from(this, (x) => repr(x)).join(", ") + "]";
  }
}

export function formatFrame(frame: FrameSummary): string {
  let row = `  File "${toStr(frame.filename)}", line ${toStr(frame.lineno)}, in ${toStr(frame.name)}\n`;
  const line = frame.line;
  if (typeof line === "string" && line.trim() !== "") {
    row += `    ${line.trim()}\n`;
    if (frame.carets !== null) row += frame.carets + "\n";
  }
  return row;
}

export function stackOf(frames: FrameSummary[]): StackSummary {
  const out = new StackSummary();
  out.push(...frames);
  return out;
}

// (`traceback.FrameSummary.lineno`: FrameSummary's `__slots__`; StackSummary's list methods)
declareDataAttributes(FrameSummary, "member", "filename lineno end_lineno colno end_colno name locals", true);
declareBaseMethods(StackSummary, list, "append clear copy count extend index insert remove");

/** (frame, lineno) pairs from `frame` outwards, as walk_stack gives them. */
export function walkFrom(frame: unknown): Tuple[] {
  const items: Tuple[] = [];
  for (; frame instanceof FrameObject; frame = frame.f_back) items.push(Tuple.of(frame, frame.f_lineno));
  return items;
}
