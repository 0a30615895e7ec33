// Submodules of the standard packages (`http.client`, `xml.etree`, `concurrent.futures`, ...):
// CPython's package has the submodule as an attribute only once something imported it. In a
// program of one module the lowering sees every import: `import http` alone and then
// `http.client` raises CPython's AttributeError where it is read. (A module imported by the
// program itself, or some import of another module, may import them: then nothing is checked.)
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { RUNTIME_SUBMODULES } from "./builtins.js";

/** Submodules CPython has imported when a program starts (site's imports). */
const AT_STARTUP = ["collections.abc", "urllib.parse", "os.path"];

/** The submodules importing a module imports too (measured with python3 3.11). */
const IMPLIED: Record<string, readonly string[]> = {
  asyncio: ["asyncio.subprocess", "concurrent.futures"],
  "asyncio.subprocess": ["concurrent.futures"],
  "http.server": ["http.client"],
  "logging.config": ["logging.handlers"],
  "unittest.mock": ["asyncio.subprocess", "concurrent.futures"],
  "urllib.request": ["http.client", "urllib.error"],
  "xml.etree.ElementTree": ["xml.etree"],
};

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

/** The modules this module's imports (anywhere in it) bring, or null when others may bring more. */
function importedHere(cx: LowerContext): Set<string> | null {
  if (cache.has(cx)) return cache.get(cx)!;
  let names: Set<string> | null = new Set<string>(AT_STARTUP);
  const visit = (node: unknown): void => {
    if (names === null || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const s = node as py.Stmt;
    if (s._type === "Import") for (const a of s.names) note(names, a.name);
    else if (s._type === "ImportFrom") {
      // (a relative import, or a third-party package: what it imports is not known here)
      if (s.level > 0 || s.module === null || s.module.split(".")[0] === "aiohttp") names = null;
      else {
        note(names, s.module);
        for (const a of s.names) note(names, `${s.module}.${a.name}`);
      }
    } else for (const v of Object.values(node)) if (typeof v === "object") visit(v);
  };
  visit(cx.moduleBody);
  if (names !== null && ([...names].some((n) => n.split(".")[0] === "aiohttp") || cx.programModuleNames.size > 0 || cx.programImports.size > 0 || (cx.program !== null && cx.program.entryOnly !== true))) names = null;
  cache.set(cx, names);
  return names;
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
  return { k: "call", callee: cx.rt("submoduleNotImported"), args: [object(), { k: "str", value: e.attr }], loc: cx.loc(e) };
}
