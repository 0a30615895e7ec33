// The builtin `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the import
// statement's machinery called by name, as CPython's importlib._bootstrap.__import__ binds it
// (the top package for `__import__("a.b")`, the module itself when a fromlist is given).
import { ImportError, KeyError, ModuleNotFoundError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { getattrImpl } from "../values/attributes.js";
import { getitem } from "../values/subscript.js";
import { iterable } from "../values/iteration.js";
import { isNone } from "./callable-class.js";
import { typeName } from "../values/typename.js";
import { importByName } from "./program-modules.js";
import { sysModule } from "./sys.js";

const PARAMETERS = ["name", "globals", "locals", "fromlist", "level"] as const;

export function __import__(...args: unknown[]): any {
  const [positional, keywords] = splitKw(args);
  if (positional.length > PARAMETERS.length) throw new PyTypeError(`__import__() takes at most 5 arguments (${positional.length} given)`);
  const given: Record<string, unknown> = {};
  positional.forEach((value, i) => (given[PARAMETERS[i]!] = value));
  for (const [key, value] of Object.entries(keywords)) {
    if (!(PARAMETERS as readonly string[]).includes(key)) throw new PyTypeError(`__import__() got an unexpected keyword argument '${key}'`);
    if (key in given) throw new PyTypeError(`argument for __import__() given by name ('${key}') and position (${PARAMETERS.indexOf(key as (typeof PARAMETERS)[number]) + 1})`);
    given[key] = value;
  }
  if (!("name" in given)) throw new PyTypeError("__import__() missing required argument 'name' (pos 1)");
  const name = given["name"];
  if (typeof name !== "string") throw new PyTypeError("module name must be a string");
  const level = Number(given["level"] ?? 0n);
  if (level < 0) throw new ValueError("level must be >= 0");
  const fromlist = isNone(given["fromlist"] ?? null) ? [] : Array.from(iterable(given["fromlist"]));
  const absolute = level > 0 ? relativeName(name, given["globals"] ?? null, level) : name;
  if (absolute === "") throw new ValueError("Empty module name");
  const module = importByName(absolute);
  if (fromlist.length === 0) {
    if (level === 0) return importByName(name.split(".")[0]!);
    if (name === "") return module;
    // (the module the relative name's first part names)
    const cut = name.length - name.split(".")[0]!.length;
    return sysModule.modules.get(absolute.slice(0, absolute.length - cut)) ?? module;
  }
  if (hasAttribute(module, "__path__")) {
    // A package's fromlist names its submodules too: each not yet an attribute is imported.
    for (const item of fromlist) {
      if (typeof item !== "string") throw new PyTypeError(`Item in ${module.__name__}.__all__ must be str, not ${typeName(item)}`);
      if (item === "*" || hasAttribute(module, item)) continue;
      try {
        importByName(`${absolute}.${item}`);
      } catch (error) {
        if (!(error instanceof ModuleNotFoundError && (error as { name: unknown }).name === `${absolute}.${item}`)) throw error;
      }
    }
  }
  return module;
}

function hasAttribute(module: unknown, name: string): boolean {
  try {
    getattrImpl(module, name);
    return true;
  } catch {
    return false;
  }
}

/** `__import__(name, globals, level=n)`: the absolute name, from the package the globals name. */
function relativeName(name: string, globals: unknown, level: number): string {
  if (isNone(globals)) throw new KeyError("'__name__' not in globals");
  let pkg: unknown = null;
  try {
    pkg = getitem(globals, "__package__");
  } catch {
    pkg = null;
  }
  if (isNone(pkg)) {
    const owner = getitem(globals, "__name__");
    const isPackage = (() => {
      try {
        getitem(globals, "__path__");
        return true;
      } catch {
        return false;
      }
    })();
    pkg = isPackage ? owner : String(owner).split(".").slice(0, -1).join(".");
  }
  if (typeof pkg !== "string") throw new PyTypeError("package must be a string");
  if (pkg === "") throw new ImportError("attempted relative import with no known parent package");
  const parts = pkg.split(".");
  if (level - 1 >= parts.length) throw new ImportError("attempted relative import beyond top-level package");
  const base = parts.slice(0, parts.length - (level - 1)).join(".");
  return name === "" ? base : `${base}.${name}`;
}
