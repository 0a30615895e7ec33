// Python's `subprocess`, blocking as CPython's is: run, call, check_call, check_output,
// getoutput/getstatusoutput and Popen, on Node's spawnSync (the program waits for the child).
// PIPE captures, STDOUT merges stderr into stdout (both written to one temporary file, so the
// order the child wrote them in is kept), DEVNULL discards; text/encoding/universal_newlines
// decode with universal newlines. Popen starts its child at once, on the socket helper thread
// (subprocess-popen.ts), and the program runs on while the child does.

import { environment, nodeModule, nodeProcess } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { Exception, FileNotFoundError, OSError, PermissionError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { decode } from "../values/bytes-codec.js";
import { encode } from "../values/str-codec.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";

export const PIPE = -1n;
export const STDOUT = -2n;
export const DEVNULL = -3n;

const SIGNAL_NAMES: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 6: "SIGABRT", 9: "SIGKILL", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM" };

function none(x: unknown): x is null | undefined {
  return x === null || x === undefined;
}

export class SubprocessError extends Exception {
  static readonly __module__ = "subprocess";
}

export class CalledProcessError extends SubprocessError {
  returncode: any;
  cmd: any;
  output: any;
  stderr: any;
  constructor(returncode: unknown, cmd: unknown, output: unknown = null, stderr: unknown = null) {
    super(returncode, cmd, output, stderr);
    this.returncode = returncode;
    this.cmd = cmd;
    this.output = output;
    this.stderr = stderr;
  }
  get stdout(): any {
    return this.output;
  }
  set stdout(value: any) {
    this.output = value;
  }
  __str__(): string {
    const code = Number(this.returncode);
    if (code < 0) {
      const name = SIGNAL_NAMES[-code];
      return name ? `Command '${toStr(this.cmd)}' died with <Signals.${name}: ${-code}>.` : `Command '${toStr(this.cmd)}' died with unknown signal ${-code}.`;
    }
    return `Command '${toStr(this.cmd)}' returned non-zero exit status ${code}.`;
  }
}

export class TimeoutExpired extends SubprocessError {
  cmd: any;
  timeout: any;
  output: any;
  stderr: any;
  constructor(cmd: unknown, timeout: unknown, output: unknown = null, stderr: unknown = null) {
    super(cmd, timeout, output, stderr);
    this.cmd = cmd;
    this.timeout = timeout;
    this.output = output;
    this.stderr = stderr;
  }
  get stdout(): any {
    return this.output;
  }
  __str__(): string {
    return `Command '${toStr(this.cmd)}' timed out after ${toStr(this.timeout)} seconds`;
  }
}

export class CompletedProcess {
  static readonly __module__ = "subprocess";
  args: any;
  returncode: any;
  stdout: any;
  stderr: any;
  constructor(args: unknown, returncode: unknown, stdout: unknown = null, stderr: unknown = null) {
    this.args = args;
    this.returncode = returncode;
    this.stdout = stdout;
    this.stderr = stderr;
  }
  __repr__(): string {
    const parts = [`args=${repr(this.args)}`, `returncode=${repr(this.returncode)}`];
    if (!none(this.stdout)) parts.push(`stdout=${repr(this.stdout)}`);
    if (!none(this.stderr)) parts.push(`stderr=${repr(this.stderr)}`);
    return `CompletedProcess(${parts.join(", ")})`;
  }
  check_returncode(): null {
    if (truthy(this.returncode)) throw new CalledProcessError(this.returncode, this.args, this.stdout, this.stderr);
    return null;
  }
}

type Options = Record<string, unknown>;

const POPEN_PARAMS = ["args", "bufsize", "executable", "stdin", "stdout", "stderr", "preexec_fn", "close_fds", "shell", "cwd", "env", "universal_newlines", "startupinfo", "creationflags", "restore_signals", "start_new_session", "pass_fds"];

function options(args: unknown[], fname: string): Options {
  const [pos, kws] = splitKw(args);
  if (pos.length === 0 && !("args" in kws)) throw new PyTypeError(`${fname}() missing 1 required positional argument: 'args'`);
  const out: Options = { ...kws };
  pos.forEach((v, i) => (out[POPEN_PARAMS[i]!] = v));
  return out;
}

function isText(o: Options): boolean {
  return truthy(o.text) || truthy(o.universal_newlines) || !none(o.encoding) || !none(o.errors);
}

function toOutput(data: Uint8Array, o: Options): unknown {
  if (!isText(o)) return Bytes.fromArray(data);
  const text = decode(Bytes.fromArray(data), none(o.encoding) ? "utf-8" : toStr(o.encoding), none(o.errors) ? "strict" : toStr(o.errors)) as string;
  return text.replace(/\r\n?/g, "\n");
}

/** The program and argv for spawnSync, as CPython's _execute_child builds them. */
function command(o: Options): [string, string[]] {
  const args = o.args;
  let argv: string[];
  if (typeof args === "string" || args instanceof Uint8Array) argv = [toStr(typeof args === "string" ? args : decode(args as Bytes, "utf-8", "strict"))];
  else argv = Array.from(iterable(args), (a) => (typeof a === "string" ? a : a instanceof Uint8Array ? (decode(a as Bytes, "utf-8", "strict") as string) : toStr(callMethod(a, "__fspath__"))));
  if (truthy(o.shell)) argv = ["/bin/sh", "-c", ...argv];
  if (!none(o.executable)) return [toStr(o.executable), argv.slice(1)];
  return pythonCommand(argv) ?? [argv[0]!, argv.slice(1)];
}

/**
 * `[sys.executable, ...]` under `pyts run`, where sys.executable is the pyts command: the child
 * runs the Python program with pyts (`pyts run FILE ARGS`, `pyts run -c CODE ARGS`). Other interpreter options
 * (`-m`, `-u`, ...) are refused: pyts has no such options.
 */
function pythonCommand(argv: string[]): [string, string[]] | null {
  const pyts = environment("PYTS_EXECUTABLE");
  if (pyts === undefined || argv[0] !== pyts) return null;
  const node = nodeProcess()!.execPath;
  const [first, ...rest] = argv.slice(1);
  if (first === undefined) throw new ValueError("pyts: running sys.executable needs a script or -c CODE (pyts has no interactive interpreter)");
  if (first === "-c") {
    if (rest[0] === undefined) throw new ValueError("pyts: sys.executable -c needs the code to run");
    return [node, [pyts, "run", "-c", ...rest]];
  }
  if (first.startsWith("-") && first !== "-") throw new ValueError(`pyts: sys.executable runs a script or -c CODE; the interpreter option ${first} is not supported`);
  return [node, [pyts, "run", first, ...rest]];
}

function fdOf(x: unknown): number | "inherit" | "pipe" | "ignore" {
  if (none(x)) return "inherit";
  if (x === PIPE) return "pipe";
  if (x === DEVNULL) return "ignore";
  if (typeof x === "bigint") return Number(x);
  const fileno = (x as { fileno?: unknown }).fileno;
  if (typeof fileno === "function") return Number(callMethod(x, "fileno"));
  throw new PyTypeError(`bad file descriptor: ${repr(x)}`);
}

interface Outcome {
  returncode: bigint;
  stdout: unknown;
  stderr: unknown;
  pid: bigint;
}

/** Runs the child to completion; TimeoutExpired when it outlives `timeout` (the child is killed). */
function execute(o: Options, input: unknown): Outcome {
  const [file, argv] = command(o);
  const fs = nodeModule("node:fs");
  const osm = nodeModule("node:os");
  const path = nodeModule("node:path");
  let merged: { dir: string; file: string; fd: number } | null = null;
  const stdinSpec = !none(input) ? "pipe" : fdOf(o.stdin);
  let stdoutSpec: ReturnType<typeof fdOf> = fdOf(o.stdout);
  let stderrSpec: ReturnType<typeof fdOf> = o.stderr === STDOUT ? "inherit" : fdOf(o.stderr);
  if (o.stderr === STDOUT) {
    if (stdoutSpec === "pipe") {
      const dir = fs.mkdtempSync(path.join(osm.tmpdir(), "pyts-subprocess-"));
      const name = path.join(dir, "out");
      merged = { dir, file: name, fd: fs.openSync(name, "w+") };
      stdoutSpec = merged.fd;
      stderrSpec = merged.fd;
    } else {
      stderrSpec = stdoutSpec === "inherit" ? 1 : stdoutSpec;
    }
  }
  let inputData: Uint8Array | undefined;
  if (!none(input)) {
    if (typeof input === "string") {
      if (!isText(o)) throw new PyTypeError("memoryview: a bytes-like object is required, not 'str'");
      inputData = encode(input, none(o.encoding) ? "utf-8" : toStr(o.encoding), "strict") as Uint8Array;
    } else if (input instanceof Uint8Array) {
      if (isText(o)) throw new PyTypeError("write() argument must be str, not bytes");
      inputData = input;
    } else {
      throw new PyTypeError(`memoryview: a bytes-like object is required, not '${typeof input}'`);
    }
  }
  const spawnOptions: import("node:child_process").SpawnSyncOptions = {
    stdio: [stdinSpec, stdoutSpec, stderrSpec],
    input: inputData,
    maxBuffer: 1 << 30,
    killSignal: "SIGKILL",
  };
  if (!none(o.cwd)) spawnOptions.cwd = toStr(o.cwd);
  if (!none(o.env)) {
    spawnOptions.env = Object.fromEntries(Array.from(iterable(callMethod(o.env, "items")) as Iterable<unknown>, (pair) => {
      const [k, v] = Array.from(iterable(pair));
      return [toStr(k), toStr(v)];
    }));
  }
  if (!none(o.timeout)) spawnOptions.timeout = Math.max(1, Math.round(Number(o.timeout) * 1000));
  const result = nodeModule("node:child_process").spawnSync(file, argv, spawnOptions);
  let stdoutData: Uint8Array | null = stdoutSpec === "pipe" && result.stdout ? (result.stdout as Uint8Array) : null;
  const stderrData: Uint8Array | null = stderrSpec === "pipe" && result.stderr ? (result.stderr as Uint8Array) : null;
  if (merged !== null) {
    fs.closeSync(merged.fd);
    stdoutData = fs.readFileSync(merged.file);
    fs.rmSync(merged.dir, { recursive: true, force: true });
  }
  const err = result.error as NodeJS.ErrnoException | undefined;
  if (err !== undefined && err.code !== "ETIMEDOUT") {
    if (err.code === "ENOENT") {
      if (!none(o.cwd) && !fs.existsSync(toStr(o.cwd))) throw new FileNotFoundError(2n, "No such file or directory", toStr(o.cwd));
      throw new FileNotFoundError(2n, "No such file or directory", file);
    }
    if (err.code === "EACCES") throw new PermissionError(13n, "Permission denied", file);
    throw new OSError(err.message);
  }
  const stdout = stdoutData === null ? null : toOutput(stdoutData, o);
  const stderr = stderrData === null ? null : toOutput(stderrData, o);
  if (err?.code === "ETIMEDOUT") throw new TimeoutExpired(o.args, o.timeout, stdout, stderr);
  const signals = osm.constants.signals as Record<string, number>;
  const returncode = result.status !== null ? BigInt(result.status) : -BigInt(signals[result.signal ?? ""] ?? 0);
  return { returncode, stdout, stderr, pid: BigInt(result.pid ?? 0) };
}

function run(...args: unknown[]): CompletedProcess {
  const o = options(args, "run");
  if (!none(o.input) && !none(o.stdin)) throw new ValueError("stdin and input arguments may not both be used.");
  if (truthy(o.capture_output)) {
    if (!none(o.stdout) || !none(o.stderr)) throw new ValueError("stdout and stderr arguments may not be used with capture_output.");
    o.stdout = PIPE;
    o.stderr = PIPE;
  }
  const outcome = execute(o, o.input);
  const done = new CompletedProcess(o.args, outcome.returncode, outcome.stdout, outcome.stderr);
  if (truthy(o.check)) done.check_returncode();
  return done;
}

function call(...args: unknown[]): bigint {
  return execute(options(args, "call"), null).returncode;
}

function check_call(...args: unknown[]): bigint {
  const o = options(args, "check_call");
  const { returncode } = execute(o, null);
  if (returncode !== 0n) throw new CalledProcessError(returncode, o.args);
  return 0n;
}

function check_output(...args: unknown[]): unknown {
  const o = options(args, "check_output");
  if ("stdout" in o) throw new ValueError("stdout argument not allowed, it will be overridden.");
  o.stdout = PIPE;
  o.check = true;
  const outcome = execute(o, o.input);
  if (outcome.returncode !== 0n) throw new CalledProcessError(outcome.returncode, o.args, outcome.stdout, outcome.stderr);
  return outcome.stdout;
}

function getstatusoutput(cmd: unknown): Tuple {
  let outcome: Outcome;
  try {
    outcome = execute({ args: cmd, shell: true, text: true, stdout: PIPE, stderr: STDOUT }, null);
  } catch (e) {
    if (e instanceof CalledProcessError) return Tuple.of(e.returncode, e.output);
    throw e;
  }
  let data = outcome.stdout as string;
  if (data.endsWith("\n")) data = data.slice(0, -1);
  return Tuple.of(outcome.returncode, data);
}

/** What Popen's helper needs to start the child. */
function spawnSpec(o: Options): SpawnSpec {
  const [file, argv] = command(o);
  const spec = (x: ReturnType<typeof fdOf>): string | number => x;
  const stdout = fdOf(o.stdout);
  let stderr: string | number = o.stderr === STDOUT ? (stdout === "inherit" ? 1 : stdout) : fdOf(o.stderr);
  const merge = o.stderr === STDOUT && stdout === "pipe";
  if (merge) stderr = "pipe";
  let env: Record<string, string> | null = null;
  if (!none(o.env)) {
    env = Object.fromEntries(Array.from(iterable(callMethod(o.env, "items")) as Iterable<unknown>, (pair) => {
      const [k, v] = Array.from(iterable(pair));
      return [toStr(k), toStr(v)];
    }));
  }
  return { file, argv, cwd: none(o.cwd) ? null : toStr(o.cwd), env, stdio: [spec(fdOf(o.stdin)), spec(stdout), stderr], merge };
}

/** Data written to a child's stdin pipe, as bytes. */
function encodeInput(input: unknown, o: Options): Uint8Array {
  if (typeof input === "string") {
    if (!isText(o)) throw new PyTypeError("a bytes-like object is required, not 'str'");
    return encode(input, none(o.encoding) ? "utf-8" : toStr(o.encoding), none(o.errors) ? "strict" : toStr(o.errors)) as Uint8Array;
  }
  if (input instanceof Uint8Array) {
    if (isText(o)) throw new PyTypeError("write() argument must be str, not bytes");
    return input;
  }
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(input)}'`);
}

