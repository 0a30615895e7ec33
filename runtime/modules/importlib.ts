// Python's `importlib`: import_module for the program's own modules (program-modules.ts).
import { PyTypeError } from "../values/exceptions.js";
import { moduleObject } from "./module-object.js";
import { importByName } from "./program-modules.js";

function import_module(name: unknown, pkg: unknown = null): any {
  if (typeof name !== "string") throw new PyTypeError(`module name must be str, not ${typeof name}`);
  if (name.startsWith(".")) {
    if (typeof pkg !== "string") throw new PyTypeError(`the 'package' argument is required to perform a relative import for '${name}'`);
    const level = name.length - name.replace(/^\.+/, "").length;
    const base = pkg.split(".").slice(0, pkg.split(".").length - (level - 1));
    const rest = name.slice(level);
    return importByName([...base, ...(rest ? [rest] : [])].join("."));
  }
  return importByName(name);
}

export const importlibModule = moduleObject("importlib", { import_module });
