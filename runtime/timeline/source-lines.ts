// The line of the program running now, for the timeline: read from structured call sites (no
// stack text), each JS call site mapped to its Python line once.

import { pythonFrames } from "../values/traceback.js";

/** Python lines by the JS position of the program's innermost frame: each call site is mapped once. */
const lineCache = new Map<string, number>();
/**
 * The runtime's own files, as stack frames name them (frames there are not the program's):
 * this module's folder's parent, or the one file when the runtime is loaded as a single
 * prebuilt file. Found from a frame of this module, since a bundle has no `import.meta.url`.
 */
let runtimeRoot: string | null = null;
function runtimeFiles(): string {
  if (runtimeRoot !== null) return runtimeRoot;
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder);
  const sites = holder.stack ?? []; // read before restoring: V8 formats the stack on first read
  Error.prepareStackTrace = prepare;
  const own = (sites[0]?.getFileName() ?? "").replace(/^file:\/\//, "");
  const modular = /[\\/]timeline[\\/]source-lines\.[jt]s$/.exec(own);
  runtimeRoot = modular ? own.slice(0, modular.index + 1) : own;
  return runtimeRoot;
}

const keepSites = (_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

/** The first call site outside the runtime and Node among the innermost `depth` frames. */
function firstProgramSite(depth: number): NodeJS.CallSite | null | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = keepSites;
  Error.stackTraceLimit = depth;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, firstProgramSite);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  const root = runtimeFiles();
  const rootUrl = `file://${root}`;
  for (const site of sites) {
    const file = site.getFileName();
    if (!file || file.startsWith("node:") || (root !== "" && (file.startsWith(root) || file.startsWith(rootUrl)))) continue;
    return site;
  }
  // undefined: none among as many frames as asked for (a deeper look may find one).
  return sites.length < depth ? null : undefined;
}

/** Where the program's innermost frame is now (`file:line:col` of the JS), cheaply: no stack text. */
function programPosition(): string | null {
  // The program is usually a few frames out (the runtime's calls that reached the hook).
  let site = firstProgramSite(12);
  if (site === undefined) site = firstProgramSite(64);
  return site ? `${site.getFileName()}:${site.getLineNumber()}:${site.getColumnNumber()}` : null;
}

/** The line of the innermost Python frame running now (0 when frames are not mapped). */
export function currentLine(): number {
  const position = programPosition();
  if (position === null) return 0;
  const known = lineCache.get(position);
  if (known !== undefined) return known;
  const frames = pythonFrames(new Error());
  const last = frames[frames.length - 1];
  const m = last === undefined ? null : /, line (\d+)/.exec(last);
  const line = m ? Number(m[1]) : 0;
  if (lineCache.size < 100_000) lineCache.set(position, line);
  return line;
}
