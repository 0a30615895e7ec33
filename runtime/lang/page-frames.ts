// Python traceback frames in a browser page. A bundle built with a source map (esbuild's
// `sourcemap: "inline"` or `true`) maps its positions back to the .py files, because pyts/esbuild
// hands esbuild each module's own map. When a traceback is printed, the script named by each
// stack frame is read again (a synchronous request: the report is printed now) for its
// `sourceMappingURL`, and each frame whose position maps to a .py file becomes
//   File "/app/helper.py", line 5, in divide
//     return a / b
// The map holds statement positions only, so these frames carry no carets (CPython's
// `~~^~~` under the failing expression). Without a map the traceback has no frames.
import { setFrameProvider } from "../values/traceback.js";
import { collapseRepeats, decodeVlq, enclosingName } from "./frames.js";

/** One mapping: generated column -> source index, source line and column (all 0-based). */
type Segment = readonly [number, number, number, number];

interface PageMap {
  /** segments of each generated line, by column */
  lines: Segment[][];
  /** each source's path as a traceback names it */
  files: string[];
  /** each source's lines (from the map's sourcesContent) */
  texts: (string[] | null)[];
}

interface PageRequest {
  open(method: string, url: string, async: boolean): void;
  send(): void;
  readonly status: number;
  readonly responseText: string;
}

/** The text at `url`, read synchronously; null when the page cannot read it. */
function fetchText(url: string): string | null {
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
  let raw: { mappings?: unknown; sources?: unknown; sourcesContent?: unknown; sourceRoot?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return null;
  }
  if (typeof raw.mappings !== "string" || !Array.isArray(raw.sources)) return null;
  const root = typeof raw.sourceRoot === "string" ? raw.sourceRoot : "";
  const files = raw.sources.map((source) => displayPath(new URL(root + String(source), mapUrl)));
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
  return { lines, files, texts };
}

const maps = new Map<string, PageMap | null>();

/** The source map of the script at `url` (cached; null when it has none or cannot be read). */
function mapOf(url: string): PageMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: PageMap | null = null;
  const script = fetchText(url);
  const reference = script && /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(script.slice(-Math.min(script.length, 1 << 24)).trimEnd());
  if (reference) {
    const target = reference[1]!;
    const text = target.startsWith("data:") ? decodeDataUrl(target) : fetchText(new URL(target, url).href);
    if (text !== null) map = parseMap(text, target.startsWith("data:") ? url : new URL(target, url).href);
  }
  maps.set(url, map);
  return map;
}

/** The mapping at or before 1-based `line` and `column` of the generated code. */
function lookup(map: PageMap, line: number, column: number): Segment | null {
  for (let index = line - 1; index >= 0; index--) {
    const segments = map.lines[index] ?? [];
    for (let i = segments.length - 1; i >= 0; i--) {
      if (index < line - 1 || segments[i]![0] <= column - 1) return segments[i]!;
    }
  }
  return null;
}

const FRAME = /(?:\(|@|at )((?:https?|file|blob):[^\s()]*?):(\d+):(\d+)\)?$/;

function pageFrames(error: unknown): string[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames: string[] = [];
  for (const text of stack.split("\n")) {
    const m = FRAME.exec(text.trim());
    const map = m ? mapOf(m[1]!) : null;
    const segment = map && lookup(map, Number(m![2]), Number(m![3]));
    if (!map || !segment) continue;
    const file = map.files[segment[1]];
    const lines = map.texts[segment[1]];
    if (file === undefined || !file.endsWith(".py") || !lines) continue;
    const line = segment[2] + 1;
    frames.push(`  File "${file}", line ${line}, in ${enclosingName(lines, line)}\n    ${(lines[line - 1] ?? "").trim()}`);
  }
  // Most recent call last.
  return collapseRepeats(frames.reverse());
}

/** Frames for tracebacks printed in a page (the host has no Node.js). */
export function installPageFrames(): void {
  if (typeof (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest !== "function") return;
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit ?? 10, 200);
  setFrameProvider(pageFrames);
}
