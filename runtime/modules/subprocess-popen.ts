// subprocess.Popen: the child runs (spawnSync) when the program first waits for it:
// communicate(), wait(), poll(), or reading a pipe. Until then, writes to its stdin pipe are
// kept and given to the child as its input; kill()/terminate()/send_signal() before then end
// it without running it (returncode -signal, as a child killed at once reports).

import { ValueError } from "../values/exceptions.js";
import { toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { StopIteration } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { asIndex } from "../values/slice.js";

type Options = Record<string, unknown>;
interface Outcome {
  returncode: bigint;
  stdout: unknown;
  stderr: unknown;
  pid: bigint;
}
interface Deps {
  execute(o: Options, input: unknown): Outcome;
  options(args: unknown[], fname: string): Options;
  toOutput(data: Uint8Array, o: Options): unknown;
}
let deps: Deps;
export function setPopenDeps(d: Deps): void {
  deps = d;
}

const PIPE = -1n;

/** A pipe end: the child's stdin (collects writes) or its captured stdout/stderr (reads). */
class PipeFile {
  static readonly pythonName = "BufferedReader";
  closed = false;
  private chunks: unknown[] = [];
  private data: string | Uint8Array | null = null;
  private pos = 0;
  constructor(
    private readonly owner: Popen,
    private readonly which: "stdin" | "stdout" | "stderr",
    private readonly text: boolean,
  ) {}

  write(s: unknown): bigint {
    if (this.closed) throw new ValueError("write to closed file");
    this.chunks.push(s);
    return BigInt((s as { length: number }).length);
  }
  flush(): null {
    return null;
  }
  close(): null {
    this.closed = true;
    return null;
  }
  /** What was written to the stdin pipe. */
  written(): unknown {
    if (this.chunks.length === 0) return null;
    if (this.text) return this.chunks.map(toStr).join("");
    const parts = this.chunks as Uint8Array[];
    const out = new Bytes(parts.reduce((n, p) => n + p.length, 0));
    let i = 0;
    for (const p of parts) {
      out.set(p, i);
      i += p.length;
    }
    return out;
  }
  private content(): string | Uint8Array {
    if (this.data === null) {
      this.owner._finish();
      const v = this.which === "stdout" ? this.owner._stdoutData : this.owner._stderrData;
      this.data = (v ?? (this.text ? "" : new Bytes(0))) as string | Uint8Array;
    }
    return this.data;
  }
  private slice(start: number, end: number): unknown {
    const d = this.content();
    return typeof d === "string" ? d.slice(start, end) : Bytes.fromArray(d.subarray(start, end));
  }
  read(n: unknown = -1n): unknown {
    const d = this.content();
    const limit = n === null || Number(n) < 0 ? d.length : Number(n);
    const out = this.slice(this.pos, this.pos + limit);
    this.pos = Math.min(d.length, this.pos + limit);
    return out;
  }
  readline(): unknown {
    const d = this.content();
    const nl = typeof d === "string" ? d.indexOf("\n", this.pos) : d.indexOf(10, this.pos);
    const end = nl < 0 ? d.length : nl + 1;
    const out = this.slice(this.pos, end);
    this.pos = end;
    return out;
  }
  readlines(): unknown[] {
    const lines: unknown[] = [];
    for (const line of this) lines.push(line);
    return lines;
  }
  __iter__(): this {
    return this;
  }
  __next__(): unknown {
    const line = this.readline() as { length: number };
    if (line.length === 0) throw new StopIteration();
    return line;
  }
  *[Symbol.iterator](): Generator<unknown> {
    for (;;) {
      const line = this.readline() as { length: number };
      if (line.length === 0) return;
      yield line;
    }
  }
  __enter__(): this {
    return this;
  }
  __exit__(): null {
    return this.close();
  }
}

export class Popen {
  static readonly __module__ = "subprocess";
  args: any;
  returncode: any = null;
  stdin: PipeFile | null;
  stdout: PipeFile | null;
  stderr: PipeFile | null;
  _stdoutData: unknown = null;
  _stderrData: unknown = null;
  private readonly o: Options;
  private started = false;
  private _pid: bigint = 0n;

  constructor(...args: unknown[]) {
    this.o = deps.options(args, "Popen");
    this.args = this.o.args;
    const text = truthy(this.o.text) || truthy(this.o.universal_newlines) || this.o.encoding != null || this.o.errors != null;
    this.stdin = this.o.stdin === PIPE ? new PipeFile(this, "stdin", text) : null;
    this.stdout = this.o.stdout === PIPE ? new PipeFile(this, "stdout", text) : null;
    this.stderr = this.o.stderr === PIPE ? new PipeFile(this, "stderr", text) : null;
  }

  get pid(): bigint {
    this._finish();
    return this._pid;
  }

  /** Runs the child now, if it has not run yet. */
  _finish(input: unknown = null, timeout: unknown = null): void {
    if (this.started) return;
    this.started = true;
    const o: Options = { ...this.o, timeout };
    if (this.stdin !== null) o.stdin = null;
    const given = input ?? this.stdin?.written() ?? null;
    const outcome = deps.execute(o, this.stdin !== null ? (given ?? (this.stdin ? (isTextOpt(this.o) ? "" : new Bytes(0)) : null)) : null);
    this.returncode = outcome.returncode;
    this._stdoutData = outcome.stdout;
    this._stderrData = outcome.stderr;
    this._pid = outcome.pid;
  }

  communicate(...args: unknown[]): Tuple {
    const [pos, kws] = splitKw(args);
    const input = pos[0] ?? kws.input ?? null;
    const timeout = pos[1] ?? kws.timeout ?? null;
    this._finish(input, timeout);
    const out = this.stdout !== null ? this.stdout.read() : null;
    const err = this.stderr !== null ? this.stderr.read() : null;
    return Tuple.of(out, err);
  }

  wait(...args: unknown[]): bigint {
    const [pos, kws] = splitKw(args);
    this._finish(null, pos[0] ?? kws.timeout ?? null);
    return this.returncode as bigint;
  }

  poll(): unknown {
    this._finish();
    return this.returncode;
  }

  /** A signal sent before the child ran ends it at once: it never runs, its returncode is -signal. */
  send_signal(sig: unknown): null {
    if (this.started) return null;
    this.started = true;
    this.returncode = -(asIndex(sig) ?? 0n);
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

  __exit__(): null {
    this.stdout?.close();
    this.stderr?.close();
    this.stdin?.close();
    this._finish();
    return null;
  }

  __repr__(): string {
    return `<Popen: returncode: ${this.returncode === null ? "None" : toStr(this.returncode)} args: ${toStr(this.args)}>`;
  }
}

function isTextOpt(o: Options): boolean {
  return truthy(o.text) || truthy(o.universal_newlines) || o.encoding != null || o.errors != null;
}
