// Where a module of a program lives, found as CPython finds it from the program's root: a
// package (`a/__init__.py`) before a module (`a.py`), a submodule only inside a package.
// File-system work only, so the start-up path can re-check a cached program's lookups
// without loading the compiler.
// (Node's built-ins through process.getBuiltinModule: see run-program.ts)
const fs = process.getBuiltinModule("node:fs");
const path = process.getBuiltinModule("node:path");

export interface ProgramModuleFile {
  name: string;
  file: string;
  isPackage: boolean;
}

export const isFile = (file: string): boolean => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The module `name` under `root`, or null; `parent` locates the enclosing package (memoised by the caller). */
export function locateModule(root: string, name: string, parent: (name: string) => ProgramModuleFile | null): ProgramModuleFile | null {
  const parts = name.split(".");
  if (!parts.every((p) => IDENTIFIER.test(p))) return null;
  const base = path.join(root, ...parts);
  let result: ProgramModuleFile | null = null;
  if (isFile(path.join(base, "__init__.py"))) result = { name, file: path.join(base, "__init__.py"), isPackage: true };
  else if (isFile(base + ".py")) result = { name, file: base + ".py", isPackage: false };
  // (a folder without `__init__.py` is a namespace package; a module file of its name shadows it)
  if (result && parts.length > 1 && parent(parts.slice(0, -1).join("."))?.isPackage === false) result = null;
  return result;
}
