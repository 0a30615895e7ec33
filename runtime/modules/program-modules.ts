// The program's own modules, as CPython runs them. Each converted module calls defineModule
// before its body: the module object (whose attributes read and rebind the module's live
// globals) is registered in sys.modules first, so a circular import finds it partially
// initialised instead of running the body again. An import statement loads the module's ES
// file synchronously (Node's require of an ES module) at the point the Python import runs,
// so bodies run once, at first import, in CPython's order.
import { AttributeError, ImportError, ModuleNotFoundError, moduleNotFoundOf } from "../values/exceptions.js";
import { objectKey } from "../lang/attr-names.js";
import { setFunctionModule } from "../lang/functions.js";
import { setModuleFileLookup } from "../lang/code-objects.js";
import { isClass } from "../values/typename.js";
import { installExceptionHook } from "../values/traceback.js";
import { environment, nodeModule, nodeProcess } from "../core/host.js";
import { programFile } from "../core/code-location.js";
import { PyModule, standardModuleNamed } from "./module-object.js";
import { ModuleNamespace, NAMESPACE } from "./module-namespace.js";
import { Dict } from "../values/dict.js";
import { sysModule } from "./sys.js";
import { ModuleSpec as PyModuleSpec, SourceFileLoader, builtinsModule, builtinsNamespace, cachedPath } from "./module-spec.js";

/** Set while a module's body runs (read by missingAttribute for CPython's message). */
export const INITIALIZING = Symbol.for("pyts.initializing");

/** A global's Python name, its reader and, for names the module may rebind, its writer. */
export type Accessor = readonly [string, () => unknown, ((value: any) => void)?];

export interface ModuleSpec {
  /** true for a package's `__init__` */
  package?: boolean;
  /** the module is part of a bundle (pyts/esbuild): its loaders come with it */
  bundled?: boolean;
  /** the bundle's entry point (in a bundle, the entry is not the script node started) */
  main?: boolean;
  /** the module's docstring */
  doc?: string;
}

/** A bundled module's loader of another program module (a `require` the bundler followed). */
export type Loader = readonly [string, () => unknown];

type Require = (specifier: string) => unknown;

/** A program module: `m.x` reads m's global x now, `m.x = v` rebinds it. */
export class ProgramModule extends PyModule {
  static override readonly pythonName = "module";
  // (absent on the script of `pyts run -c CODE`, as on CPython's `python -c`: reading it is a NameError)
  declare __file__: string;
  [INITIALIZING] = true;
  /** the module's own require, relative to its file */
  #require: Require | null = null;
  #doc: string | null = null;
  #namespace: Dict | null = null;
  #emptyAnnotations: Dict | null = null;
  #loader: SourceFileLoader | null = null;
  #spec: PyModuleSpec | null = null;

  constructor(
    name: string,
    readonly url: string,
    /** the dotted name the program knows it by (the entry's own, not `__main__`) */
    readonly dottedName: string,
    readonly isPackage: boolean,
    doc?: string,
  ) {
    super(name);
    this.#doc = doc ?? null;
  }

  /** The module's namespace (`vars(m)`, `dir(m)`, `globals()` inside it). */
  get __package__(): string | null {
    // CPython sets no package for the script it runs.
    if (this.__name__ === "__main__") return null;
    return this.isPackage ? this.dottedName : this.dottedName.split(".").slice(0, -1).join(".");
  }

