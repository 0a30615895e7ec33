// Where a coroutine's code is, as CPython's task reprs and tracebacks show it: the program's .py
// file (an absolute path, as CPython makes the main script's) and a line. `pyts run` names the file in
// PYTS_ARGV0; a built module run directly stands for the .py it was converted from.

import { nodeProcess } from "./host.js";

let programPath: string | null = null;

/** `a/./b/../c` -> `a/c` for an absolute POSIX path. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** The absolute path of the program's .py file (CPython's `co_filename` for its code). */
export function programFile(): string {
  if (programPath !== null) return programPath;
  const proc = typeof process === "undefined" ? undefined : process;
  const given = proc?.env["PYTS_ARGV0"] ?? proc?.argv[1]?.replace(/\.(m?js|ts)$/, ".py") ?? "<unknown>";
  // the working directory joined to the path as given, not normalised (`/dir/./prog.py`), as CPython's
  if (given === "-") programPath = "<stdin>"; // (`pyts run -`: the program read from stdin)
  else if (given === "-c") programPath = "<string>"; // (`pyts run -c CODE`)
  else programPath = given.startsWith("/") || proc === undefined || given === "<unknown>" ? given : `${proc.cwd()}/${given}`;
  return programPath;
}

/** A module's file made absolute, as CPython's code objects hold it (found on sys.path: normalised; the script: as programFile). */
export function absoluteSourcePath(file: string): string {
  if (file.startsWith("/")) return file;
  const proc = nodeProcess();
  if (file === proc?.env["PYTS_ARGV0"]) return programFile();
  return proc === undefined ? file : normalise(`${proc.cwd()}/${file}`);
}
