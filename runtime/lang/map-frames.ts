// Python traceback frames read from source maps: in a browser page, and for a built tree run by
// node directly (not `pyts run`, which names its own line maps). Each stack frame's script is
// read again when the traceback is printed (a synchronous request in a page, the file under
// Node) for its `sourceMappingURL`; a position that maps to a .py file, directly (a bundle:
// pyts/esbuild hands esbuild each module's own map) or through the emitted .ts file's own map
// (tsc's `sourceMap` leads from the .js to the .ts, whose `.ts.map` pyts writes), becomes
//   File "/app/helper.py", line 5, in divide
//     return a / b
// with CPython's carets where the .ts map's call spans name the failing expression (a bundle's
// composed map keeps statement positions only, so a page's frames carry none). Without maps the
// traceback has no frames.
import { setFrameProvider } from "../values/traceback.js";
import { AttributeError } from "../values/exceptions.js";
import { caretLine, charOffset, collapseRepeats, decodeVlq, enclosingName, sameLineName, type PythonSpan } from "./frames.js";

/** One mapping: generated column -> source index, source line and column (all 0-based). */
type Segment = readonly [number, number, number, number];

interface PageMap {
  /** segments of each generated line, by column */
  lines: Segment[][];
  /** each source's URL */
  urls: string[];
  /** each source's path as a traceback names it */
  files: string[];
  /** each source's lines (from the map's sourcesContent) */
  texts: (string[] | null)[];
  /** pyts's call spans (x_pyts_calls), by generated `line:col` (0-based) */
  calls: Map<string, PythonSpan>;
}

/** Reads a script or map by URL, synchronously; null when it cannot. */
export type TextReader = (url: string) => string | null;

interface PageRequest {
  open(method: string, url: string, async: boolean): void;
  send(): void;
  readonly status: number;
  readonly responseText: string;
}

/** The text at `url`, read synchronously; null when the page cannot read it. */
export function pageText(url: string): string | null {
  const Request = (globalThis as { XMLHttpRequest?: new () => PageRequest }).XMLHttpRequest;
  if (Request === undefined) return null;
  try {
    const request = new Request();
    request.open("GET", url, false);
    request.send();
    // file: pages answer with status 0
    return request.status === 200 || request.status === 0 ? request.responseText : null;
  } catch {
    return null;
  }
}

