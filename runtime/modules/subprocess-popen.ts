// subprocess.Popen: the child starts at construction, on the socket helper thread
// (socket-worker.ts spawns it and holds its pipes), and runs alongside the program. Reading a
// pipe, wait() and communicate() wait for it as blocking socket calls do: blocking in a program
// without threads, a thread switch once green threads run (socket-host.ts `drive`).

import { FileNotFoundError, OSError, PermissionError, StopIteration, ValueError, PyTypeError } from "../values/exceptions.js";
import { toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { splitKw } from "../values/kwargs.js";
import { asIndex } from "../values/slice.js";
import { call, checked, drive, post, type Job, type Reply, type Steps } from "./socket-host.js";

type Options = Record<string, unknown>;
interface Deps {
  options(args: unknown[], fname: string): Options;
  toOutput(data: Uint8Array, o: Options): unknown;
  encodeInput(input: unknown, o: Options): Uint8Array;
  spawnSpec(o: Options): SpawnSpec;
  timeoutExpired(args: unknown, timeout: unknown, stdout: unknown, stderr: unknown): Error;
}
/** What the helper needs to spawn the child. */
export interface SpawnSpec {
  file: string;
  argv: string[];
  cwd: string | null;
  env: Record<string, string> | null;
  stdio: (string | number)[];
  merge: boolean;
}
let deps: Deps;
export function setPopenDeps(d: Deps): void {
  deps = d;
}

const PIPE = -1n;
/** The helper's ids for children and their pipes, apart from the sockets' descriptor numbers. */
let lastId = 1 << 20;
export function nextSocketId(): number {
  return ++lastId;
}
const CHUNK = 65536;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Seconds left before `deadline` (performance.now() ms), or null for no deadline. */
function left(deadline: number | null): number | null {
  return deadline === null ? null : Math.max(0, (deadline - performance.now()) / 1000);
}

/** A pipe end of the child: its stdin (writes go to the child at once) or its stdout/stderr. */
class PipeFile {
  static readonly pythonName = "BufferedReader";
  static readonly __module__ = "io";
  closed = false;
  private buffer: Uint8Array = new Uint8Array(0);
  private eof = false;

  constructor(
    private readonly owner: Popen,
    readonly id: number,
    private readonly text: boolean,
  ) {}

  private check(): void {
    if (this.closed) throw new ValueError(this.text ? "I/O operation on closed file." : "read of closed file");
  }

  write(s: unknown): bigint {
    if (this.closed) throw new ValueError(this.text ? "I/O operation on closed file." : "write to closed file");
    if (this.text && typeof s !== "string") throw new PyTypeError(`write() argument must be str, not ${(s as object)?.constructor?.name ?? typeof s}`);
    const data = deps.encodeInput(s, this.owner._options);
    post({ op: "send", id: this.id, data });
    return BigInt((s as { length: number }).length);
  }
  flush(): null {
    return null;
  }
  close(): null {
    if (this.closed) return null;
    this.closed = true;
    post({ op: "close", id: this.id });
    return null;
  }
  fileno(): bigint {
    return BigInt(this.id);
  }

  /** Reads more from the child; false at its end. */
  *fill(timeout: number | null = null): Steps<boolean> {
    if (this.eof) return false;
    const reply = yield { op: "recv", id: this.id, n: CHUNK, peek: false, timeout };
    if (reply.error === "PYTS_TIMEOUT") throw new TimeoutSignal();
    const data = checked(reply).data ?? new Uint8Array(0);
    if (data.length === 0) {
      this.eof = true;
      return false;
    }
    this.buffer = concat(this.buffer, data);
    return true;
  }
  private take(n: number): Uint8Array {
    const part = this.buffer.slice(0, n);
    this.buffer = this.buffer.subarray(n);
    return part;
  }
  private out(data: Uint8Array): unknown {
    return this.text ? deps.toOutput(data, this.owner._options) : Bytes.fromArray(data);
  }
  /** Everything up to the child's end (`deadline`: a communicate() timeout). */
  *allSteps(deadline: number | null = null): Steps<Uint8Array> {
    while (yield* this.fill(left(deadline)));
    return this.take(this.buffer.length);
  }
  *readSteps(n: number): Steps<unknown> {
    if (n < 0) return this.out(yield* this.allSteps());
    while (this.buffer.length < n && (yield* this.fill()));
    return this.out(this.take(n));
  }
  *lineSteps(): Steps<unknown> {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) return this.out(this.take(nl + 1));
      if (!(yield* this.fill())) return this.out(this.take(this.buffer.length));
    }
  }

  read(n: unknown = -1n): unknown {
    this.check();
    return drive(this.readSteps(n === null || n === undefined ? -1 : Number(asIndex(n))));
  }
  readline(): unknown {
    this.check();
    return drive(this.lineSteps());
  }
  readlines(): unknown {
    this.check();
    const self = this;
    return drive(
      (function* (): Steps<unknown[]> {
        const lines: unknown[] = [];
        for (;;) {
          const line = (yield* self.lineSteps()) as { length: number };
          if (line.length === 0) return lines;
          lines.push(line);
        }
      })(),
    );
  }
  /** The next line, blocking (iteration outside a green thread's loop). */
  private nextLine(): { length: number } {
    this.check();
    const steps = this.lineSteps();
    let next = steps.next();
    while (!next.done) next = steps.next(call(next.value));
    return next.value as { length: number };
  }
  __iter__(): this {
    return this;
  }
  __next__(): unknown {
    const line = this.nextLine();
    if (line.length === 0) throw new StopIteration();
    return line;
  }
  *[Symbol.iterator](): Generator<unknown> {
    for (;;) {
      const line = this.nextLine();
      if (line.length === 0) return;
      yield line;
    }
  }
  /** `for line in p.stdout` in a green thread: each line a thread switch. */
  [Symbol.for("pyts.resultStream")](): AsyncIterator<unknown> {
    const self = this;
    return (async function* () {
      for (;;) {
        self.check();
        const got: unknown = drive(self.lineSteps());
        const line = (typeof got === "string" || got instanceof Uint8Array ? got : await (got as PromiseLike<unknown>)) as { length: number };
        if (line.length === 0) return;
        yield line;
      }
    })();
  }
  __enter__(): this {
    return this;
  }
  __exit__(): null {
    return this.close();
  }
}

