// What a class records of its methods as function objects (signature specs, defaults,
// docstrings, keyword binding): for most methods once after the body; for a def its own
// decorators see, just before they run where the def stands.

import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { qualname } from "./functions.js";
import { objectKey } from "../../runtime/lang/attr-names.js";
import { decoratedInPlace } from "./class-members.js";
import { mangle } from "./classes.js";

type Entries = { key: string; value: ir.Expr }[];

/** `pyMethods(this, "Cls", specs, defaults?, docs?, kwdefaults?)`, or nothing when all are empty. */
export function pyMethodsBlock(cx: LowerContext, cls: py.ClassDef, specs: Entries, defaults: Entries, docs: Entries, kwdefaults: Entries): ir.ClassMember[] {
  if (!specs.length && !defaults.length && !kwdefaults.length) return [];
  const prefix: ir.Expr = { k: "str", value: qualname(cx.scopeOf(cls)) };
  const args: ir.Expr[] = [{ k: "this" }, prefix, { k: "object", props: specs }];
  if (defaults.length || docs.length || kwdefaults.length) args.push({ k: "object", props: defaults });
  if (docs.length || kwdefaults.length) args.push({ k: "object", props: docs });
  if (kwdefaults.length) args.push({ k: "object", props: kwdefaults });
  return [{ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("pyMethods"), args } }] }];
}

/** Removes and returns the entries under `key`. */
function take(entries: Entries, key: string): Entries {
  const taken = entries.filter((e) => e.key === key);
  if (taken.length) entries.splice(0, entries.length, ...entries.filter((e) => e.key !== key));
  return taken;
}

/**
 * A def decorated where it stands: its records (taken out of the class-wide tables) first, and
 * for a def its decorators wrap, its keyword binding too (the wrapper's `fn(*args, **kwargs)`
 * passes keywords on by name).
 */
export function recordsBeforeDecoration(
  cx: LowerContext,
  cls: py.ClassDef,
  st: py.FunctionDef | py.AsyncFunctionDef,
  tables: { methodSpecs: Entries; methodDefaults: Entries; methodDocs: Entries; methodKwdefaults: Entries; keywordTable: Entries },
): ir.ClassMember[] {
  const key = objectKey(mangle(cx, st.name));
  const out = pyMethodsBlock(cx, cls, take(tables.methodSpecs, key), take(tables.methodDefaults, key), take(tables.methodDocs, key), take(tables.methodKwdefaults, key));
  if (decoratedInPlace(cls).has(st.name)) {
    const keywords = take(tables.keywordTable, key);
    if (keywords.length) out.push({ k: "staticBlock", body: [{ k: "expr", expr: { k: "call", callee: cx.rt("keywordMethods"), args: [{ k: "this" }, { k: "object", props: keywords }] } }] });
  }
  return out;
}
