// TestLoader.discover: walks a start directory for test modules (`test*.py` by default),
// imports each by its name relative to the top-level directory and loads its tests, as
// Lib/unittest/loader.py does. A program's modules are converted ahead of the run (a program
// that calls discover has every module of its folder converted), so the walk reads the .py
// files and imports their converted twins (program-modules.ts).

import { ImportError } from "../values/exceptions.js";
import { SkipTest } from "./unittest-util.js";
import { nodeModule } from "../core/host.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { fnmatchcase } from "./fnmatch.js";
import { sysModule } from "./sys.js";
import { attrOr } from "./unittest-case.js";
import { tracebackModule } from "./traceback.js";
import { importByPath, programFolder } from "./program-modules.js";
import { FailedTest, skippedModuleTest } from "./unittest-failed.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

const VALID_MODULE_NAME = /^[_a-z]\w*\.py$/i;

interface Walk {
  loader: any;
  top: string;
  pattern: string;
  loadingPackages: Set<string>;
}

/** `loader.discover(start_dir, pattern="test*.py", top_level_dir=None)`. */
export function discover(loader: any, args: unknown[]): unknown {
  const path = nodeModule("node:path");
  const [pos, kw] = splitKw(args);
  const startGiven = toStr(pos[0] ?? kw["start_dir"]);
  const pattern = toStr(pos[1] ?? kw["pattern"] ?? "test*.py");
  let top = pos[2] ?? kw["top_level_dir"] ?? null;
  // (called from a package's load_tests, the loader's top-level directory still holds)
  if (isNone(top)) top = isNone(loader._top_level_dir ?? null) ? startGiven : loader._top_level_dir;
  const topDir = path.resolve(toStr(top));
  const sysPath = sysModule.path as unknown;
  if (!Array.from(sysPath as Iterable<unknown>).includes(topDir)) callMethod(sysPath, "insert", 0n, topDir);
  loader._top_level_dir = topDir;
  let startDir = startGiven;
  let notImportable = false;
  if (isDirectory(path.resolve(startGiven))) {
    startDir = path.resolve(startGiven);
    if (startDir !== topDir) notImportable = !isFile(path.join(startDir, "__init__.py"));
  } else {
    // a dotted module name: the directory of that package
    try {
      const module = importByPath(startGiven, startGiven);
      startDir = path.dirname(path.resolve(toStr(attrOr(module, "__file__", ""))));
    } catch {
      notImportable = true;
    }
  }
  if (notImportable) throw new ImportError(`Start directory is not importable: ${repr(startGiven)}`);
  const walk: Walk = { loader, top: topDir, pattern, loadingPackages: new Set() };
  return callValue(loader.suiteClass, findTests(walk, startDir));
}

function isDirectory(file: string): boolean {
  return nodeModule("node:fs").statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** A .py file, or the module a build converted it to (a built program's folder holds `X.js` for `X.py`). */
function isFile(file: string): boolean {
  const fs = nodeModule("node:fs");
  if (fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true) return true;
  return file.endsWith(".py") && fs.statSync(`${file.slice(0, -3)}.js`, { throwIfNoEntry: false })?.isFile() === true;
}

/** The folder's entries as Python sees them: a built module `X.js` stands for its `X.py`. */
function folderEntries(dir: string): string[] {
  const names = new Set<string>();
  for (const entry of nodeModule("node:fs").readdirSync(dir)) {
    if (/\.(js|ts|map|d\.ts)$/.test(entry)) {
      if (entry.endsWith(".js") && !entry.endsWith(".imported.js")) names.add(`${entry.slice(0, -3)}.py`);
    } else names.add(entry);
  }
  return [...names].sort();
}

/** `_get_name_from_path`: the dotted name of a file or directory under the top-level directory. */
function nameFromPath(walk: Walk, file: string): string {
  if (file === walk.top) return ".";
  const path = nodeModule("node:path");
  const relative = path.relative(walk.top, path.normalize(file).replace(/\.py$/, ""));
  if (relative.startsWith("..")) throw new ImportError("Path must be within the project");
  return relative.split(path.sep).join(".");
}

/** The name the program's module tree gives a file (its path from the entry's folder). */
function treeName(file: string): string {
  const path = nodeModule("node:path");
  const relative = path.relative(programFolder(), path.normalize(file).replace(/\.py$/, ""));
  return relative.split(path.sep).join(".");
}

function findTests(walk: Walk, startDir: string): unknown[] {
  const out: unknown[] = [];
  const name = nameFromPath(walk, startDir);
  // a package given as the start directory loads its own tests first
  if (name !== "." && !walk.loadingPackages.has(name)) {
    const [tests, recurse] = findTestPath(walk, startDir);
    if (tests !== null) out.push(tests);
    if (!recurse) return out;
  }
  const path = nodeModule("node:path");
  const entries = folderEntries(startDir);
  for (const entry of entries) {
    const full = path.join(startDir, entry);
    const [tests, recurse] = findTestPath(walk, full);
    if (tests !== null) out.push(tests);
    if (recurse) {
      const packageName = nameFromPath(walk, full);
      walk.loadingPackages.add(packageName);
      try {
        out.push(...findTests(walk, full));
      } finally {
        walk.loadingPackages.delete(packageName);
      }
    }
  }
  return out;
}

/** `_find_test_path`: the tests of one file or package, and whether to walk into it. */
function findTestPath(walk: Walk, full: string): [unknown, boolean] {
  const path = nodeModule("node:path");
  const base = path.basename(full);
  if (isFile(full)) {
    if (!VALID_MODULE_NAME.test(base) || !fnmatchcase(base, walk.pattern)) return [null, false];
    const name = nameFromPath(walk, full);
    const module = importTestModule(walk, name, full);
    if (!module.ok) return [module.failed, false];
    return [callMethod(walk.loader, "loadTestsFromModule", module.value, ...patternKw(walk.pattern)), false];
  }
  if (isDirectory(full)) {
    if (!isFile(path.join(full, "__init__.py"))) return [null, false];
    const name = nameFromPath(walk, full);
    const module = importTestModule(walk, name, full);
    if (!module.ok) return [module.failed, false];
    const loadTests = attrOr(module.value, "load_tests", null);
    walk.loadingPackages.add(name);
    try {
      const tests = callMethod(walk.loader, "loadTestsFromModule", module.value, ...patternKw(walk.pattern));
      return [tests, isNone(loadTests)];
    } finally {
      walk.loadingPackages.delete(name);
    }
  }
  return [null, false];
}

function patternKw(pattern: string): unknown[] {
  return [new Kwargs({ pattern })];
}

type Imported = { ok: true; value: unknown } | { ok: false; failed: unknown };

/** `_get_module_from_name`, with what the loader makes of a module that fails to import. */
function importTestModule(walk: Walk, name: string, file: string): Imported {
  try {
    return { ok: true, value: importByPath(name, treeName(file)) };
  } catch (e) {
    if (e instanceof SkipTest) return { ok: false, failed: skippedModuleTest(walk.loader, name, e) };
    const formatted = (tracebackModule.format_exception as (e: unknown) => string[])(e).join("");
    const message = `Failed to import test module: ${name}\n${formatted}`;
    walk.loader.errors.push(message);
    return { ok: false, failed: callValue(walk.loader.suiteClass, [new FailedTest(name, new ImportError(message))]) };
  }
}