/** A deadline passed while reading (turned into TimeoutExpired). */
class TimeoutSignal extends Error {}

export class Popen {
  static readonly __module__ = "subprocess";
  args: any;
  returncode: any = null;
  stdin: PipeFile | null = null;
  stdout: PipeFile | null = null;
  stderr: PipeFile | null = null;
  readonly pid: bigint;
  /** CPython's `encoding or errors or text or universal_newlines`. */
  text_mode: unknown;
  readonly _options: Options;
  private readonly id: number;

  constructor(...args: unknown[]) {
    const o = deps.options(args, "Popen");
    this._options = o;
    this.args = o.args;
    const text = truthy(o.text) || truthy(o.universal_newlines) || o.encoding != null || o.errors != null;
    const modes = [o.encoding, o.errors, o.text, o.universal_newlines].map((v) => v ?? null);
    this.text_mode = modes.find((v) => truthy(v)) ?? modes[3];
    const spec = deps.spawnSpec(o);
    this.id = nextSocketId();
    const ids = [nextSocketId(), nextSocketId(), nextSocketId()];
    const reply = call({ op: "spawn", id: this.id, pipes: ids, ...spec } as Job);
    if (reply.error !== undefined) throw spawnError(reply, spec);
    this.pid = BigInt(reply.pid ?? 0);
    if (o.stdin === PIPE) this.stdin = new PipeFile(this, ids[0]!, text);
    if (o.stdout === PIPE) this.stdout = new PipeFile(this, ids[1]!, text);
    if (o.stderr === PIPE) this.stderr = new PipeFile(this, ids[2]!, text);
  }

