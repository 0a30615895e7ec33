// What CPython's import system leaves on a module it loaded from a .py file: `__loader__` (a
// SourceFileLoader), `__spec__` (a ModuleSpec; None for the script run as `__main__`),
// `__cached__` (the .pyc path CPython would use; None for `__main__`) and `__builtins__` (the
// builtins module in `__main__`, its namespace dict elsewhere).
// Namespaces of the runtime's always-loaded parts only: a bundler keeps every module a
// dynamically read namespace re-exports, and the library modules must stay droppable.
import * as valueExports from "../values/index.js";
import * as langExports from "../lang/index.js";
import { Dict } from "../values/dict.js";
import { repr } from "../values/repr.js";
import { PyModule } from "./module-object.js";
import { registerBuiltinFunctions } from "../values/keyword-binding.js";

export class SourceFileLoader {
  static readonly pythonName = "SourceFileLoader";
  static readonly __module__ = "_frozen_importlib_external";

  constructor(
    readonly name: string,
    readonly path: string,
  ) {}
}

export class ModuleSpec {
  static readonly pythonName = "ModuleSpec";
  static readonly __module__ = "_frozen_importlib";
  readonly has_location = true;

  constructor(
    readonly name: string,
    readonly loader: SourceFileLoader,
    readonly origin: string,
    readonly submodule_search_locations: string[] | null,
    readonly cached: string,
  ) {}

  /** The package the module belongs to (itself for a package). */
  get parent(): string {
    return this.submodule_search_locations !== null ? this.name : this.name.slice(0, Math.max(0, this.name.lastIndexOf(".")));
  }

  __repr__(): string {
    const locations = this.submodule_search_locations !== null ? `, submodule_search_locations=${repr(this.submodule_search_locations)}` : "";
    return `ModuleSpec(name=${repr(this.name)}, loader=${repr(this.loader)}, origin=${repr(this.origin)}${locations})`;
  }
}

/** `dir/__pycache__/stem.cpython-311.pyc` for `dir/stem.py`, as CPython 3.11 names it. */
export function cachedPath(file: string): string {
  const slash = file.lastIndexOf("/");
  return `${file.slice(0, slash + 1)}__pycache__/${file.slice(slash + 1).replace(/\.py$/, "")}.cpython-311.pyc`;
}

/** The names of the builtins module the runtime has (exported under their Python names). */
const BUILTIN_NAMES = [
  "abs", "aiter", "all", "anext", "any", "ascii", "bin", "callable", "chr", "delattr", "dir", "divmod", "format", "getattr",
  "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter", "len", "max", "min", "next", "oct", "ord",
  "pow", "print", "repr", "round", "setattr", "sorted", "sum", "vars", "open", "Ellipsis", "NotImplemented", "eval", "exec", "compile",
  "bool", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float", "frozenset", "property",
  "int", "list", "map", "object", "range", "reversed", "set", "slice", "staticmethod", "str", "super", "tuple", "type", "zip",
  "BaseException", "Exception", "ArithmeticError", "AssertionError", "AttributeError", "EOFError", "ImportError",
  "ModuleNotFoundError", "LookupError", "IndexError", "KeyError", "MemoryError", "NameError", "UnboundLocalError",
  "OSError", "FileNotFoundError", "NotImplementedError", "OverflowError", "RecursionError", "RuntimeError",
  "StopIteration", "StopAsyncIteration", "SystemExit", "KeyboardInterrupt", "TimeoutError", "TypeError", "ValueError",
  "ZeroDivisionError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError", "Warning", "UserWarning",
  "DeprecationWarning", "RuntimeWarning", "GeneratorExit", "ExceptionGroup", "BaseExceptionGroup",
];

// (`partial(pow, exp=2)(7)`: callValue binds a builtin's keywords by the builtin's name)
registerBuiltinFunctions(() => ({ ...langExports, ...valueExports }));

let builtins: PyModule | null = null;
let builtinsDict: Dict | null = null;

/** The `builtins` module: `<module 'builtins' (built-in)>`, holding the builtins the runtime has. */
export function builtinsModule(): PyModule {
  if (builtins !== null) return builtins;
  builtins = new PyModule("builtins");
  const exports: Record<string, unknown> = { ...langExports, ...valueExports };
  const values: [string, unknown][] = [["None", null], ["True", true], ["False", false]];
  for (const name of BUILTIN_NAMES) if (exports[name] !== undefined) values.push([name, exports[name]]);
  for (const [name, value] of values) Object.defineProperty(builtins, name, { value, writable: true, enumerable: true, configurable: true });
  return builtins;
}

/** Sets a name of the builtins module (and of its `__dict__`): `builtins._` after a displayed value. */
export function setBuiltin(name: string, value: unknown): void {
  Object.defineProperty(builtinsModule(), name, { value, writable: true, enumerable: true, configurable: true });
  builtinsDict?.set(name, value);
}

/** `builtins.__dict__`: what a module other than `__main__` holds as `__builtins__`. */
export function builtinsNamespace(): Dict {
  if (builtinsDict !== null) return builtinsDict;
  const module = builtinsModule();
  builtinsDict = new Dict<unknown, unknown>();
  builtinsDict.set("__name__", "builtins");
  for (const key of Object.keys(module)) if (key !== "__name__") builtinsDict.set(key, (module as unknown as Record<string, unknown>)[key]);
  return builtinsDict;
}
