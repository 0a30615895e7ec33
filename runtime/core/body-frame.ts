// What `gi_frame` / `gi_code` (and `cr_frame` / `cr_code`) show of a generator's or
// coroutine's body: the names pyts knows. Locals, line numbers and argument counts are not
// recorded, so those attributes are absent (AttributeError) rather than made up.
import { addressOf } from "../values/repr.js";

export class BodyCode {
  static readonly pythonName = "code";
  constructor(
    readonly co_name: string,
    readonly co_qualname: string,
  ) {}
  __repr__(): string {
    return `<code object ${this.co_name} at ${addressOf(this)}>`;
  }
}

/** `builtins.__dict__`, registered by the module that makes the builtins module (module-spec.ts). */
let builtinsDict: () => unknown = () => null;

export function setFrameBuiltins(read: () => unknown): void {
  builtinsDict = read;
}

export class BodyFrame {
  static readonly pythonName = "frame";
  /** The trace function (no tracing runs: what a program stores is kept, as CPython keeps it). */
  f_trace: unknown = null;
  f_trace_lines = true;
  f_trace_opcodes = false;
  constructor(readonly f_code: BodyCode) {}
  /** Every frame of a pyts program sees the one builtins namespace. */
  get f_builtins(): unknown {
    return builtinsDict();
  }
  /** `frame.clear()`: drops the frame's locals, which the runtime does not record. */
  clear(): null {
    return null;
  }
  __repr__(): string {
    return `<frame at ${addressOf(this)}, code ${this.f_code.co_name}>`;
  }
}