  get __loader__(): SourceFileLoader {
    return (this.#loader ??= new SourceFileLoader(this.__name__, this.__file__));
  }

  /** None for the script CPython runs as `__main__`. */
  get __spec__(): PyModuleSpec | null {
    if (this.__name__ === "__main__") return null;
    return (this.#spec ??= new PyModuleSpec(this.__name__, this.__loader__, this.__file__, this.#path(), this.__cached__!));
  }

  get __cached__(): string | null {
    return this.__name__ === "__main__" ? null : cachedPath(this.__file__);
  }

  /** The builtins module in `__main__`, its namespace dict in an imported module (as CPython has them). */
  // `any`: emitted code reads builtins from it by name (`__builtins__.len`).
  get __builtins__(): any {
    return this.__name__ === "__main__" ? builtinsModule() : builtinsNamespace();
  }

  #annotations(): unknown {
    const key = objectKey("__annotations__");
    try {
      if (Object.hasOwn(this, key)) return (this as unknown as Record<string, unknown>)[key];
    } catch {
      // (not bound yet: the script's own dict is made below)
    }
    return (this.#emptyAnnotations ??= new Dict());
  }

  #path(): string[] | null {
    return this.isPackage ? ((this as unknown as { __path__?: string[] }).__path__ ?? null) : null;
  }

  [NAMESPACE](): Dict {
    // CPython's order: the script's namespace and an imported module's differ.
    const dunders = (): Record<string, unknown> => {
      const path = this.#path();
      const head = { __name__: this.__name__, __doc__: this.#doc, __package__: this.__package__, __loader__: this.__loader__, __spec__: this.__spec__, ...(path ? { __path__: path } : {}) };
      // (CPython's script namespace always has `__annotations__`, empty without annotations)
      if (this.__name__ === "__main__") {
        const file = this.fromCommandLine ? {} : { __file__: this.__file__, __cached__: this.__cached__ };
        return { ...head, __annotations__: this.#annotations(), __builtins__: this.__builtins__, ...file };
      }
      return { ...head, __file__: this.__file__, __cached__: this.__cached__, __builtins__: this.__builtins__ };
    };
    return (this.#namespace ??= new ModuleNamespace(this, dunders, PROGRAM_MODULE_FIELDS));
  }

  get __doc__(): string | null {
    return this.#doc;
  }

  get __dict__(): Dict {
    return this[NAMESPACE]();
  }

  /** The script given as `-c CODE`: it has no file (its code's file name is `<string>`). */
  get fromCommandLine(): boolean {
    return !Object.hasOwn(this, "__file__");
  }

  __repr__(): string {
    if (this.fromCommandLine) return `<module '${this.__name__}' (built-in)>`;
    return `<module '${this.__name__}' from '${this.__file__}'>`;
  }

  /** Loads the ES module at `specifier` (relative to this module) now, synchronously. */
  load(specifier: string): void {
    this.#require ??= nodeRequire(this.url);
    try {
      this.#require(specifier.startsWith("file:") ? filePath(specifier) : specifier);
    } catch (error) {
      // The compiler refuses such imports where it can see them; this is the case it could not.
      if ((error as { code?: unknown }).code !== "ERR_REQUIRE_ASYNC_MODULE") throw error;
      throw new ImportError(`cannot import ${specifier}: its top level waits for an event loop, which an import cannot run (pyts loads modules synchronously)`);
    }
  }
}

/** The module object's own JS fields, which are no Python attributes. */
const PROGRAM_MODULE_FIELDS: ReadonlySet<string> = new Set(["url", "dottedName", "isPackage"]);

function nodeRequire(url: string): Require {
  if (nodeProcess() === undefined) throw new ImportError("importing a program module needs Node.js's require (Node.js >= 20.19)");
  return nodeModule("node:module").createRequire(url);
}

/** `main` for `.../main.js`. */
function fileStem(url: string): string {
  return url.replace(/^.*[/\\]/, "").replace(/\.[cm]?[jt]s$/, "");
}

function filePath(url: string): string {
  if (!url.startsWith("file:")) return url;
  return nodeProcess() ? nodeModule("node:url").fileURLToPath(url) : decodeURIComponent(new URL(url).pathname);
}

/**
 * The .py file of a converted module's file: beside it, or, under `pyts run` (which runs the
 * converted tree from a temporary folder, PYTS_RUN_ROOT), in the program's own folder.
 */
function sourceFile(file: string): string {
  const py = file.replace(/\.[cm]?[jt]s$/, ".py");
  const runRoot = environment("PYTS_RUN_ROOT");
  const sourceRoot = environment("PYTS_SOURCE_ROOT");
  return runRoot && sourceRoot && py.startsWith(runRoot) ? sourceRoot + py.slice(runRoot.length) : py;
}

/** sys.modules: every module imported so far, by dotted name. */
const registry = new Map<string, PyModule>();
/** In a bundle: how to run each program module any bundled module imports, by dotted name. */
const bundledLoaders = new Map<string, () => unknown>();
/** Is this program a bundle? Then its modules are the bundled ones, not files. */
let inBundle = false;
let mainClaimed = false;
/** The entry node started from a built module's own file (its name may be imported later). */
let entryModule: ProgramModule | null = null;

/** Has any module of the program begun to run? (Before, a failure to load it changed nothing.) */
export function programStarted(): boolean {
  return mainClaimed || registry.size > 0;
}

/** Is the module at `url` the script node was started with (`node main.js`, `pyts run`)? */
function isEntry(url: string): boolean {
  const script = nodeProcess()?.argv[1];
  if (mainClaimed || !script) return false;
  // (`pyts run` names the entry's script as its URL's path: no need to resolve links)
  if (filePath(url) === script) return true;
  const real = (p: string): string => {
    try {
      return nodeModule("node:fs").realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(filePath(url)) === real(script);
}

/**
 * Creates and registers the module object of the module running at `url`. The entry module
 * is named `__main__` and installs the process-wide handler that prints a Python traceback
 * for an uncaught exception; an imported module (also one a TypeScript host imports) does not.
 */
export function defineModule(name: string, url: string, spec: ModuleSpec, globals: readonly Accessor[], loaders: readonly Loader[] = []): ProgramModule {
  if (loadingAs !== null && loadingAs[0] === name) name = loadingAs[1];
  for (const [dotted, load] of loaders) bundledLoaders.set(dotted, load);
  if (spec.bundled) inBundle = true;
  const entry = spec.bundled ? spec.main === true && !mainClaimed : !registry.has(name) && isEntry(url);
  if (entry) {
    mainClaimed = true;
    installExceptionHook();
    // All frames: a traceback starts at the module, as CPython's does (map-frames.ts reads them).
    Error.stackTraceLimit = Infinity;
  }
  const module = new ProgramModule(entry ? "__main__" : name, url, name, spec.package === true, spec.doc);
  // `pyts run` writes an entry that the program also imports by name as `__main__.js`, beside
  // that module's own file: two modules, as CPython runs them.
  const separate = entry && name !== "__main__" && fileStem(url) === "__main__";
  // (the entry's `__file__` under `pyts run` is the script's path as CPython holds it: programFile)
  const file = separate || (entry && !spec.bundled && environment("PYTS_ARGV0") !== undefined) ? programFile() : sourceFile(filePath(url));
  if (!(entry && environment("PYTS_ARGV0") === "-c")) module.__file__ = file;
  for (const [pyName, get, set] of globals) {
    Object.defineProperty(module, objectKey(pyName), {
      enumerable: true,
      configurable: true,
      get: () => {
        let value: unknown;
        try {
          value = get();
        } catch (error) {
          // A `let` not yet declared (TDZ): the body has not bound the name yet.
          if (!(error instanceof ReferenceError)) throw error;
        }
        if (value === undefined) throw unboundGlobal(module, pyName);
        return value;
      },
      // A def or class cannot be rebound from outside its module; the attribute is replaced.
      set: set ?? ((value: unknown) => Object.defineProperty(module, objectKey(pyName), { value, writable: true, enumerable: true, configurable: true })),
    });
  }
  if (spec.package) (module as unknown as Record<string, unknown>)["__path__"] = [filePath(url).replace(/[/\\][^/\\]*$/, "")];
  registry.set(module.__name__, module);
  // Node runs a built entry from the file `import name` loads (an ES module runs once per
  // URL): its second copy is the twin `pyts build` writes (loadEntryAgain). A bundle and
  // `pyts run` have a second copy of their own.
  if (entry && name !== "__main__" && !spec.bundled && !separate) entryModule = module;
  sysModule.modules.set(module.__name__, module);
  return module;
}

// (a function's `__code__.co_filename` is its module's file)
setModuleFileLookup((name) => {
  const module = sysModule.modules.get(name);
  if (!(module instanceof ProgramModule)) return undefined;
  return module.fromCommandLine ? programFile() : module.__file__;
});

/** The module's body finished: it is no longer partially initialised. */
export function moduleReady(module: ProgramModule): void {
  module[INITIALIZING] = false;
  // Its functions, and its classes' methods, report the module as their __module__.
  const name = String(module.__name__);
  for (const key of Object.keys(module)) {
    let value: unknown;
    try {
      value = (module as unknown as Record<string, unknown>)[key];
    } catch {
      continue; // a global left unbound
    }
    if (typeof value !== "function") continue;
    if (!isClass(value)) setFunctionModule(value, name);
    else if ((value as { __module__?: unknown }).__module__ === name) {
      for (const method of Object.values(Object.getOwnPropertyDescriptors(value.prototype))) if (typeof method.value === "function") setFunctionModule(method.value as Function, name);
    }
  }
}

function unboundGlobal(module: PyModule, name: string): AttributeError {
  return module instanceof ProgramModule && module[INITIALIZING]
    ? new AttributeError(`partially initialized module '${module.__name__}' has no attribute '${name}' (most likely due to a circular import)`)
    : new AttributeError(`module '${module.__name__}' has no attribute '${name}'`);
}

/** A parent package gets its submodule as an attribute once the submodule is imported. */
function setSubmodule(parent: PyModule, child: string, module: PyModule): void {
  Object.defineProperty(parent, objectKey(child), { value: module, writable: true, enumerable: true, configurable: true });
}

/**
 * `import a.b.c`: each of `a`, `a.b`, `a.b.c` ([dotted name, specifier relative to the
 * importer]) imported in turn, as CPython does; returns the last module object (the
 * first with `top`).
 */
// `any`: emitted code reads the module's attributes, whose types only the other module knows.
export function importModule(importer: ProgramModule, chain: readonly (readonly [string, string])[], top = false): any {
  let parent: PyModule | null = null;
  let module: PyModule | undefined;
  for (const [name, specifier] of chain) {
    module = registry.get(name);
    if (!module) {
      try {
        const bundled = bundledLoaders.get(name);
        if (bundled) bundled();
        else if (entryModule?.dottedName === name) loadEntryAgain(entryModule);
        else importer.load(specifier);
      } catch (error) {
        // A module whose body raised is not left in sys.modules, as in CPython.
        registry.delete(name);
        sysModule.modules.delete(name);
        throw error;
      }
      module = registry.get(name);
      if (!module) throw moduleNotFoundOf(`No module named '${name}'`, name);
    }
    if (parent) setSubmodule(parent, name.slice(name.lastIndexOf(".") + 1), module);
    parent = module;
  }
  // `import a.b.c` binds the top package `a`.
  return top ? registry.get(chain[0]![0])! : module!;
}

/**
 * `import a.b.c` where a module of the chain has a body that awaits (its top level runs an
 * event loop): such a module's entry carries a loader (`() => import("./m.js")`, the emitted
 * module's own dynamic import) and the import waits for its body, as CPython's import blocks
 * until the body has run. The other modules load as importModule loads them.
 */
export async function importModuleAsync(importer: ProgramModule, chain: readonly (readonly [string, string, (() => Promise<unknown>)?])[], top = false): Promise<any> {
  for (const [name, specifier, loader] of chain) {
    if (registry.has(name)) continue;
    if (loader && entryModule?.dottedName === name) {
      // The entry's own body awaits: its twin loads it again, and the import waits for it.
      await loadEntryAgainAsync(entryModule);
      continue;
    }
    if ((!loader && !bundledLoaders.has(name)) || entryModule?.dottedName === name) {
      importModule(importer, [[name, specifier]]);
      continue;
    }
    try {
      await (bundledLoaders.get(name) ?? loader!)();
    } catch (error) {
      registry.delete(name);
      sysModule.modules.delete(name);
      throw error;
    }
    if (!registry.has(name)) throw moduleNotFoundOf(`No module named '${name}'`, name);
  }
  return importModule(importer, chain.map(([name, specifier]) => [name, specifier] as const), top);
}

/**
 * `import main` while main's built file runs as `__main__`: its twin (`main.imported.js`, which
 * `pyts build` writes where an import cycle can reach the module) loads the file again as the
 * module `main`, as CPython runs it twice. A tree without the twin (not written by `pyts build`)
 * has the one module under both names.
 */
function loadEntryAgain(entry: ProgramModule): void {
  const twin = entry.url.replace(/(\.[cm]?[jt]s)$/, ".imported$1");
  if (twin !== entry.url && nodeModule("node:fs").existsSync(filePath(twin))) entry.load(twin);
  else registry.set(entry.dottedName, entry);
}

/** loadEntryAgain for an entry whose body awaits: the twin is imported, and awaited. */
async function loadEntryAgainAsync(entry: ProgramModule): Promise<void> {
  const twin = entry.url.replace(/(\.[cm]?[jt]s)$/, ".imported$1");
  if (twin === entry.url || !nodeModule("node:fs").existsSync(filePath(twin))) {
    registry.set(entry.dottedName, entry);
    return;
  }
  try {
    await import(twin);
  } catch (error) {
    registry.delete(entry.dottedName);
    sysModule.modules.delete(entry.dottedName);
    throw error;
  }
}

/**
 * `from m import name`: the attribute, or the submodule `m.name` when `specifier` names one
 * (imported now if need be), else CPython's ImportError.
 */
export function importFrom(importer: ProgramModule, module: PyModule, name: string, specifier?: string): any {
  const value = boundValue(module, objectKey(name));
  if (value !== undefined) return value;
  if (specifier !== undefined) return importModule(importer, [[`${module.__name__}.${name}`, specifier]]);
  const where = module instanceof ProgramModule ? module.__file__ : "unknown location";
  if (module instanceof ProgramModule && module[INITIALIZING]) {
    throw new ImportError(`cannot import name '${name}' from partially initialized module '${module.__name__}' (most likely due to a circular import) (${where})`);
  }
  throw new ImportError(`cannot import name '${name}' from '${module.__name__}' (${where})`);
}

/** The module's attribute `key`, or undefined while it is unbound (a global not yet assigned). */
function boundValue(module: PyModule, key: string): unknown {
  if (!(key in module)) return undefined;
  try {
    return (module as unknown as Record<string, unknown>)[key];
  } catch (error) {
    if (error instanceof AttributeError) return undefined;
    throw error;
  }
}

/** The URL of the program's root folder, found from any program module loaded. */
function programRoot(): { module: ProgramModule; root: string } | null {
  for (const module of registry.values()) {
    if (!(module instanceof ProgramModule)) continue;
    const depth = module.dottedName.split(".").length - (module.isPackage ? 0 : 1);
    return { module, root: new URL("../".repeat(depth) || "./", module.url).href };
  }
  return null;
}

/**
 * `importlib.import_module(name)`: a program module by its dotted name at run time (a
 * package's `__init__.js`, else the module's `.js`, from the program's root), or one
 * already in sys.modules.
 */
export function importByName(name: string): any {
  try {
    return importProgramModule(name);
  } catch (error) {
    // Not a module of the program: a standard module, as CPython finds it on sys.path after the
    // program's folder (a program's own `random.py` still comes first).
    const missing = error instanceof ModuleNotFoundError ? (error as { name: unknown }).name : null;
    if (typeof missing !== "string" || !(name === missing || name.startsWith(`${missing}.`))) throw error;
    const parts = name.split(".");
    let standard: PyModule | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join(".");
      standard = standardModuleNamed(prefix);
      if (standard === undefined && i === 1) throw error;
      if (standard === undefined) {
        const parent = parts.slice(0, i - 1).join(".");
        const note = STANDARD_PACKAGES.has(parent) ? "" : `; '${parent}' is not a package`;
        throw moduleNotFoundOf(`No module named '${prefix}'${note}`, prefix);
      }
      sysModule.modules.set(prefix, standard);
    }
    return standard;
  }
}

/** CPython 3.11's standard modules that are packages (a name below another module is not found so). */
const STANDARD_PACKAGES: ReadonlySet<string> = new Set(
  "asyncio collections concurrent concurrent.futures ctypes curses dbm email email.mime encodings html http importlib importlib.metadata importlib.resources json logging multiprocessing re sqlite3 tomllib unittest urllib wsgiref xml xml.dom xml.etree xml.parsers xml.sax xmlrpc zoneinfo aiohttp".split(" "),
);

/** importByName for the program's own modules. */
function importProgramModule(name: string): any {
  const loaded = registry.get(name);
  if (loaded) return loaded;
  const found = programRoot();
  // A bundle holds the modules some import names (and no others); they need no file system.
  if (found && inBundle) {
    const parts = name.split(".");
    const chain = parts.map((_, i) => parts.slice(0, i + 1).join("."));
    const missing = chain.find((prefix) => !registry.has(prefix) && !bundledLoaders.has(prefix));
    if (missing) throw moduleNotFoundOf(`No module named '${missing}'`, missing);
    return importModule(found.module, chain.map((prefix) => [prefix, ""] as const));
  }
  if (!found) throw moduleNotFoundOf(`No module named '${name}'`, name);
  const exists = (url: string): boolean => nodeProcess() !== undefined && nodeModule("node:fs").existsSync(new URL(url));
  const parts = name.split(".");
  const chain: [string, string][] = parts.map((_, i) => {
    const path = parts.slice(0, i + 1).join("/");
    const packageInit = new URL(`${path}/__init__.js`, found.root).href;
    return [parts.slice(0, i + 1).join("."), exists(packageInit) ? packageInit : new URL(`${path}.js`, found.root).href];
  });
  const missing = chain.find(([, url]) => !exists(url));
  if (missing && !registry.has(missing[0])) throw moduleNotFoundOf(`No module named '${missing[0]}'`, missing[0]);
  return importModule(found.module, chain);
}

/** A module file importByPath is loading, by the name the program's tree knows it, and the name it loads under. */
let loadingAs: readonly [string, string] | null = null;

/**
 * The program module whose tree name is `treeName` (`tests.test_x` for tests/test_x.py), imported
 * as `name` (`test_x`, when the directory is on sys.path): unittest's discover imports each test
 * file by its name relative to the top-level directory, as CPython's loader does.
 */
export function importByPath(name: string, treeName: string): any {
  const found = programRoot();
  if (name === treeName || found === null) return importByName(treeName);
  const loaded = registry.get(name);
  if (loaded) return loaded;
  if (inBundle) {
    // The bundle holds the file under its tree name; its body runs once, registered as `name`.
    const load = bundledLoaders.get(treeName);
    if (load === undefined) throw moduleNotFoundOf(`No module named '${name}'`, name);
    bundledLoaders.set(name, load);
    loadingAs = [treeName, name];
    try {
      return importModule(found.module, [[name, ""]]);
    } finally {
      loadingAs = null;
    }
  }
  const exists = (url: string): boolean => nodeModule("node:fs").existsSync(new URL(url));
  const path = treeName.split(".").join("/");
  const packageInit = new URL(`${path}/__init__.js`, found.root).href;
  const url = exists(packageInit) ? packageInit : new URL(`${path}.js`, found.root).href;
  if (!exists(url)) throw moduleNotFoundOf(`No module named '${name}'`, name);
  loadingAs = [treeName, name];
  try {
    return importModule(found.module, [[name, url]]);
  } finally {
    loadingAs = null;
  }
}

/** The folder of the program's entry (the root of its module tree), "" when unknown. */
export function programFolder(): string {
  // (a bundle runs from its own file; its modules keep the URLs of the program's files)
  const found = inBundle ? programRoot() : null;
  if (found !== null) return filePath(found.root).replace(/\/$/, "");
  const file = programFile();
  return file.startsWith("/") ? file.slice(0, file.lastIndexOf("/")) : "";
}
