// Module objects for the standard modules the runtime provides as Python modules proper:
// `type(m).__name__` is "module", `repr(m)` names it, and a missing attribute raises
// CPython's `AttributeError: module 'm' has no attribute 'x'` (see missingAttribute).

import { getattrImpl } from "../values/attributes.js";
import { missingAttribute } from "../values/methods.js";
import { ImportError, moduleNotFoundOf, tracebackHook } from "../values/exceptions.js";
import { setSuggestion } from "../values/suggestions.js";
import { isClass } from "../values/typename.js";
import { setFunctionModule } from "../lang/functions.js";
import { guardReadOnlyData } from "../values/class-data.js";
import { markNoInstanceDict } from "../values/python-names.js";
import { C_FUNCTIONS } from "./c-functions.js";
import { MODULE_ALL } from "./module-all.js";
import { Tuple } from "../values/tuple.js";

export class PyModule {
  static readonly pythonName = "module";
  declare readonly __name__: string;
  /** CPython's `__all__` where its module has one (defineAll), else absent. */
  declare __all__: unknown;

  constructor(name: string) {
    Object.defineProperty(this, "__name__", { value: name, enumerable: true });
  }

  __repr__(): string {
    return `<module '${this.__name__}' (built-in)>`;
  }
}

/** The C functions of standard module `name` (c-functions.ts), each with the module it names. */
function cFunctions(name: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const entry of (Object.hasOwn(C_FUNCTIONS, name) ? C_FUNCTIONS[name]! : "").split(" ")) {
    if (entry === "") continue;
    const [attr, owner] = entry.split(":");
    table.set(attr!, owner ?? name);
  }
  return table;
}

/** The modules made so far, by name (a lazy module's file may have initialised before it was asked for). */
const made = new Map<string, PyModule>();
/** Lazy modules (lazyModule) whose file has not initialised yet, by name. */
const pending = new Map<string, { stub: PyModule; names: readonly (readonly [string, boolean])[] }>();

/** The module `name` holding `attributes` (typed, so emitted `m.attr` type-checks). */
export function moduleObject<T extends object>(name: string, attributes: T): PyModule & T {
  // Descriptors, not values: accessors such as `sys.stdout` stay live.
  const descriptors = Object.getOwnPropertyDescriptors(attributes);
  const cModules = cFunctions(name);
  for (const [key, descriptor] of Object.entries(descriptors)) {
    // A function made by a helper (`unary(Math.sqrt)`) is anonymous: its __name__ is its key.
    const value: unknown = descriptor.value;
    if (typeof value === "function" && value.name === "") Object.defineProperty(value, "name", { value: key });
    // (its functions' `__module__`: the module's name, as for a module of the program; a C
    // function of CPython's shows as built-in and may name its C module, `_functools`)
    if (typeof value === "function" && !isClass(value)) {
      const cModule = cModules.get(key);
      if (cModule !== undefined && !Object.hasOwn(value, "__builtin__")) Object.defineProperties(value, { __builtin__: { value: true }, __name__: { value: key }, __qualname__: { value: key } });
      setFunctionModule(value, cModule ?? name);
    }
    // (a class's read-only data attributes refuse stores as CPython's do)
    // (and those of a class whose instances have no `__dict__`, a deque's, refuse new attributes)
    if (typeof value === "function" && isClass(value)) {
      guardReadOnlyData(value);
      markNoInstanceDict(value);
    }
  }
  // The lazy module of this name becomes the module itself: its placeholders give way, in the
  // module's own order.
  const lazy = pending.get(name);
  pending.delete(name);
  const stub = lazy?.stub;
  if (lazy !== undefined) for (const [key] of lazy.names) delete (lazy.stub as unknown as Record<string, unknown>)[key];
  const module = Object.defineProperties(stub ?? new PyModule(name), descriptors) as PyModule & T;
  if (!Object.hasOwn(descriptors, "__all__") && Object.hasOwn(MODULE_ALL, name)) defineAll(module, MODULE_ALL[name]!);
  made.set(name, module);
  madeHook?.(name, module);
  return module;
}

