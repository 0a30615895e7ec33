// Submodules of the standard packages (`http.client`, `xml.etree`, `concurrent.futures`, ...):
// CPython's package has the submodule as an attribute only once something imported it. In a
// program of one module the lowering sees every import: `import http` alone and then
// `http.client` raises CPython's AttributeError where it is read. In a program of several
// modules another module may import it, before the read or after: each module's imports of
// standard submodules tell the runtime as they run, and a read this module's own imports do
// not bring asks the runtime. (A third-party package, aiohttp, may import any: then nothing
// is checked.)
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { RUNTIME_SUBMODULES } from "./builtins.js";
import { nestedStatements } from "../frontend/walk.js";

/** Submodules CPython has imported when a program starts (site's imports). */
const AT_STARTUP = ["collections.abc", "urllib.parse", "os.path"];

/** The submodules importing a module imports too (measured with python3 3.11). */
const IMPLIED: Record<string, readonly string[]> = {
  asyncio: ["asyncio.subprocess", "asyncio.streams", "asyncio.transports", "asyncio.protocols", "concurrent.futures"],
  "asyncio.subprocess": ["concurrent.futures"],
  html: ["html.entities"],
  "http.server": ["http.client"],
  "logging.config": ["logging.handlers"],
  "unittest.mock": ["asyncio.subprocess", "asyncio.streams", "asyncio.transports", "asyncio.protocols", "concurrent.futures"],
  "urllib.request": ["http.client", "urllib.error"],
  "xml.etree.ElementTree": ["xml.etree"],
  "xml.dom.minidom": ["xml.dom"],
};

/** What importing a top-level package brings (`import asyncio`): in a program of several modules, not told to the runtime, so never checked. */
const VIA_PACKAGE = new Set(Object.entries(IMPLIED).flatMap(([name, implied]) => (name.includes(".") ? [] : implied)));

const cache = new WeakMap<LowerContext, Set<string> | null>();

function note(into: Set<string>, dotted: string): void {
  const parts = dotted.split(".");
  for (let i = 1; i <= parts.length; i++) {
    const name = parts.slice(0, i).join(".");
    if (into.has(name)) continue;
    into.add(name);
    for (const implied of IMPLIED[name] ?? []) note(into, implied);
  }
}

/** The standard modules one import statement brings (with what they import in turn); null for aiohttp's. */
function importBrings(s: py.Import | py.ImportFrom): Set<string> | null {
  const names = new Set<string>();
  if (s._type === "Import") for (const a of s.names) note(names, a.name);
  else {
    if (s.level > 0 || s.module === null) return names;
    note(names, s.module);
    for (const a of s.names) note(names, `${s.module}.${a.name}`);
  }
  return [...names].some((n) => n.split(".")[0] === "aiohttp") ? null : names;
}

/** The standard modules this module's imports (anywhere in it) bring; null when aiohttp's may bring any. */
function importedHere(cx: LowerContext): Set<string> | null {
  if (cache.has(cx)) return cache.get(cx)!;
  let names: Set<string> | null = new Set<string>(AT_STARTUP);
  // imports are statements: the statements of every block are walked, not the expressions
  const pending: py.Stmt[] = [...cx.moduleBody];
  for (let s = pending.pop(); s !== undefined && names !== null; s = pending.pop()) {
    if (s._type === "Import" || s._type === "ImportFrom") {
      const brought = importBrings(s);
      if (brought === null) names = null;
      else for (const n of brought) names.add(n);
    } else for (const block of nestedStatements(s)) for (const inner of block) pending.push(inner);
  }
  cache.set(cx, names);
  return names;
}

/** Is the module one of several in its program (another may import what this one reads)? */
function severalModules(cx: LowerContext): boolean {
  return cx.programModuleNames.size > 0 || cx.programImports.size > 0 || (cx.program !== null && cx.program.entryOnly !== true);
}

/**
 * In a program of several modules, an import of standard submodules tells the runtime which it
 * brings, where it runs (`submodulesImported("http", "http.client")`); nothing elsewhere.
 */
export function noteSubmoduleImport(cx: LowerContext, s: py.Import | py.ImportFrom): ir.Stmt[] {
  if (!severalModules(cx)) return [];
  const brought = importBrings(s);
  const named = s._type === "Import" ? s.names.map((a) => a.name) : s.module === null ? [] : [s.module, ...s.names.map((a) => `${s.module}.${a.name}`)];
  const explicit = (n: string): boolean => named.some((m) => m === n || m.startsWith(`${n}.`));
  const dotted = brought === null ? ["aiohttp"] : [...brought].filter((n) => n.includes(".") && RUNTIME_SUBMODULES.has(n) && !AT_STARTUP.includes(n) && (!VIA_PACKAGE.has(n) || explicit(n)));
  if (dotted.length === 0) return [];
  const call: ir.Expr = { k: "call", callee: cx.rt("submodulesImported"), args: dotted.map((value) => ({ k: "str", value })), loc: cx.loc(s) };
  return [{ k: "expr", expr: call, loc: cx.loc(s) }];
}

/** `pkg.sub` read where `pkg` is a standard package and no import brought `pkg.sub`: CPython's AttributeError. */
export function submoduleNotImported(cx: LowerContext, e: py.Attribute, object: () => ir.Expr): ir.Expr | null {
  if (e.value._type !== "Name") return null;
  const known = cx.knownBinding(e.value.id);
  if (known?.k !== "module") return null;
  const full = `${known.module}.${e.attr}`;
  if (!RUNTIME_SUBMODULES.has(full)) return null;
  const imported = importedHere(cx);
  if (imported === null || imported.has(full)) return null;
  // (another module of the program may have imported it by now: the runtime knows; a plain
  // `import asyncio` there is not told, so what it brings is not checked)
  if (severalModules(cx) && VIA_PACKAGE.has(full)) return null;
  if (severalModules(cx)) return { k: "call", callee: cx.rt("checkedSubmodule"), args: [object(), { k: "str", value: e.attr }, { k: "str", value: full }], loc: cx.loc(e) };
  return { k: "call", callee: cx.rt("submoduleNotImported"), args: [object(), { k: "str", value: e.attr }], loc: cx.loc(e) };
}
