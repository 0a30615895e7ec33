// A Python program's modules on disk, found as CPython finds them: from a root folder (the
// entry script's folder, or a build root), a package (`a/__init__.py`) before a module
// (`a.py`). `from m import *` needs m's names at compile time: its literal `__all__`, else
// its module-level names that do not start with `_`.
import fs from "node:fs";
import path from "node:path";
import { parsePython } from "../frontend/parse.js";
import type * as py from "../frontend/ast.js";
import { decodeSource } from "../frontend/encoding.js";
import { importedModules, moduleWaits, relativeModuleName, type ModuleWaits, type ProgramResolver } from "../lower/program-imports.js";
import { IDENTIFIER, locateModule, type ProgramModuleFile } from "./program-files.js";
import { threadUse, type ThreadUse } from "../lower/thread-switches.js";
import { readsOtherModulesDocs } from "../lower/inspect-sources.js";

const SKIPPED_FOLDERS = new Set(["venv", "__pycache__", "node_modules"]);

export type { ProgramModuleFile };

/** The program rooted at `root`: its modules by dotted name, looked up on demand. */
export class ProgramTree implements ProgramResolver {
  private readonly found = new Map<string, ProgramModuleFile | null>();
  private readonly stars = new Map<string, readonly string[] | null>();
  private readonly waits = new Map<string, ModuleWaits & { pending?: boolean }>();

  constructor(readonly root: string) {}

  locate(name: string): ProgramModuleFile | null {
    if (this.found.has(name)) return this.found.get(name)!;
    const result = locateModule(this.root, name, (parent) => this.locate(parent));
    this.found.set(name, result);
    return result;
  }

  /** Every lookup made so far and its answer: what a conversion that used this tree relied on. */
  lookups(): [string, ProgramModuleFile | null][] {
    return [...this.found];
  }

  find(name: string): { isPackage: boolean } | null {
    return this.locate(name);
  }

  starNames(name: string): readonly string[] | null {
    if (!this.stars.has(name)) {
      const module = this.locate(name);
      this.stars.set(name, module ? starNamesOf(module.file) : null);
    }
    return this.stars.get(name)!;
  }

  /**
   * Does importing the module wait: its top level runs an event loop, or imports a module that
   * waits (so the wait passes up the import chain). Within an import cycle, a module importing
   * one that is being imported finds it partially initialised and does not wait for it.
   */
  awaitsAtImport(name: string): boolean {
    this.knowPrograms();
    return this.waitsOf(name).atImport;
  }

  /** The module-level functions of the module whose calls wait (they reach a blocking call). */
  blockingFunctions(name: string): readonly string[] {
    this.knowPrograms();
    return [...this.waitsOf(name).functions];
  }

  /** The module-level generator functions of the module whose body waits (threads). */
  waitingGenerators(name: string): readonly string[] {
    this.knowPrograms();
    return [...this.waitsOf(name).generators];
  }

  /** Set while waitsOf runs: the modules it analysed, and whether one met a module still being analysed (a cycle). */
  private analysing: { modules: string[]; cycle: boolean } | null = null;

  /** The names of the module's methods whose calls wait. */
  blockingMethods(name: string): readonly string[] {
    this.knowPrograms();
    return [...this.waitsOf(name).methods];
  }

  /** The program's entry modules (see setEntries), and what was found of the programs they start. */
  private entries: readonly string[] | null = null;
  private programs: ProgramFacts[] | null = null;

  /**
   * The modules the programs start from (`pyts run`: the entry; a build: the modules no other
   * one imports). A program is an entry and what it imports, transitively.
   */
  setEntries(entries: readonly string[]): void {
    this.entries = entries;
    this.programs = null;
    this.programThreadsOf = null;
  }

  /** The names of the methods whose calls wait, in any module of the programs holding this one. */
  programBlockingMethods(name: string): readonly string[] | null {
    if (!this.entries) return null;
    const methods = new Set<string>();
    for (const p of this.knowPrograms()) if (p.members.has(name)) for (const m of p.methods) methods.add(m);
    return [...methods];
  }

  /** The threads the programs holding this module use (the union of their modules' `threadUse`), or null. */
  programThreads(name: string): ThreadUse | null {
    if (!this.entries) return null;
    return this.knowPrograms().reduce<ThreadUse | null>((use, p) => (p.members.has(name) ? joinThreads(use, p.threads) : use), null);
  }

  /** Analyses the programs (once their entries are known) before any module's waits are read: they depend on the program's threads. */
  private knowPrograms(): ProgramFacts[] {
    if (this.entries !== null && this.programs === null && this.programThreadsOf === null) this.programs = this.analysePrograms(this.entries);
    return this.programs ?? [];
  }

