// `os.exec*`: Node cannot replace its process image, so the new program runs in its place
// synchronously (the standard streams and the inheritable descriptors handed over, the same
// pid namespace but a new pid), and this process then ends as the program ended: with its exit
// status, or killed by the same signal. As with a real exec, nothing of Python runs afterwards
// (no atexit functions, no finally blocks). The differences (the program's pid, and a parent
// that sees two processes) are listed in the README.
import { nodeModule, nodeProcess } from "../core/host.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { iterable } from "../values/iteration.js";
import { callMethod } from "../values/methods.js";
import { toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { fspath } from "./os-path.js";
import { inheritedDescriptors } from "./os-fd.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

function text(arg: unknown): string {
  if (arg instanceof Uint8Array) return new TextDecoder().decode(arg);
  return fspath(arg);
}

function argvOf(name: string, args: unknown): string[] {
  if (!Array.isArray(args) && !(args instanceof Tuple)) throw new PyTypeError(`${name}() arg 2 must be a tuple or list`);
  const items = Array.from(iterable(args));
  if (items.length === 0) throw new ValueError(`${name}() arg 2 must not be empty`);
  if (!truthy(items[0])) throw new ValueError(`${name}() arg 2 first element cannot be empty`);
  return items.map(text);
}

function environmentOf(name: string, env: unknown): Record<string, string> {
  if (env === null || env === undefined) return { ...(nodeProcess()?.env ?? {}) } as Record<string, string>;
  if (typeof (env as { keys?: unknown }).keys !== "function") throw new PyTypeError(`${name}: environment must be a mapping object`);
  const out: Record<string, string> = {};
  for (const pair of iterable(callMethod(env, "items"))) {
    const [k, v] = Array.from(iterable(pair));
    out[k instanceof Uint8Array ? text(k) : toStr(k)] = v instanceof Uint8Array ? text(v) : toStr(v);
  }
  return out;
}

/** The error exec(2) would give for `file`, or null when it can run it. */
function execProblem(file: string): string | null {
  try {
    fs().accessSync(file, fs().constants.X_OK);
    return fs().statSync(file).isDirectory() ? "EACCES" : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "ENOENT";
  }
}

/** os.py's _execvpe: `file` itself when it names a directory, else the first runnable one of PATH (the first error otherwise). */
function resolve(file: string, env: Record<string, string>, usePath: boolean): string {
  if (!usePath || file.includes("/")) {
    const problem = execProblem(file);
    if (problem !== null) throw osErrorFrom({ code: problem });
    return file;
  }
  let firstError: string | null = null;
  for (const dir of (env["PATH"] ?? "/bin:/usr/bin").split(":")) {
    const candidate = `${dir === "" ? "." : dir}/${file}`;
    const problem = execProblem(candidate);
    if (problem === null) return candidate;
    if (problem !== "ENOENT" && problem !== "ENOTDIR") firstError ??= problem;
  }
  throw osErrorFrom({ code: firstError ?? "ENOENT" });
}

/** Runs the program in this process's place and ends this process as it ended. */
function replaceWith(file: string, argv: string[], env: Record<string, string>): never {
  const process = nodeProcess()!;
  const stdio: (string | number)[] = ["inherit", "inherit", "inherit"];
  for (const fd of inheritedDescriptors()) {
    while (stdio.length < fd) stdio.push("ignore");
    stdio[fd] = fd;
  }
  const result = nodeModule("node:child_process").spawnSync(file, argv.slice(1), { argv0: argv[0]!, env, stdio: stdio as import("node:child_process").StdioOptions });
  if (result.error !== undefined) throw osErrorFrom(result.error);
  if (result.signal !== null) {
    process.removeAllListeners(result.signal);
    process.kill(process.pid, result.signal);
  }
  const exit = (process as unknown as { reallyExit?: (code: number) => never }).reallyExit;
  return exit !== undefined ? exit.call(process, result.status ?? 0) : process.exit(result.status ?? 0);
}

function exec(name: string, fileArg: unknown, args: unknown, env: unknown, usePath: boolean): never {
  const file = text(fileArg);
  const argv = argvOf(name, args);
  const environ = environmentOf(name, env);
  return replaceWith(resolve(file, environ, usePath), argv, environ);
}

export const osExec = {
  execv: (file: unknown, args: unknown): never => exec("execv", file, args, null, false),
  execve: (file: unknown, args: unknown, env: unknown): never => exec("execve", file, args, env, false),
  execvp: (file: unknown, args: unknown): never => exec("execv", file, args, null, true),
  execvpe: (file: unknown, args: unknown, env: unknown): never => exec("execve", file, args, env, true),
  execl: (file: unknown, ...args: unknown[]): never => exec("execv", file, args, null, false),
  execle: (file: unknown, ...args: unknown[]): never => exec("execve", file, args.slice(0, -1), args[args.length - 1], false),
  execlp: (file: unknown, ...args: unknown[]): never => exec("execv", file, args, null, true),
  execlpe: (file: unknown, ...args: unknown[]): never => exec("execve", file, args.slice(0, -1), args[args.length - 1], true),
};
