// The oracle for these tests: runs a Python program with CPython and returns its stdout lines,
// and a print() stand-in collecting what the TS side prints.

import { execFileSync } from "node:child_process";
import { toStr } from "../../../runtime/values/repr.js";

export function cpythonLines(source: string): string[] {
  const out = execFileSync("python3", ["-c", source], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out.split("\n").filter((line, i, all) => i < all.length - 1 || line !== "");
}

export interface Printer {
  (...parts: unknown[]): void;
  lines: string[];
}

/** A print() that records lines (parts joined by spaces, Python's str of each). */
export function recorder(): Printer {
  const lines: string[] = [];
  const print = ((...parts: unknown[]) => {
    lines.push(parts.map((p) => toStr(p)).join(" "));
  }) as Printer;
  print.lines = lines;
  return print;
}