  /** Each program's members and their waiting methods, to a fixed point across the programs. */
  private analysePrograms(entries: readonly string[]): ProgramFacts[] {
    return keepingParsed(() => this.analyseProgramsParsed(entries));
  }

  private analyseProgramsParsed(entries: readonly string[]): ProgramFacts[] {
    const programs: ProgramFacts[] = entries.map((entry) => {
      const members = this.importClosure(entry);
      return { members, methods: new Set<string>(), threads: this.threadsOf(members), inspect: this.inspectIn(members) };
    });
    this.programThreadsOf = (name) => programs.reduce<ThreadUse | null>((use, p) => (p.members.has(name) ? joinThreads(use, p.threads) : use), null);
    this.programWide = (name) => {
      const methods = new Set<string>();
      for (const p of programs) if (p.members.has(name)) for (const m of p.methods) methods.add(m);
      return methods;
    };
    for (const p of programs) for (const m of p.members) for (const method of this.waitsOf(m).methods) p.methods.add(method);
    for (let changed = true; changed; ) {
      changed = false;
      for (const name of new Set(programs.flatMap((p) => [...p.members]))) {
        const before = this.waits.get(name)!;
        const after = this.analyse(name);
        if (after.functions.size > before.functions.size || after.methods.size > before.methods.size) {
          this.waits.set(name, { atImport: before.atImport, functions: after.functions, methods: after.methods, generators: after.generators });
          for (const p of programs) if (p.members.has(name)) for (const method of after.methods) p.methods.add(method);
          changed = true;
        }
      }
    }
    return programs;
  }

  /**
   * The programs among these files (a build's): the modules no other one imports, and one module
   * of each import cycle that none of those reaches.
   */
  programEntries(files: readonly string[]): string[] {
    return keepingParsed(() => this.programEntriesParsed(files));
  }

  private programEntriesParsed(files: readonly string[]): string[] {
    const names = files.flatMap((f) => {
      const found = this.nameOf(f);
      return found && this.locate(found.name)?.file === found.file ? [found.name] : [];
    });
    const imported = new Set<string>();
    for (const name of names) for (const m of this.importClosure(name)) if (m !== name) imported.add(m);
    const entries = names.filter((n) => !imported.has(n));
    const reached = new Set(entries.flatMap((e) => [...this.importClosure(e)]));
    for (const name of names) {
      if (reached.has(name)) continue;
      entries.push(name);
      for (const m of this.importClosure(name)) reached.add(m);
    }
    return entries;
  }

  /** Does some module of the programs holding this module import inspect? */
  programImportsInspect(name: string): boolean {
    if (!this.entries) return false;
    return this.knowPrograms().some((p) => p.inspect && p.members.has(name));
  }

  /** Does one of the modules import inspect (its getsource may be given any module's function) or call help? */
  private inspectIn(members: Set<string>): boolean {
    for (const name of members) {
      const module = this.locate(name);
      const tree = module && parsed(module.file);
      if (tree && readsOtherModulesDocs(tree.body)) return true;
    }
    return false;
  }

  /** The threads some of the modules use (thread-switches.ts `threadUse`), or null. */
  private threadsOf(members: Set<string>): ThreadUse | null {
    let use: ThreadUse | null = null;
    for (const name of members) {
      const module = this.locate(name);
      const tree = module && parsed(module.file);
      use = joinThreads(use, tree ? threadUse(tree) : null);
    }
    return use;
  }

  /** The module and the program modules it imports, transitively. */
  private importClosure(entry: string): Set<string> {
    const members = new Set<string>();
    const find = (dotted: string): ProgramModuleFile | null => this.locate(dotted);
    for (const queue = [entry]; queue.length > 0; ) {
      const name = queue.pop()!;
      if (members.has(name)) continue;
      const module = this.locate(name);
      if (!module) continue;
      members.add(name);
      const tree = parsed(module.file);
      if (tree) queue.push(...importsOf(tree, { name, isPackage: module.isPackage }, find));
    }
    return members;
  }

  /** While programs are analysed: the waiting methods of the programs holding a module. */
  private programWide: ((name: string) => Set<string>) | null = null;
  /** While programs are analysed: the threads of the programs holding a module. */
  private programThreadsOf: ((name: string) => ThreadUse | null) | null = null;

