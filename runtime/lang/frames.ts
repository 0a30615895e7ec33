// Python traceback frames for uncaught exceptions. `pyts run` runs the module with Node's
// source maps on (stack positions are then TypeScript lines) and names pyts's own line map
// back to the .py file in PYTS_SOURCE_MAP; each TypeScript frame becomes
//   File "prog.py", line 12, in compute
//     return x / y
import { environment, nodeModule, nodeProcess } from "../core/host.js";
import { outerStacks, setFrameProvider } from "../values/traceback.js";
import { installMapFrames, pageText } from "./map-frames.js";
import { absoluteSourcePath, programFile } from "../core/code-location.js";
import { AttributeError } from "../values/exceptions.js";

interface LineMap {
  /** the .py file's path and text */
  source: string;
  lines: string[];
  /** generated (TypeScript) line, 0-based -> Python line, 1-based */
  pythonLine: Map<number, number>;
  /** `line:col` (0-based, generated) of a call -> the Python span it implements */
  calls: Map<string, PythonSpan>;
}

/** A Python expression's span (UTF-8 byte columns, as CPython's) and its caret anchor. */
export interface PythonSpan {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** 0 none, 1 binary operator, 2 subscript, 3 method call (`leftEnd`, `right`: the callee's end column and line) */
  anchor: number;
  leftEnd: number;
  right: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function decodeVlq(segment: string): number[] {
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
  const map = JSON.parse(nodeModule("node:fs").readFileSync(file, "utf8")) as { sourcesContent: string[]; mappings: string; x_pyts_calls?: number[][] };
  const calls = new Map<string, PythonSpan>();
  for (const [genLine, genCol, line, col, endLine, endCol, anchor, leftEnd, right] of map.x_pyts_calls ?? []) {
    calls.set(`${genLine}:${genCol}`, { line: line!, col: col!, endLine: endLine!, endCol: endCol!, anchor: anchor!, leftEnd: leftEnd!, right: right! });
  }
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
  return { source: argv0, lines: (map.sourcesContent[0] ?? "").split(/\r?\n/), pythonLine, calls };
}

/** The Python line for a TypeScript line: the nearest mapped statement at or above it. */
function lookup(map: LineMap, tsLine: number): number | null {
  for (let line = tsLine - 1; line >= 0; line--) {
    const py = map.pythonLine.get(line);
    if (py !== undefined) return py;
  }
  return null;
}

/**
 * The frame's name when the code at `col` of the line is a lambda's body or the body of a
 * one-line `def f(): ...`; null otherwise.
 */
export function sameLineName(text: string, col: number | null): string | null {
  if (col === null) return null;
  // the innermost of a comprehension and a lambda's body around `col`
  const comprehension = comprehensionAt(text, col);
  const lambdaBody = lambdaBodyAt(text, col);
  if (comprehension !== null && (lambdaBody < 0 || comprehension.start > lambdaBody)) return comprehension.name;
  if (lambdaBody >= 0) return "<lambda>";
  const before = text.slice(0, col);
  const def = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(.*\)[^:]*:/.exec(before);
  return def ? def[1]! : null;
}

/**
 * Where the body of the innermost lambda around `col` starts (its colon), or -1. A body runs
 * from the lambda's colon to the comma, closing bracket or comprehension `for` that ends it
 * (a lambda earlier on the line whose body has ended does not name the code after it).
 */
function lambdaBodyAt(text: string, col: number): number {
  const line = blankStrings(text);
  const lambdas = /\blambda\b/g;
  let innermost = -1;
  for (let m = lambdas.exec(line); m !== null && m.index < col; m = lambdas.exec(line)) {
    const colon = topLevelIndex(line, m.index + 6, (i) => line[i] === ":");
    if (colon < 0 || colon >= col) continue;
    const end = topLevelIndex(line, colon + 1, (i) => line[i] === "," || (/^for\b/.test(line.slice(i)) && !/\w/.test(line[i - 1]!)), true);
    if (col < (end < 0 ? line.length : end)) innermost = colon;
  }
  return innermost;
}

/**
 * The first index from `from` where `found` holds outside any bracket opened after `from`, or
 * (with `closerEnds`) where a bracket opened before `from` closes; -1 when there is none.
 */
function topLevelIndex(line: string, from: number, found: (i: number) => boolean, closerEnds = false): number {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) return closerEnds ? i : -1;
      depth--;
    } else if (depth === 0 && found(i)) return i;
  }
  return -1;
}