export { Popen } from "./subprocess-popen.js";
import { Popen, setPopenDeps, type SpawnSpec } from "./subprocess-popen.js";
setPopenDeps({
  options,
  toOutput,
  encodeInput,
  spawnSpec,
  timeoutExpired: (args, timeout, stdout, stderr) => new TimeoutExpired(args, timeout, stdout, stderr),
});

/** `list2cmdline(seq)`: the arguments quoted by the MS C runtime's rules, as CPython's (a documented helper). */
function list2cmdline(seq: unknown): string {
  const out: string[] = [];
  for (const item of iterable(seq)) {
    const arg = toStr(osFsdecode(item));
    if (out.length > 0) out.push(" ");
    const quote = arg.includes(" ") || arg.includes("\t") || arg === "";
    if (quote) out.push('"');
    let backslashes = 0;
    for (const c of arg) {
      if (c === "\\") backslashes++;
      else if (c === '"') {
        out.push("\\".repeat(backslashes * 2), '\\"');
        backslashes = 0;
      } else {
        out.push("\\".repeat(backslashes), c);
        backslashes = 0;
      }
    }
    out.push("\\".repeat(backslashes));
    if (quote) out.push("\\".repeat(backslashes), '"');
  }
  return out.join("");
}

/** `os.fsdecode` of a str or bytes argument. */
function osFsdecode(x: unknown): unknown {
  return x instanceof Uint8Array ? new TextDecoder().decode(x) : x;
}

export const subprocessModule = moduleObject("subprocess", {
  list2cmdline,
  PIPE,
  STDOUT,
  DEVNULL,
  SubprocessError,
  CalledProcessError,
  TimeoutExpired,
  CompletedProcess: pyClass(CompletedProcess),
  Popen: pyClass(Popen),
  run,
  call,
  check_call,
  check_output,
  getstatusoutput,
  getoutput: (cmd: unknown): unknown => getstatusoutput(cmd).items[1],
});