/** `module.__all__`: CPython's list or tuple (module-all.ts), made when first read; a program may set it. */
function defineAll(module: PyModule, names: string): void {
  const own = (value: unknown): void => {
    Object.defineProperty(module, "__all__", { value, writable: true, configurable: true, enumerable: true });
  };
  Object.defineProperty(module, "__all__", {
    configurable: true,
    enumerable: true,
    get: () => {
      const list = names.split(" ");
      const value = list[0] === "(" ? new Tuple(list.slice(1)) : list;
      own(value);
      return value;
    },
    set: own,
  });
}

/** Told of each standard module as it is made (sys.modules holds them: onModuleMade). */
let madeHook: ((name: string, module: PyModule) => void) | null = null;

/**
 * Calls `hook` for every standard module made so far and for each one made later: `import json`
 * makes the module (its file initialises when the import runs), so sys.modules holds the
 * standard modules a program imported, and those they imported, as CPython's does.
 */
export function onModuleMade(hook: (name: string, module: PyModule) => void): void {
  madeHook = hook;
  for (const [name, module] of made) hook(name, module);
}

/**
 * Initialises the standard module `name` now if it is a lazy module still waiting: the
 * runtime's core reaches a module's file so (rather than importing it, which would make the
 * file part of every start) where the file registers what the core needs as it initialises.
 */
export function initialiseModule(name: string): void {
  const lazy = pending.get(name);
  if (lazy !== undefined) initialiseLazy(lazy.stub);
  const waiting = deferred.get(name);
  if (waiting !== undefined && !made.has(name)) {
    // Not asked for yet (deferredModule): its file makes the module itself, no stub needed.
    deferred.delete(name);
    waiting();
    if (!made.has(name)) throw new Error(`pyts runtime: loading the module '${name}' did not make it`);
  }
}

/**
 * A caught exception always has its traceback object, as in CPython: the first read of an
 * `__traceback__` (or the first `raise e` of an exception made elsewhere) loads the traceback
 * module's file, which installs the maker (the stack is captured when the exception is made).
 */
const loadTracebacks = (e: Parameters<typeof tracebackHook.make>[0]): unknown => {
  initialiseModule("traceback");
  return tracebackHook.make === loadTracebacks ? null : tracebackHook.make(e);
};
tracebackHook.make = loadTracebacks;
const loadForRaise: typeof tracebackHook.raised = (e, caller) => {
  initialiseModule("traceback");
  if (tracebackHook.raised !== loadForRaise) tracebackHook.raised(e, caller);
};
tracebackHook.raised = loadForRaise;

/** The standard module `name`, its file initialised (initialiseModule). */
export function standardModule(name: string): PyModule {
  initialiseModule(name);
  const module = made.get(name);
  if (module === undefined) throw new Error(`pyts runtime: no standard module '${name}'`);
  return module;
}

/**
 * The standard module of dotted name `dotted` (`json`, `os.path`, `xml.etree.ElementTree`),
 * initialised, for an import by a name computed at run time; undefined when the runtime has
 * no such module.
 */
export function standardModuleNamed(dotted: string): PyModule | undefined {
  const known = (name: string): boolean => made.has(name) || pending.has(name) || deferred.has(name);
  const parts = dotted.split(".");
  if (!known(parts[0]!)) return undefined;
  let module = standardModule(parts[0]!);
  for (let i = 1; i < parts.length; i++) {
    const name = parts.slice(0, i + 1).join(".");
    // (a submodule is its parent's attribute, `os.path`, or a module of its own dotted name)
    const attribute: unknown = Object.hasOwn(module, parts[i]!) || parts[i]! in module ? (module as unknown as Record<string, unknown>)[parts[i]!] : undefined;
    if (attribute instanceof PyModule) module = attribute;
    else if (known(name)) module = standardModule(name);
    else return undefined;
  }
  return module;
}

/** How each lazy module not yet initialised initialises. */
const initialisers = new WeakMap<PyModule, () => void>();

/**
 * Initialises `module` now if it is a lazy module still waiting: `pyts run` does so for the
 * modules its entry imports before the entry runs, where CPython runs their imports (not
 * inside the first event-loop step that uses one).
 */