  private waitsOf(name: string): ModuleWaits {
    const known = this.waits.get(name);
    if (known) {
      if (this.analysing && this.analysing.modules.includes(name) && known.pending) this.analysing.cycle = true;
      return known;
    }
    const outer = this.analysing === null;
    if (outer) this.analysing = { modules: [], cycle: false };
    this.analysing!.modules.push(name);
    const pending: ModuleWaits & { pending?: boolean } = { atImport: false, functions: new Set(), methods: new Set(), generators: new Set(), pending: true };
    this.waits.set(name, pending);
    const first = this.analyse(name);
    this.waits.set(name, first);
    if (outer) {
      // Functions calling each other across an import cycle: analysed again until nothing changes
      // (a module's top level still does not wait for one being imported, see awaitsAtImport).
      const { modules, cycle } = this.analysing!;
      this.analysing = null;
      for (let changed = cycle; changed; ) {
        changed = false;
        for (const m of modules) {
          const before = this.waits.get(m)!;
          const after = this.analyse(m);
          if (after.functions.size > before.functions.size || after.methods.size > before.methods.size) {
            this.waits.set(m, { atImport: before.atImport, functions: after.functions, methods: after.methods, generators: after.generators });
            changed = true;
          }
        }
      }
    }
    return this.waits.get(name)!;
  }

  private analyse(name: string): ModuleWaits {
    const module = this.locate(name);
    const tree = module && parsed(module.file);
    const find = (dotted: string): ProgramModuleFile | null => this.locate(dotted);
    const info = { name, isPackage: module?.isPackage ?? false };
    if (!tree) return { atImport: false, functions: new Set<string>(), methods: new Set<string>(), generators: new Set<string>() };
    return moduleWaits(tree, (s) => importedModules(info, s, find).some((m) => this.awaitsAtImport(m)), {
      moduleOf: (s) => relativeModuleName({ ...info, resolver: { find } }, s),
      isModule: (dotted) => find(dotted) !== null,
      functionWaits: (other, fn) => this.waitsOf(other).functions.has(fn),
      importedMethods: () => {
        const imported = new Set(importsOf(tree, info, find).flatMap((m) => (m === name ? [] : [...this.waitsOf(m).methods])));
        for (const m of this.programWide?.(name) ?? []) imported.add(m);
        return imported;
      },
      threads: () => this.programThreadsOf?.(name) ?? null,
    });
  }

  /**
   * Every module of the program's folder (what `importlib.import_module` with a computed name
   * may reach), not entering the folders a build skips by default.
   */
  allModules(): ProgramModuleFile[] {
    const found: ProgramModuleFile[] = [];
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          // A package's modules, and a namespace package's (a folder of tests unittest's discover
          // walks); no environment, cache or dot folder is one.
          if (IDENTIFIER.test(entry.name) && !SKIPPED_FOLDERS.has(entry.name)) walk(full);
        } else if (entry.name.endsWith(".py")) {
          const module = this.nameOf(full);
          if (module && this.locate(module.name)?.file === module.file) found.push(module);
        }
      }
    };
    walk(this.root);
    return found;
  }

  /** The dotted name of a .py file under the root (`pkg/__init__.py` is `pkg`), or null. */
  nameOf(file: string): ProgramModuleFile | null {
    const relative = path.relative(this.root, path.resolve(file));
    if (relative.startsWith("..") || path.isAbsolute(relative) || !relative.endsWith(".py")) return null;
    const parts = relative.slice(0, -3).split(path.sep);
    const isPackage = parts.at(-1) === "__init__" && parts.length > 1;
    if (isPackage) parts.pop();
    if (!parts.every((p) => IDENTIFIER.test(p))) return null;
    return { name: parts.join("."), file: path.resolve(file), isPackage };
  }
}

/** The module in `file`, parsed (the last file asked for is kept: a module's facts are read together), or null if it does not parse. */
let lastParsed: { file: string; module: py.Module | null } | null = null;
/** Every module parsed while whole programs are analysed (each is read several times then). */
let keptParsed: Map<string, py.Module | null> | null = null;
function keepingParsed<T>(work: () => T): T {
  const outer = keptParsed;
  keptParsed ??= new Map();
  try {
    return work();
  } finally {
    keptParsed = outer;
  }
}

function parsed(file: string): py.Module | null {
  if (lastParsed?.file === file) return lastParsed.module;
  if (keptParsed?.has(file)) return keptParsed.get(file)!;
  let module: py.Module | null;
  try {
    module = parsePython(decodeSource(fs.readFileSync(file), file), file);
  } catch {
    module = null; // its own conversion reports why
  }
  lastParsed = { file, module };
  keptParsed?.set(file, module);
  return module;
}