  /** The old name of text_mode (setting it stores a bool). */
  get universal_newlines(): unknown {
    return this.text_mode;
  }
  set universal_newlines(value: unknown) {
    this.text_mode = truthy(value);
  }

  private status(reply: Reply): bigint {
    this.returncode = BigInt(reply.code ?? 0);
    return this.returncode as bigint;
  }

  /** Waits for the child's exit (`timeout`: seconds, or null). */
  private *waitSteps(timeout: number | null): Steps<bigint> {
    if (this.returncode !== null) return this.returncode as bigint;
    const reply = yield { op: "pwait", id: this.id, timeout };
    if (reply.error === "PYTS_TIMEOUT") throw deps.timeoutExpired(this.args, timeout, null, null);
    return this.status(checked(reply));
  }

  wait(...args: unknown[]): bigint {
    const [pos, kws] = splitKw(args);
    const timeout = pos[0] ?? kws.timeout ?? null;
    return drive(this.waitSteps(timeout === null ? null : Number(timeout)));
  }

  poll(): unknown {
    if (this.returncode !== null) return this.returncode;
    const reply = call({ op: "pwait", id: this.id, timeout: 0 });
    return reply.error === "EAGAIN" ? null : this.status(checked(reply));
  }

  communicate(...args: unknown[]): Tuple {
    const [pos, kws] = splitKw(args);
    const input = pos[0] ?? kws.input ?? null;
    const timeout = pos[1] ?? kws.timeout ?? null;
    if (input !== null && this.stdin === null) throw new ValueError("Cannot send input after starting communication");
    if (this.stdin !== null && !this.stdin.closed) {
      if (input !== null) this.stdin.write(input);
      this.stdin.close();
    }
    const deadline = timeout === null ? null : performance.now() + Number(timeout) * 1000;
    const self = this;
    return drive(
      (function* (): Steps<Tuple> {
        try {
          const out = self.stdout === null ? null : yield* self.stdout.allSteps(deadline);
          const err = self.stderr === null ? null : yield* self.stderr.allSteps(deadline);
          yield* self.waitSteps(left(deadline));
          const show = (data: Uint8Array | null, file: PipeFile | null): unknown => (data === null ? null : file!.closed ? null : deps.toOutput(data, self._options));
          const result = Tuple.of(show(out, self.stdout), show(err, self.stderr));
          self.stdout?.close();
          self.stderr?.close();
          return result;
        } catch (e) {
          if (e instanceof TimeoutSignal) throw deps.timeoutExpired(self.args, timeout, null, null);
          throw e;
        }
      })(),
    );
  }

  send_signal(sig: unknown): null {
    if (this.returncode === null) call({ op: "pkill", id: this.id, signal: Number(asIndex(sig) ?? 0n) });
    return null;
  }
  kill(): null {
    return this.send_signal(9n);
  }
  terminate(): null {
    return this.send_signal(15n);
  }

  __enter__(): this {
    return this;
  }
  /** Closes the pipes and waits for the child (blocking: `with` does not switch threads here). */
  __exit__(): null {
    this.stdout?.close();
    this.stderr?.close();
    this.stdin?.close();
    const steps = this.waitSteps(null);
    let next = steps.next();
    while (!next.done) next = steps.next(call(next.value));
    return null;
  }

  __repr__(): string {
    return `<Popen: returncode: ${this.returncode === null ? "None" : toStr(this.returncode)} args: ${toStr(this.args)}>`;
  }
}

function spawnError(reply: Reply, spec: SpawnSpec): Error {
  if (reply.error === "ENOENT") {
    if (spec.cwd !== null && reply.message === "cwd") return new FileNotFoundError(2n, "No such file or directory", spec.cwd);
    return new FileNotFoundError(2n, "No such file or directory", spec.file);
  }
  if (reply.error === "EACCES") return new PermissionError(13n, "Permission denied", spec.file);
  return new OSError(reply.message ?? reply.error ?? "spawn failed");
}
