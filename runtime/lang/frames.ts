// Python traceback frames for uncaught exceptions. `pyts run` runs the module with Node's
// source maps on (stack positions are then TypeScript lines) and names pyts's own line map
// back to the .py file in PYTS_SOURCE_MAP; each TypeScript frame becomes
//   File "prog.py", line 12, in compute
//     return x / y
import { readFileSync } from "node:fs";
import { setFrameProvider } from "../values/traceback.js";

interface LineMap {
  /** the .py file's path and text */
  source: string;
  lines: string[];
  /** generated (TypeScript) line, 0-based -> Python line, 1-based */
  pythonLine: Map<number, number>;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function readLineMap(file: string, argv0: string): LineMap {
  const map = JSON.parse(readFileSync(file, "utf8")) as { sourcesContent: string[]; mappings: string };
  const pythonLine = new Map<number, number>();
  let srcLine = 0;
  map.mappings.split(";").forEach((line, genLine) => {
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const [, , dLine] = decodeVlq(segment);
      srcLine += dLine ?? 0;
      if (!pythonLine.has(genLine)) pythonLine.set(genLine, srcLine + 1);
    }
  });
  return { source: argv0, lines: (map.sourcesContent[0] ?? "").split(/\r?\n/), pythonLine };
}

/** The Python line for a TypeScript line: the nearest mapped statement at or above it. */
function lookup(map: LineMap, tsLine: number): number | null {
  for (let line = tsLine - 1; line >= 0; line--) {
    const py = map.pythonLine.get(line);
    if (py !== undefined) return py;
  }
  return null;
}

/** The def (or class) whose body holds a Python line, as CPython names the frame. */
function enclosingName(lines: string[], line: number): string {
  const indent = (text: string): number => text.length - text.trimStart().length;
  let limit = indent(lines[line - 1] ?? "");
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i]!;
    if (text.trim() === "" || text.trimStart().startsWith("#") || indent(text) >= limit) continue;
    const m = /^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/.exec(text);
    if (m) return m[1]!;
    limit = indent(text);
  }
  return "<module>";
}

export function installSourceMappedFrames(): void {
  const mapFile = process.env.PYTS_SOURCE_MAP;
  const argv0 = process.env.PYTS_ARGV0;
  if (!mapFile || !argv0) return;
  let map: LineMap;
  try {
    map = readLineMap(mapFile, argv0);
  } catch {
    return;
  }
  Error.stackTraceLimit = 200;
  setFrameProvider((error) => {
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    const frames: string[] = [];
    for (const text of stack.split("\n")) {
      const m = /\((.*):(\d+):\d+\)$/.exec(text) ?? /at (.*):(\d+):\d+$/.exec(text);
      if (!m || !m[1]!.endsWith(argv0)) continue;
      const line = lookup(map, Number(m[2]));
      if (line === null) continue;
      frames.push(`  File "${argv0}", line ${line}, in ${enclosingName(map.lines, line)}\n    ${(map.lines[line - 1] ?? "").trim()}`);
    }
    // CPython lists the most recent call last; consecutive duplicates come from helpers.
    return frames.reverse().filter((f, i, all) => i === 0 || f !== all[i - 1]);
  });
}