/** The line with string literals blanked (same length), so brackets and words in them are not seen. */
function blankStrings(text: string): string {
  return text.replace(/("""|\'\'\'|"|')(?:\\.|(?!\1)[^\\])*?\1/g, (m) => m[0] + " ".repeat(m.length - 2) + m[m.length - 1]);
}

/**
 * `<genexpr>`, `<listcomp>`, `<setcomp>` or `<dictcomp>` when the code at `col` runs inside a
 * comprehension written on this line: in its element, its conditions or its later `for`
 * clauses, not in the first iterable (which the enclosing scope evaluates).
 */
export function comprehensionName(text: string, col: number): string | null {
  return comprehensionAt(text, col)?.name ?? null;
}

/** The innermost comprehension whose own code holds `col`, and where its bracket opens. */
function comprehensionAt(text: string, col: number): { name: string; start: number } | null {
  const line = blankStrings(text);
  const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  // The brackets open at `col`, innermost last.
  const open: number[] = [];
  for (let i = 0; i < col && i < line.length; i++) {
    const ch = line[i]!;
    if (ch in closers) open.push(i);
    else if (ch === ")" || ch === "]" || ch === "}") open.pop();
  }
  for (let k = open.length - 1; k >= 0; k--) {
    const start = open[k]!;
    // The bracket's top-level `for`, `in`, `if` and `:` positions.
    const fors: number[] = [];
    const stops: number[] = [];
    let colon = -1;
    let depth = 0;
    let end = line.length;
    for (let i = start + 1; i < line.length; i++) {
      const ch = line[i]!;
      if (ch in closers) depth++;
      else if (ch === ")" || ch === "]" || ch === "}") {
        if (depth === 0) {
          end = i;
          break;
        }
        depth--;
      } else if (depth === 0) {
        const word = /^(?:async\s+)?for\b|^if\b/.exec(line.slice(i));
        if (word && !/\w/.test(line[i - 1] ?? "")) {
          if (word[0] === "if") stops.push(i);
          else fors.push(i);
        } else if (ch === ":" && fors.length === 0 && colon < 0) colon = i;
      }
    }
    if (fors.length === 0 || col >= end) continue;
    const firstFor = fors[0]!;
    const inWord = /\bin\b/g;
    inWord.lastIndex = firstFor;
    const firstIn = inWord.exec(line.slice(0, end));
    const iterableStart = firstIn ? firstIn.index + 2 : end;
    const iterableEnd = Math.min(...[...fors.slice(1), ...stops].filter((p) => p > iterableStart), end);
    if (col >= iterableStart && col < iterableEnd) continue; // the first iterable: the enclosing scope's
    const bracket = line[start]!;
    return { name: bracket === "(" ? "<genexpr>" : bracket === "[" ? "<listcomp>" : colon >= 0 ? "<dictcomp>" : "<setcomp>", start };
  }
  return null;
}

/** The def (or class) whose body holds a Python line, as CPython names the frame. */
export function enclosingName(lines: string[], line: number): string {
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

/** A UTF-8 byte column of `text` as a character offset (CPython's rule). */
export function charOffset(text: string, byteOffset: number): number {
  const bytes = new TextEncoder().encode(text).subarray(0, byteOffset);
  return new TextDecoder().decode(bytes).length;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** CPython's anchors within `segment`: where `~` gives way to `^` and back. */
function anchors(segment: string, span: PythonSpan, start: number, text: string): [number, number] | null {
  const leftEnd = charOffset(text, span.leftEnd) - start;
  const right = charOffset(text, span.right) - start;
  if (span.anchor === 1) {
    // As traceback.c does it: the first operator character after the left operand (past
    // blanks and its closing parentheses), two characters when the next one is not blank.
    let found: [number, number] | null = null;
    for (let i = leftEnd; i < right; i++) {
      if (isSpace(segment[i])) continue;
      found = [i, i + 1 < right && !isSpace(segment[i + 1]) ? i + 2 : i + 1];
      if (i + 1 < right && segment[i] === ")") continue;
      break;
    }
    return found;
  }
  if (span.anchor === 2) {
    let left = leftEnd;
    let rightAnchor = right + 1;
    while (left < segment.length && segment[left] !== "[") left++;
    while (rightAnchor < segment.length && segment[rightAnchor] !== "]") rightAnchor++;
    if (rightAnchor < segment.length) rightAnchor++;
    return [left, rightAnchor];
  }
  return null;
}

/**
 * The line of carets CPython 3.11 prints under the failing expression: none when it would
 * cover the whole line, `~~~^^^~~~` around a binary operator or a subscript. A method call
 * whose method was not found (`lookupFailed`) marks the lookup only (`a.b.m`, not `(x)`).
 */
export function caretLine(text: string, span: PythonSpan, lookupFailed = false): string | null {
  if (span.anchor === 3) span = lookupFailed ? { ...span, endLine: span.right, endCol: span.leftEnd, anchor: 0 } : { ...span, anchor: 0 };
  const start = charOffset(text, span.col);
  const oneLine = span.line === span.endLine;
  const end = oneLine ? charOffset(text, span.endCol) : text.trimEnd().length;
  const stripped = text.trim();
  const indent = text.length - text.trimStart().length;
  const segment = text.slice(start, end);
  const anchor = oneLine ? anchors(segment, span, start, text) : null;
  if (!(end - start < stripped.length || (anchor && anchor[1] - anchor[0] > 0))) return null;
  let carets: string;
  if (anchor) {
    const [left, right] = anchor;
    carets = "~".repeat(left) + "^".repeat(right - left) + "~".repeat(Math.max(0, end - start - right));
  } else {
    carets = "^".repeat(end - start);
  }
  return "    " + " ".repeat(start - indent) + carets;
}

/** Code compiled at run time (eval, exec, compile), by the sourceURL its function body names. */
const snippetMaps = new Map<string, LineMap & { outerLine: number }>();

/**
 * Registers the line map of code compiled at run time, whose frames a traceback shows as
 * CPython's: `File "<string>", line 2, in <module>`, without the line's text (CPython's
 * linecache has no text for a name that is not a file).
 */
export function registerSnippetFrames(url: string, filename: string, source: string, lines: readonly (readonly [number, number])[], outerLine: number): void {
  snippetMaps.set(url, { source: filename, lines: source.split(/\r\n?|\n/), pythonLine: new Map(lines), calls: new Map(), outerLine });
}

/**
 * The frame of a stack line in code compiled at run time; null when it is not such code. A
 * frame of an anonymous JS function on a line with a lambda or a comprehension is theirs
 * (the first of the line: the snippet's map places statements, not columns).
 */
function snippetFrame(path: string, stackLine: number, jsName: string | null): ProgramFrame | null {
  const map = snippetMaps.get(path);
  // (the function around the code, which runs its top level, is no frame of the code's)
  if (map === undefined || stackLine === map.outerLine) return null;
  const line = lookup(map, stackLine);
  if (line === null) return null;
  const text = map.lines[line - 1] ?? "";
  // (V8 names the anonymous functions of code made by `new Function` "eval")
  const inner = jsName === null || jsName === "eval" ? firstInnerScope(text) : null;
  const name = inner ?? enclosingName(map.lines, line);
  return { text: `  File "${map.source}", line ${line}, in ${name}`, exact: false, at: `${path}:${line}:${name}` };
}

/** `<lambda>` or a comprehension's name for the first such scope written on the line, else null. */
function firstInnerScope(text: string): string | null {
  const lambda = /\blambda\b[^:]*:/.exec(text);
  const comprehension = /\bfor\b/.exec(text);
  if (lambda && (!comprehension || lambda.index < comprehension.index)) return "<lambda>";
  return comprehension ? comprehensionName(text, comprehension.index) : null;
}

/** A converted module's line map, and the stack paths that name it. */
interface ModuleFrames {
  matches: (stackPath: string) => boolean;
  display: string;
  /** the line map, read on the first traceback that needs it (null: it cannot be read) */
  map: () => LineMap | null;
}

/**
 * A module's line map, read once when first asked for: decoding every module's map as the
 * program starts costs start-up time in proportion to the program, for the few runs that
 * print a traceback.
 */
function lazyLineMap(file: string, argv0: string): () => LineMap | null {
  let map: LineMap | null | undefined;
  return () => {
    if (map === undefined) {
      try {
        map = readLineMap(file, argv0);
      } catch {
        map = null;
      }
    }
    return map;
  };
}

/**
 * The other modules of a program run by `pyts run`: PYTS_SOURCE_MAPS names a JSON list of
 * { path (the .py path stack frames show), file (the name a traceback shows), map }.
 */
function programModuleFrames(): ModuleFrames[] {
  const listFile = environment("PYTS_SOURCE_MAPS");
  if (!listFile) return [];
  try {
    const list = JSON.parse(nodeModule("node:fs").readFileSync(listFile, "utf8")) as { path: string; file: string; map: string }[];
    return list.map((m) => ({ matches: (p: string) => p === m.path || p === "file://" + m.path, display: absoluteSourcePath(m.file), map: lazyLineMap(m.map, m.file) }));
  } catch {
    return [];
  }
}

export function installSourceMappedFrames(): void {
  // A browser page reads the bundle's own source map (map-frames.ts).
  if (nodeProcess() === undefined) {
    if (typeof (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest === "function") installMapFrames(pageText);
    return;
  }
  const mapFile = environment("PYTS_SOURCE_MAP");
  const argv0 = environment("PYTS_ARGV0");
  // A built tree run by node: the maps its files name (tsc's .js.map, then pyts's .ts.map).
  if (!mapFile || !argv0) return installMapFrames(fileText);
  // The map sits beside the script it describes (`pyts run` writes both).
  const script = mapFile.replace(/\.pymap\.json$/, "");
  // frames name files by absolute path, as CPython's code objects do (the names are taken
  // now, as the working folder may change; the maps are read when a traceback needs them)
  const modules: ModuleFrames[] = [{ matches: (p) => p.endsWith(argv0) || p.endsWith(script), display: programFile(), map: lazyLineMap(mapFile, argv0) }, ...programModuleFrames()];
  // All frames: a RecursionError's traceback starts at the module, as CPython's does.
  Error.stackTraceLimit = Infinity;
  setFrameProvider((error) => {
    // (an entry whose map cannot be read: no program frames, as before any map was installed)
    if (modules[0]!.map() === null) return [];
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    // The stack where the exception was made, then the stacks it was re-raised at (outermost last).
    const seen = new Set<string>();
    let frames = programFrames(stack, modules, seen, error instanceof AttributeError);
    for (const outer of outerStacks(error)) {
      const known = new Set(seen);
      frames = [...programFrames(outer, modules, seen).filter((f) => !known.has(f.at)), ...frames];
    }
    // CPython lists the most recent call last. Consecutive duplicates located only by their
    // line come from helpers (a call's own position tells recursion apart).
    let ordered = frames.filter((f, i, all) => i === 0 || f.exact || f.text !== all[i - 1]!.text).map((f) => f.text);
    if (isStackOverflow(error)) ordered = recursionFrames(ordered);
    return collapseRepeats(ordered);
  });
}

interface ProgramFrame {
  text: string;
  exact: boolean;
  /** the frame's file, line and function: a stack it was re-raised at repeats those frames */
  at: string;
}

/** The program's frames in a JS stack, most recent last; their positions are added to `seen`. */
function programFrames(stack: string, modules: ModuleFrames[], seen: Set<string>, lookupFailed = false): ProgramFrame[] {
  const frames: ProgramFrame[] = [];
  // (the line a class body's frame ran at: V8 places the frame that runs the class statement
  // at its function's start, not at the statement)
  let classBodyLine: number | null = null;
  for (const text of stack.split("\n")) {
    const m = /\((.*):(\d+):(\d+)\)$/.exec(text) ?? /at (.*):(\d+):(\d+)$/.exec(text);
    const module = m ? modules.find((candidate) => candidate.matches(m[1]!)) : undefined;
    const snippet = m && !module ? snippetFrame(m[1]!, Number(m[2]), /^\s*at (?:async )?(?!new )([^\s(]+) \(/.exec(text)?.[1] ?? null) : null;
    if (snippet !== null && !seen.has(snippet.at)) {
      seen.add(snippet.at);
      frames.push(snippet);
    }
    if (!m || !module) continue;
    const map = module.map();
    if (map === null) continue;
    const span = map.calls.get(`${Number(m[2]) - 1}:${Number(m[3]) - 1}`);
    let line = span?.line ?? lookup(map, Number(m[2]));
    if (classBodyLine !== null) line = classStatementLine(map.lines, classBodyLine) ?? line;
    classBodyLine = null;
    if (line === null) continue;
    if (text.includes("at <static_initializer> ")) classBodyLine = line;
    const source = map.lines[line - 1] ?? "";
    const name = sameLineName(source, span ? charOffset(source, span.col) : null) ?? enclosingName(map.lines, line);
    let frame = `  File "${module.display}", line ${line}, in ${name}`;
    // (a program read from stdin or given with -c: CPython cannot read its lines again, and shows none)
    if (module.display !== "<stdin>" && module.display !== "<string>") {
      frame += `\n    ${source.trim()}`;
      // (an AttributeError out of the innermost frame's call: the method lookup failed)
      const carets = span ? caretLine(source, span, lookupFailed && frames.length === 0) : null;
      if (carets !== null) frame += "\n" + carets;
    }
    // (one frame may be read at two positions of a line: the call, or the `await` before it)
    const at = `${module.display}:${line}:${name}`;
    seen.add(at);
    frames.push({ text: frame, exact: span !== undefined, at });
  }
  return frames.reverse();
}

/** The `class` statement whose body holds line `line` (1-based), or null. */
function classStatementLine(lines: readonly string[], line: number): number | null {
  const indent = (text: string): number => text.length - text.trimStart().length;
  let depth = indent(lines[line - 1] ?? "");
  for (let at = line - 1; at >= 1; at--) {
    const text = lines[at - 1] ?? "";
    if (text.trim() === "" || indent(text) >= depth) continue;
    if (/^\s*class\s/.test(text)) return at;
    depth = indent(text);
  }
  return null;
}

/** A file: URL's text (under Node); null for another URL or a file that cannot be read. */
function fileText(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  try {
    return nodeModule("node:fs").readFileSync(nodeModule("node:url").fileURLToPath(url), "utf8");
  } catch {
    return null;
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && (error instanceof RangeError || error.name === "RecursionError") && /call stack|recursion depth/i.test(error.message + (error.stack ?? ""));
}

/** CPython's recursion limit: a RecursionError's traceback holds this many frames. */
const RECURSION_LIMIT = 1000;

/**
 * JS overflows wherever its stack ends, often inside a helper the recursive call site uses;
 * CPython stops at the call itself, after RECURSION_LIMIT frames counted from the module.
 */
function recursionFrames(frames: string[]): string[] {
  const n = frames.length;
  if (n >= 2 && frames[n - 1] !== frames[n - 2] && frames.slice(0, n - 1).includes(frames[n - 2]!)) frames = frames.slice(0, n - 1);
  return frames.slice(0, RECURSION_LIMIT);
}

/** More than three identical frames in a row print as `[Previous line repeated N more times]`. */
export function collapseRepeats(frames: string[]): string[] {
  const out: string[] = [];
  let count = 0;
  const flush = (): void => {
    if (count > 3) out.push(`  [Previous line repeated ${count - 3} more time${count - 3 > 1 ? "s" : ""}]`);
  };
  frames.forEach((frame, i) => {
    if (i > 0 && frame === frames[i - 1]) count++;
    else {
      flush();
      count = 1;
    }
    if (count <= 3) out.push(frame);
  });
  flush();
  return out;
}
