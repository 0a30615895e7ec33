// The text `help(mod)` prints for a module of the program, laid out as CPython's pydoc
// (TextDoc.docmodule) lays it out: NAME and DESCRIPTION from the docstring, the CLASSES tree and
// documents, FUNCTIONS, DATA, VERSION/DATE/AUTHOR/CREDITS and FILE, each section indented by four.

import { getattr } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { repr, toStr } from "../values/repr.js";
import { isClass, typeName } from "../values/typename.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import { classDoc, docOf, indent, routineEntry } from "./pydoc-text.js";

/** Names pydoc never lists (pydoc.visiblename's `_hidden_names`). */
const HIDDEN = new Set(["__author__", "__builtins__", "__cached__", "__credits__", "__date__", "__doc__", "__file__", "__spec__", "__loader__", "__module__", "__name__", "__package__", "__path__", "__qualname__", "__slots__", "__version__"]);

/** pydoc.visiblename: dunders shown, private names only when `__all__` lists them. */
function visible(name: string, all: string[] | null): boolean {
  if (HIDDEN.has(name)) return false;
  if (name.startsWith("__") && name.endsWith("__")) return true;
  if (all !== null) return all.includes(name);
  return !name.startsWith("_");
}

/** pydoc's section: the title, then the contents indented by four, ending with a blank line. */
function section(title: string, contents: string): string {
  return `${title}\n${indent(contents, "    ").trimEnd()}\n\n`;
}

/** The module's attributes, sorted by name (inspect.getmembers). */
function members(module: unknown): [string, unknown][] {
  const dict = getattr(module, "__dict__");
  const items = [...iterable(callValue(getattr(dict, "items")))] as Tuple<unknown>[];
  return items.map((item) => item.items as [string, unknown]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** pydoc's class tree of `classes` (single inheritance: each class under its first base). */
function classTree(classes: unknown[], moduleName: string): string {
  const nameOf = (c: unknown): string => {
    const cModule = toStr(getattr(c, "__module__"));
    const cName = toStr(getattr(c, "__qualname__"));
    return cModule === moduleName ? cName : `${cModule}.${cName}`;
  };
  const basesOf = (c: unknown): readonly unknown[] => (getattr(c, "__bases__") as Tuple<unknown>).items;
  const children = new Map<unknown, unknown[]>();
  const roots: unknown[] = [];
  for (const c of classes) {
    for (const base of basesOf(c)) {
      if (!children.has(base)) children.set(base, []);
      if (!children.get(base)!.includes(c)) children.get(base)!.push(c);
      if (!classes.includes(base) && !roots.includes(base)) roots.push(base);
    }
  }
  const lines: string[] = [];
  const walk = (c: unknown, parent: unknown, prefix: string): void => {
    const bases = basesOf(c);
    const shown = bases.length > 0 && !(bases.length === 1 && bases[0] === parent) ? `(${bases.map(nameOf).join(", ")})` : "";
    lines.push(prefix + nameOf(c) + shown);
    for (const child of children.get(c) ?? []) walk(child, c, prefix + "    ");
  };
  for (const root of roots) walk(root, null, "");
  return lines.join("\n") + "\n";
}

/** pydoc's `name = repr` of a data attribute, cut to 70 characters. */
function dataEntry(name: string, value: unknown): string {
  let text = repr(value);
  const line = `${name} = ${text}`;
  if (line.length > 70) text = text.slice(0, 70 - line.length) + "...";
  return `${name} = ${text}`;
}

/** `help(mod)` of a module of the program (before the blank line that ends it). */
export function moduleText(module: unknown): string {
  const name = toStr(getattr(module, "__name__"));
  const allValue = getattr(module, "__all__", null);
  const all = allValue === null ? null : ([...iterable(allValue)] as unknown[]).map((n) => toStr(n));
  const doc = docOf(module);
  const lines = doc === "" ? [] : doc.split("\n");
  // (pydoc.splitdoc: a first line followed by a blank one is the synopsis)
  const [synopsis, description] = lines.length === 1 ? [lines[0]!, ""] : lines.length >= 2 && lines[1]!.trim() === "" ? [lines[0]!, lines.slice(2).join("\n").trim()] : ["", lines.join("\n")];
  let result = section("NAME", name + (synopsis !== "" ? ` - ${synopsis}` : ""));
  if (description !== "") result += section("DESCRIPTION", description);
  const own = (value: unknown): boolean => getattr(value, "__module__", null) === name;
  const all_ = members(module);
  const classes = all_.filter(([key, value]) => isClass(value) && own(value) && visible(key, all));
  const functions = all_.filter(([key, value]) => !isClass(value) && ["function", "builtin_function_or_method"].includes(typeName(value)) && (all !== null || own(value)) && visible(key, all));
  const data = all_.filter(([key, value]) => !isClass(value) && typeof value !== "function" && typeName(value) !== "module" && visible(key, all));
  if (classes.length > 0) {
    const contents = [classTree(classes.map(([, c]) => c), name), ...classes.map(([, c]) => classDoc(c))];
    result += section("CLASSES", contents.join("\n"));
  }
  if (functions.length > 0) result += section("FUNCTIONS", functions.map(([key, f]) => routineEntry(key, f)).join("\n"));
  if (data.length > 0) result += section("DATA", data.map(([key, value]) => dataEntry(key, value)).join("\n"));
  for (const [attr, title] of [["__version__", "VERSION"], ["__date__", "DATE"], ["__author__", "AUTHOR"], ["__credits__", "CREDITS"]] as const) {
    const value = getattr(module, attr, null);
    if (value !== null) result += section(title, toStr(value));
  }
  const file = getattr(module, "__file__", null);
  result += section("FILE", file === null ? "(built-in)" : toStr(file));
  return `Help on module ${name}:\n\n${result}`;
}