export function initialiseLazy(module: unknown): void {
  const initialise = module instanceof PyModule ? initialisers.get(module) : undefined;
  if (initialise === undefined) return;
  initialisers.delete(module as PyModule);
  if (pending.get((module as PyModule).__name__)?.stub === module) initialise();
}

/**
 * The module `name` whose file initialises on first use (the runtime's prebuilt bundle makes
 * every standard-library module so): until then each of its attribute names (`nameList`, read
 * from the built module: space-separated, `!` before one that is not enumerable) is a
 * placeholder that runs `load`, whose moduleObject call fills this very object. A module
 * already made is returned as is.
 */
export function lazyModule(name: string, nameList: string, load: () => unknown): PyModule {
  deferred.delete(name);
  const existing = made.get(name);
  if (existing !== undefined) return existing;
  const names = (nameList === "" ? [] : nameList.split(" ")).map((key) => (key.startsWith("!") ? ([key.slice(1), false] as const) : ([key, true] as const)));
  const stub = new PyModule(name);
  const initialise = (): void => {
    load();
    if (pending.get(name)?.stub === stub) throw new Error(`pyts runtime: loading the module '${name}' did not make it`);
  };
  for (const [key, enumerable] of names) {
    Object.defineProperty(stub, key, {
      configurable: true,
      enumerable,
      get() {
        initialise();
        return (stub as unknown as Record<string, unknown>)[key];
      },
      set(value: unknown) {
        initialise();
        (stub as unknown as Record<string, unknown>)[key] = value;
      },
    });
  }
  pending.set(name, { stub, names });
  initialisers.set(stub, initialise);
  return stub;
}

/** Deferred modules (deferredModule) not asked for yet: how each one's file loads, by name. */
const deferred = new Map<string, () => unknown>();

/**
 * The lazy module `name` (lazyModule) made only when first asked for: the returned function
 * makes it (or returns it, made). `pyts run`'s runtime script hands each standard-library
 * module out so, through a getter, instead of making ~80 stubs of ~1,500 placeholders at every
 * start for the few modules a program imports. initialiseModule reaches one not asked for yet.
 */
export function deferredModule(name: string, nameList: string, load: () => unknown): () => PyModule {
  deferred.set(name, load);
  return () => lazyModule(name, nameList, load);
}

/**
 * `from m import name` for a name the module lacks: CPython's ImportError (pyts's modules
 * have no file, so the location reads as CPython's does for a module without `__file__`).
 */
export function importName(module: PyModule, name: string): never {
  throw new ImportError(`cannot import name '${name}' from '${module.__name__}' (unknown location)`);
}

/**
 * `import m` of a module neither pyts nor CPython's standard library has, inside a `try` that
 * catches ImportError: CPython's error where the import runs (the compiler checked the rest).
 */
export function moduleNotFound(name: string): never {
  throw moduleNotFoundOf(`No module named '${name}'`, name);
}

/**
 * `m.name` where neither CPython's module nor pyts's has `name` (the compiler checked): read at
 * run time (a program may have set it), else CPython's AttributeError with the hint the
 * compiler chose from CPython's names of the module.
 */
export function moduleAttribute(module: PyModule, name: string, suggestion: string | null): any {
  try {
    return getattrImpl(module, name);
  } catch (error) {
    setSuggestion(error, suggestion);
    throw error;
  }
}

/**
 * `http.client` after `import http` alone: CPython's package has the attribute only once the
 * submodule is imported (the lowering knows it is not, in a program of one module).
 */
export function submoduleNotImported(module: PyModule, name: string): never {
  throw missingAttribute(module, name);
}

/** The standard submodules the program's modules have imported so far (told by their imports, in a program of several modules). */
const importedSubmodules = new Set<string>();

/** An import of standard submodules ran (`aiohttp`: a package that may import any). */
export function submodulesImported(...names: string[]): null {
  for (const name of names) importedSubmodules.add(name);
  return null;
}

/** `pkg.sub` read in a program of several modules: the submodule once some module imported it, else CPython's AttributeError. */
export function checkedSubmodule(module: PyModule, name: string, full: string): any {
  if (importedSubmodules.has(full) || importedSubmodules.has("aiohttp")) return getattrImpl(module, name);
  throw missingAttribute(module, name);
}