function decodeDataUrl(url: string): string | null {
  const comma = url.indexOf(",");
  if (comma < 0) return null;
  const payload = url.slice(comma + 1);
  if (!/;base64$/.test(url.slice(0, comma))) return decodeURIComponent(payload);
  const bytes = Uint8Array.from(atob(payload), (ch) => ch.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** A source's path: a file URL's path, else the URL as it is. */
function displayPath(url: URL): string {
  return url.protocol === "file:" ? decodeURIComponent(url.pathname) : url.href;
}

function parseMap(text: string, mapUrl: string): PageMap | null {
  let raw: { mappings?: unknown; sources?: unknown; sourcesContent?: unknown; sourceRoot?: unknown; x_pyts_calls?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return null;
  }
  if (typeof raw.mappings !== "string" || !Array.isArray(raw.sources)) return null;
  const root = typeof raw.sourceRoot === "string" ? raw.sourceRoot : "";
  const urls = raw.sources.map((source) => new URL(root + String(source), mapUrl));
  const files = urls.map(displayPath);
  const calls = new Map<string, PythonSpan>();
  for (const row of Array.isArray(raw.x_pyts_calls) ? (raw.x_pyts_calls as number[][]) : []) {
    const [genLine, genCol, line, col, endLine, endCol, anchor, leftEnd, right] = row;
    calls.set(`${genLine}:${genCol}`, { line: line!, col: col!, endLine: endLine!, endCol: endCol!, anchor: anchor!, leftEnd: leftEnd!, right: right! });
  }
  const contents = Array.isArray(raw.sourcesContent) ? raw.sourcesContent : [];
  const texts = files.map((_, i) => (typeof contents[i] === "string" ? (contents[i] as string).split(/\r?\n/) : null));
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceCol = 0;
  for (const line of raw.mappings.split(";")) {
    const segments: Segment[] = [];
    let col = 0;
    for (const field of line.split(",")) {
      if (!field) continue;
      const [dCol, dSource, dLine, dSourceCol] = decodeVlq(field);
      col += dCol ?? 0;
      if (dSource === undefined) continue;
      source += dSource;
      sourceLine += dLine ?? 0;
      sourceCol += dSourceCol ?? 0;
      segments.push([col, source, sourceLine, sourceCol]);
    }
    lines.push(segments);
  }
  return { lines, urls: urls.map((url) => url.href), files, texts, calls };
}

const maps = new Map<string, PageMap | null>();

/** The source map of the script at `url` (cached; null when it has none or cannot be read). */
function mapOf(url: string, read: TextReader): PageMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: PageMap | null = null;
  const script = read(url);
  const reference = script && /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(script.trimEnd());
  if (reference) {
    const target = reference[1]!;
    const mapUrl = target.startsWith("data:") ? url : new URL(target, url).href;
    const text = target.startsWith("data:") ? decodeDataUrl(target) : read(mapUrl);
    if (text !== null) map = parseMap(text, mapUrl);
  }
  maps.set(url, map);
  return map;
}

/** The mapping at or before 0-based `line` and `column` of the generated code, and whether it is exactly there. */
function lookup(map: PageMap, line: number, column: number): { segment: Segment; exact: boolean } | null {
  for (let index = line; index >= 0; index--) {
    const segments = map.lines[index] ?? [];
    for (let i = segments.length - 1; i >= 0; i--) {
      if (index < line || segments[i]![0] <= column) return { segment: segments[i]!, exact: index === line && segments[i]![0] === column };
    }
  }
  return null;
}

interface PythonPosition {
  file: string;
  lines: string[];
  line: number;
  span: PythonSpan | undefined;
}

/**
 * Follows maps from a generated position (0-based) to a .py file: at most a .js -> .ts -> .py
 * chain. `exact`: the position is where the code runs (a call's own position), not a nearby one.
 */
function pythonPosition(url: string, line: number, column: number, read: TextReader, depth = 0, exact = true): PythonPosition | null {
  const map = mapOf(url, read);
  const found = map && lookup(map, line, column);
  if (!map || !found) return null;
  const [, source, sourceLine, sourceCol] = found.segment;
  const file = map.files[source];
  if (file === undefined) return null;
  if (file.endsWith(".py")) {
    const lines = map.texts[source] ?? (read(map.urls[source]!) ?? "").split(/\r?\n/);
    // pyts's call spans are keyed by the position V8 reports for a call, in the code the map describes.
    return { file, lines, line: sourceLine + 1, span: exact ? map.calls.get(`${line}:${column}`) : undefined };
  }
  return depth < 2 ? pythonPosition(map.urls[source]!, sourceLine, sourceCol, read, depth + 1, exact && found.exact) : null;
}

const FRAME = /(?:\(|@|at )((?:https?|file|blob):[^\s()]*?):(\d+):(\d+)\)?$/;

function mappedFrames(error: unknown, read: TextReader): string[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames: string[] = [];
  for (const text of stack.split("\n")) {
    const m = FRAME.exec(text.trim());
    const at = m && pythonPosition(m[1]!, Number(m[2]) - 1, Number(m[3]) - 1, read);
    if (!at) continue;
    const source = at.lines[at.line - 1] ?? "";
    const name = sameLineName(source, at.span ? charOffset(source, at.span.col) : null) ?? enclosingName(at.lines, at.line);
    let frame = `  File "${at.file}", line ${at.line}, in ${name}\n    ${source.trim()}`;
    const carets = at.span ? caretLine(source, at.span, error instanceof AttributeError && frames.length === 0) : null;
    if (carets !== null) frame += "\n" + carets;
    frames.push(frame);
  }
  // Most recent call last.
  return collapseRepeats(frames.reverse());
}

/** Frames read from the source maps of the scripts a stack names, read by `read`. */
export function installMapFrames(read: TextReader): void {
  setFrameProvider((error) => mappedFrames(error, read));
}