/** The names `from m import *` binds for the module in `file`. */
function starNamesOf(file: string): readonly string[] | null {
  const module = parsed(file);
  if (module === null) return null;
  const names: string[] = [];
  let all: string[] | null = null;
  const visit = (body: py.Stmt[]): void => {
    for (const s of body) {
      if (s._type === "Assign" || s._type === "AnnAssign") {
        const targets = s._type === "Assign" ? s.targets : [s.target];
        for (const t of targets) {
          if (t._type === "Name" && t.id === "__all__" && s.value && (s.value._type === "List" || s.value._type === "Tuple")) {
            all = s.value.elts.flatMap((e) => (e._type === "Constant" && e.value.kind === "str" ? [e.value.value] : []));
          }
          for (const n of targetNames(t)) names.push(n);
        }
      } else if (s._type === "AugAssign" && s.target._type === "Name") names.push(s.target.id);
      else if (s._type === "FunctionDef" || s._type === "AsyncFunctionDef" || s._type === "ClassDef") names.push(s.name);
      else if (s._type === "Import") {
        for (const a of s.names) names.push(a.asname ?? a.name.split(".")[0]!);
      } else if (s._type === "ImportFrom") {
        for (const a of s.names) if (a.name !== "*") names.push(a.asname ?? a.name);
      } else if (s._type === "If" || s._type === "While" || s._type === "For") {
        visit(s.body);
        visit(s.orelse);
      } else if (s._type === "Try") {
        visit(s.body);
        for (const h of s.handlers) visit(h.body);
        visit(s.orelse);
        visit(s.finalbody);
      } else if (s._type === "With") visit(s.body);
    }
  };
  visit(module.body);
  if (all !== null) return all;
  return [...new Set(names)].filter((n) => !n.startsWith("_"));
}

function targetNames(t: py.Expr): string[] {
  if (t._type === "Name") return [t.id];
  if (t._type === "Tuple" || t._type === "List") return t.elts.flatMap(targetNames);
  if (t._type === "Starred") return targetNames(t.value);
  return [];
}

/** What a module's importers need to know of it, as plain data. */
export interface ProgramModuleFacts {
  isPackage: boolean;
  starNames?: readonly string[];
  awaitsAtImport?: boolean;
  /** its module-level functions whose calls wait */
  blockingFunctions?: readonly string[];
  /** the names of its methods whose calls wait */
  blockingMethods?: readonly string[];
  /** its module-level generator functions whose body waits */
  waitingGenerators?: readonly string[];
  /** the names of the methods whose calls wait in any module of the programs it is part of */
  programBlockingMethods?: readonly string[];
  /** the threads the programs it is part of use */
  programThreads?: ThreadUse;
  /** some module of the programs it is part of imports inspect */
  programImportsInspect?: boolean;
}

/** Threads used by either. */
function joinThreads(a: ThreadUse | null, b: ThreadUse | null): ThreadUse | null {
  if (a === null || b === null) return a ?? b;
  return { futures: a.futures || b.futures };
}

/** A program: its modules, the names of their waiting methods, and the threads they use. */
interface ProgramFacts {
  members: Set<string>;
  methods: Set<string>;
  threads: ThreadUse | null;
  inspect: boolean;
}

/** The program modules a module's import statements load, anywhere in it. */
function importsOf(tree: py.Module, info: { name: string; isPackage: boolean }, find: (name: string) => ProgramModuleFile | null): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const s = node as py.Stmt;
    if (s._type === "Import" || s._type === "ImportFrom") {
      for (const m of importedModules(info, s, find)) found.add(m);
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(tree.body);
  return [...found];
}

/**
 * The modules of the .py files under one root, as transpile() takes them (plain data, so it
 * crosses to build workers). A file's build stamp records the facts of the modules it imports.
 */
export function programModules(root: string, files: string[]): { modules: Map<string, ProgramModuleFacts> } {
  return keepingParsed(() => programModulesParsed(root, files));
}

function programModulesParsed(root: string, files: string[]): { modules: Map<string, ProgramModuleFacts> } {
  const tree = new ProgramTree(root);
  const modules = new Map<string, ProgramModuleFacts>();
  tree.setEntries(tree.programEntries(files));
  for (const file of files) {
    const found = tree.nameOf(file);
    if (!found) continue;
    const anywhere = tree.programBlockingMethods(found.name) ?? [];
    const starNames = tree.starNames(found.name);
    const blocking = tree.blockingFunctions(found.name);
    const methods = tree.blockingMethods(found.name);
    const generators = tree.waitingGenerators(found.name);
    const threads = tree.programThreads(found.name);
    modules.set(found.name, {
      isPackage: found.isPackage,
      ...(starNames ? { starNames } : {}),
      ...(tree.awaitsAtImport(found.name) ? { awaitsAtImport: true } : {}),
      ...(blocking.length ? { blockingFunctions: blocking } : {}),
      ...(methods.length ? { blockingMethods: methods } : {}),
      ...(generators.length ? { waitingGenerators: generators } : {}),
      ...(anywhere.length ? { programBlockingMethods: anywhere } : {}),
      ...(threads !== null ? { programThreads: threads } : {}),
      ...(tree.programImportsInspect(found.name) ? { programImportsInspect: true } : {}),
    });
  }
  return { modules };
}
