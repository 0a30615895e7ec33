// Runs a Python snippet under CPython and returns its stdout: the oracle the module tests
// compare against (expected values are never typed by hand).

import { execFileSync } from "node:child_process";

export function python(code: string): string {
  return execFileSync("python3", ["-c", code], { encoding: "utf8" });
}

/** CPython's output split into lines (without the trailing empty line). */
export function pythonLines(code: string): string[] {
  return python(code).replace(/\n$/, "").split("\n");
}
