// Python's `importlib`: import_module for the program's own modules (program-modules.ts).
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { moduleObject } from "./module-object.js";
import { importByName } from "./program-modules.js";

function import_module(...args: unknown[]): any {
  const [positional, keywords] = splitKw(args);
  for (const key of Object.keys(keywords)) if (key !== "name" && key !== "package") throw new PyTypeError(`import_module() got an unexpected keyword argument '${key}'`);
  if (positional.length > 2) throw new PyTypeError(`import_module() takes from 1 to 2 positional arguments but ${positional.length} were given`);
  const name = positional.length > 0 ? positional[0] : keywords["name"];
  const pkg = positional.length > 1 ? positional[1] : (keywords["package"] ?? null);
  if (name === undefined) throw new PyTypeError("import_module() missing 1 required positional argument: 'name'");
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
