// Python's `getpass`: getpass() reads a line without echo on a terminal (stty -echo around a
// read of the terminal), and, as CPython does when there is no terminal, warns on stderr and
// reads the line from sys.stdin; getuser() from the environment, else the password database.

import { nodeModule, nodeProcess } from "../core/host.js";
import { EOFError, nameErrorOf, UserWarning } from "../values/exceptions.js";
import { truthy } from "../values/truth.js";
import { sysModule } from "./sys.js";
import { warningsModule } from "./warnings.js";
import { splitKw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { callMethod } from "../values/methods.js";
import { standardStreams } from "../values/print.js";
import { stdinHolder } from "../values/stdin.js";
import { moduleObject } from "./module-object.js";

export class GetPassWarning extends UserWarning {
  static readonly __module__ = "getpass";
}

function readLine(): string {
  const line = toStr(callMethod(stdinHolder.stdin, "readline"));
  if (line === "") throw new EOFError();
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}

function write(stream: unknown, text: string): void {
  callMethod(stream, "write", text);
  const flush = (stream as { flush?: unknown }).flush;
  if (typeof flush === "function") callMethod(stream, "flush");
}

function getpass(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const prompt = toStr(pos[0] ?? kws.prompt ?? "Password: ");
  const given = pos[1] ?? kws.stream ?? null;
  const process = nodeProcess();
  if (process?.stdin.isTTY) {
    const { spawnSync } = nodeModule("node:child_process");
    const stream = given ?? standardStreams.stderr;
    const quiet = spawnSync("stty", ["-echo"], { stdio: ["inherit", "ignore", "ignore"] }).status === 0;
    try {
      write(stream, prompt);
      return readLine();
    } finally {
      if (quiet) spawnSync("stty", ["echo"], { stdio: ["inherit", "ignore", "ignore"] });
      write(stream, "\n");
    }
  }
  // No terminal: CPython's fallback_getpass (its warning, then the prompt on the stream).
  const stream = given ?? standardStreams.stderr;
  // (warnings writes nothing when sys.stderr is None)
  standardStreams.stderr?.write("GetPassWarning: Can not control echo on the terminal.\n");
  standardStreams.stderr?.write("Warning: Password input may be echoed.\n");
  write(stream, prompt);
  return readLine();
}

/** getpass.py's `_raw_input`: the prompt on the stream, then a line of sys.stdin. */
function rawInput(prompt: string, stream: unknown): string {
  if (prompt !== "") write(stream, prompt);
  return readLine();
}

/** CPython's fallback_getpass: warns (at the caller's line), tells the stream, reads stdin. */
function fallback_getpass(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const prompt = toStr(pos[0] ?? kws.prompt ?? "Password: ");
  const given = pos[1] ?? kws.stream ?? null;
  warningsModule.warn("Can not control echo on the terminal.", GetPassWarning);
  const stream = given !== null && truthy(given) ? given : sysModule.stderr;
  write(stream, "Warning: Password input may be echoed.\n");
  return rawInput(prompt, stream);
}

/**
 * CPython's win_getpass as it runs on Linux: with sys.stdin replaced it is fallback_getpass;
 * otherwise it reaches for msvcrt, which getpass.py never imported there.
 */
function win_getpass(...args: unknown[]): string {
  if (sysModule.stdin !== sysModule.__stdin__) return fallback_getpass(...args);
  throw nameErrorOf("name 'msvcrt' is not defined", "msvcrt");
}

function getuser(): string {
  const env = nodeProcess()?.env ?? {};
  for (const name of ["LOGNAME", "USER", "LNAME", "USERNAME"]) {
    const user = env[name];
    if (user) return user;
  }
  return nodeModule("node:os").userInfo().username;
}

export const getpassModule = moduleObject("getpass", {
  __all__: ["getpass", "getuser", "GetPassWarning"],
  getpass,
  getuser,
  GetPassWarning,
  // On Linux getpass is unix_getpass (termios is there).
  unix_getpass: getpass,
  win_getpass,
  fallback_getpass,
});
