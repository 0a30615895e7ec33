// The text `help(obj)` prints for a function or a class, laid out as CPython's pydoc lays out
// its plain-text documents (sections of a class sorted by name, `|` rules, four-space indents).

import { PyTypeError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { repr, toStr } from "../values/repr.js";
import { isClass, typeName } from "../values/typename.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";
import { moduleText } from "./pydoc-module.js";

/** The docs `object` gives its dunders, which a method without its own doc shows (pydoc inherits them). */
const OBJECT_DOCS: Record<string, string> = {
  __init__: "Initialize self.  See help(type(self)) for accurate signature.",
  __repr__: "Return repr(self).",
  __str__: "Return str(self).",
  __eq__: "Return self==value.",
  __ne__: "Return self!=value.",
  __lt__: "Return self<value.",
  __le__: "Return self<=value.",
  __gt__: "Return self>value.",
  __ge__: "Return self>=value.",
  __hash__: "Return hash(self).",
  __format__: "Default object formatter.",
  __setattr__: "Implement setattr(self, name, value).",
  __getattribute__: "Return getattr(self, name).",
  __delattr__: "Implement delattr(self, name).",
};

/** The docs of the descriptors CPython gives a class's instances. */
const DESCRIPTOR_DOCS: Record<string, string> = {
  __dict__: "dictionary for instance variables",
  __weakref__: "list of weak references to the object",
};

const RULE = "-".repeat(70);

/** `inspect.cleandoc` of the object's `__doc__` ("" without one). */
export function docOf(obj: unknown): string {
  const doc = getattr(obj, "__doc__", null);
  if (typeof doc !== "string") return "";
  return toStr(callValue(getattr(standardModule("inspect"), "cleandoc"), doc));
}

/** `(a, b=1)`, or null where the object has no signature. */
function signatureOf(obj: unknown): string | null {
  try {
    return toStr(callValue(getattr(standardModule("inspect"), "signature"), obj));
  } catch {
    return null;
  }
}

/** Each line after `prefix` (blank ones too), the last without trailing spaces, as pydoc indents. */
export function indent(text: string, prefix: string): string {
  const lines = text.split("\n").map((line) => prefix + line);
  lines[lines.length - 1] = lines[lines.length - 1]!.trimEnd();
  return lines.join("\n");
}

/** `__init__`'s signature: the class's, after `self` (the class records it where the function does not). */
function initSignature(cls: unknown): string | null {
  const called = signatureOf(cls);
  return called === null ? null : called === "()" ? "(self)" : `(self, ${called.slice(1)}`;
}

/** A routine's entry: `name(signature)`, then its doc indented by four. */
export function routineEntry(name: string, fn: unknown, suffix = "", fallbackDoc = "", signature = signatureOf(fn) ?? "(...)"): string {
  const decl = name === "<lambda>" ? `<lambda> lambda ${signature.slice(1, -1)}` : `${name}${signature}${suffix}`;
  const doc = docOf(fn) || fallbackDoc;
  return doc === "" ? decl + "\n" : `${decl}\n${indent(doc, "    ")}\n`;
}

/** `help(f)` of a function or a built-in function. */
function functionText(fn: unknown): string {
  const builtin = typeName(fn) === "builtin_function_or_method";
  const name = toStr(getattr(fn, "__name__"));
  const module = getattr(fn, "__module__", null);
  const where = typeof module === "string" ? ` in module ${module}` : "";
  return `Help on ${builtin ? "built-in function" : "function"} ${name}${where}:\n\n${routineEntry(name, fn)}`;
}

/**
 * The attributes `holder` (a class of `cls`'s MRO) defines that no class before it did (`seen`),
 * by pydoc's sections, each sorted by name and titled with `tag` ("defined here", "inherited
 * from Shape").
 */
function classSections(cls: unknown, holder: unknown, tag: string, seen: Set<string>): string[] {
  const methods: string[] = [];
  const classMethods: string[] = [];
  const staticMethods: string[] = [];
  const readonly: string[] = [];
  const descriptors: string[] = [];
  const data: string[] = [];
  const items = [...iterable(callValue(getattr(getattr(holder, "__dict__"), "items")))] as Tuple<unknown>[];
  const sorted = items.map((item) => item.items as [string, unknown]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of sorted) {
    if (name === "__module__" || name === "__doc__" || name === "__qualname__") continue;
    if (seen.has(name)) continue;
    seen.add(name);
    const kind = typeName(value);
    // (read off the class: the function the class body defined, with its signature)
    if (kind === "function") {
      const method = getattr(cls, name);
      const signature = signatureOf(method) ?? (name === "__init__" ? initSignature(cls) : null) ?? "(...)";
      methods.push(routineEntry(name, method, "", OBJECT_DOCS[name] ?? "", signature));
    }
    else if (kind === "classmethod") classMethods.push(routineEntry(name, getattr(cls, name), " from builtins.type"));
    else if (kind === "staticmethod") staticMethods.push(routineEntry(name, getattr(value, "__func__")));
    else if (kind === "property") {
      const doc = docOf(value);
      const entry = doc === "" ? name + "\n" : `${name}\n${indent(doc, "    ")}\n`;
      (getattr(value, "fset", null) === null ? readonly : descriptors).push(entry);
    } else if (kind === "getset_descriptor" || kind === "member_descriptor") {
      const doc = docOf(value) || (DESCRIPTOR_DOCS[name] ?? "");
      descriptors.push(doc === "" ? name + "\n" : `${name}\n${indent(doc, "    ")}\n`);
    } else data.push(`${name} = ${repr(value)}\n`);
  }
  const sections: [string, string[]][] = [
    [`Methods ${tag}:`, methods],
    [`Class methods ${tag}:`, classMethods],
    [`Static methods ${tag}:`, staticMethods],
    [`Readonly properties ${tag}:`, readonly],
    [`Data descriptors ${tag}:`, descriptors],
    [`Data and other attributes ${tag}:`, data],
  ];
  return sections.filter(([, entries]) => entries.length > 0).map(([title, entries]) => `${title}\n\n${entries.join("\n")}`);
}

/** `help(C)` of a class of the program (its bases the program's too, or `object`). */
function classText(cls: unknown): string {
  return `Help on class ${toStr(getattr(cls, "__name__"))} in module ${toStr(getattr(cls, "__module__"))}:\n\n${classDoc(cls)}`;
}

/** pydoc's document of class `cls`: `class C(bases)` and its body behind ` |  `. */
export function classDoc(cls: unknown): string {
  const name = toStr(getattr(cls, "__name__"));
  const module = toStr(getattr(cls, "__module__"));
  // (a class named as pydoc's classname does: module-qualified when of another module)
  const nameOf = (c: unknown): string => {
    const cModule = toStr(getattr(c, "__module__"));
    const cName = toStr(getattr(c, "__qualname__"));
    return cModule === module ? cName : `${cModule}.${cName}`;
  };
  const bases = (getattr(cls, "__bases__") as Tuple<unknown>).items;
  const mro = (getattr(cls, "__mro__") as Tuple<unknown>).items;
  const documented = mro.filter((c) => nameOf(c) !== "builtins.object");
  if (documented.some((c) => toStr(getattr(c, "__module__")) === "builtins")) {
    throw new PyTypeError(`pyts's help() documents classes whose bases are the program's classes or object, not ${name}(${bases.map(nameOf).join(", ")})`);
  }
  const intro: string[] = [];
  const signature = signatureOf(cls);
  if (signature !== null && signature !== "()") intro.push(`${name}${signature}\n`);
  const doc = docOf(cls);
  if (doc !== "") intro.push(doc + "\n");
  if (mro.length > 2) intro.push(`Method resolution order:\n${mro.map((c) => `    ${nameOf(c)}`).join("\n")}\n`);
  // (each class of the MRO but object: what it defines that no class before it did)
  const seen = new Set<string>();
  const sections = documented.flatMap((c) => classSections(cls, c, c === cls ? "defined here" : `inherited from ${nameOf(c)}`, seen));
  // (a rule of dashes between the sections, not after the introduction)
  const body = (intro.length > 0 ? intro.join("\n") + "\n" : "") + sections.join(`\n${RULE}\n`);
  return `class ${name}(${bases.map(nameOf).join(", ")})\n${indent(body.replace(/\n$/, ""), " |  ")}\n`;
}

/** The text `help(obj)` prints (before the blank line that ends it). */
export function helpText(obj: unknown): string {
  if (isClass(obj)) return classText(obj);
  const kind = typeName(obj);
  if (kind === "module") return moduleText(obj);
  if (kind === "function" || kind === "builtin_function_or_method") return functionText(obj);
  if (kind === "method") return methodText(obj);
  throw new PyTypeError(`pyts's help() documents functions and classes, not a ${kind} object`);
}

/** `help(obj.method)` of a bound method of the program's class. */
function methodText(method: unknown): string {
  const name = toStr(getattr(method, "__name__"));
  const module = getattr(method, "__module__", null);
  const owner = getattr(getattr(method, "__self__"), "__class__");
  const ownerName = `${toStr(getattr(owner, "__module__"))}.${toStr(getattr(owner, "__qualname__"))}`;
  const where = typeof module === "string" ? ` in module ${module}` : "";
  return `Help on method ${name}${where}:\n\n${routineEntry(name, method, ` method of ${ownerName} instance`)}`;
}
