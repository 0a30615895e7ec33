// The builtins CPython's `site` adds (`copyright`, `credits`, `license`, `help`: objects of
// `_sitebuiltins`) and the builtins a program reaches as values rather than through the
// statements the compiler lowers: `breakpoint`, `globals`, `locals`, `__build_class__`.

import { PyTypeError, RuntimeError } from "../values/exceptions.js";
import { splitKw, Kwargs } from "../values/kwargs.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { typeName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { moduleNamespace, NAMESPACE } from "./module-namespace.js";
import { standardModule } from "./module-object.js";
import { helpText } from "./pydoc-text.js";
import { getattr } from "../values/builtin-functions.js";
import { type } from "../values/index.js";
import { builtinFunction } from "../values/builtin-type.js";

function writeOut(text: string): void {
  (standardStreams.stdout as TextFile).write(text);
}

/** `copyright`, `credits`, `license`: their repr is their text; calling one prints it. */
class Printer {
  static readonly pythonName = "_Printer";
  static readonly __module__ = "_sitebuiltins";
  constructor(
    readonly shown: string,
    readonly printed: string,
  ) {}
  __repr__(): string {
    return this.shown;
  }
  __call__(): null {
    writeOut(this.printed + "\n");
    return null;
  }
}

/** `sys.copyright`, which `copyright` shows. */
export const COPYRIGHT = [
  "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.",
  "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.",
  "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.",
  "Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.",
].join("\n\n");

const CREDITS = "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n    for supporting Python development.  See www.python.org for more information.";

export const copyright = new Printer(COPYRIGHT, COPYRIGHT);
export const credits = new Printer(CREDITS, CREDITS);
// (CPython pages the license file it ships; pyts ships none and prints where it is, as CPython does without the file)
export const license = new Printer("Type license() to see the full license text", "See https://www.python.org/psf/license/");

/** `help`: `help(obj)` prints pydoc's text for a function or a class. */
class Helper {
  static readonly pythonName = "_Helper";
  static readonly __module__ = "_sitebuiltins";
  __repr__(): string {
    return "Type help() for interactive help, or help(object) for help about object.";
  }
  __call__(...args: unknown[]): null {
    const [pos, kw] = splitKw(args);
    const request = pos.length > 0 ? pos[0] : kw["request"];
    if (request === undefined) throw new RuntimeError("pyts has no interactive help: call help(object) for help about an object");
    // (written to sys.stdout, as pydoc's pager writes: `redirect_stdout` takes it)
    const stdout = getattr(standardModule("sys"), "stdout");
    callValue(getattr(stdout, "write"), helpText(request) + "\n");
    return null;
  }
}

export const help = new Helper();

/** `breakpoint(*args, **kws)`: calls sys.breakpointhook, which $PYTHONBREAKPOINT chooses. */
export const breakpoint = builtinFunction(function breakpoint(...args: unknown[]): unknown {
  const hook = (standardModule("sys") as unknown as Record<string, unknown>)["breakpointhook"];
  if (hook === undefined) throw new RuntimeError("lost sys.breakpointhook");
  return callValue(hook, ...args);
}, "breakpoint");

/** The `__main__` module's namespace: what `globals()` means where no frame is known. */
function mainNamespace(): Dict {
  const main = ((standardModule("sys") as unknown as { modules: Dict }).modules).get("__main__") as { [NAMESPACE](): Dict } | undefined;
  if (main === undefined || typeof main[NAMESPACE] !== "function") throw new RuntimeError("globals(): no __main__ module");
  return moduleNamespace(main);
}

/**
 * `globals` called as a value the compiler could not follow (`getattr(builtins, "globals")()`):
 * the main module's namespace (the compiler lowers the calls it sees to the caller's namespace).
 */
export const globals = builtinFunction((): Dict => mainNamespace(), "globals");

/** `locals` called as a value the compiler could not follow: the main module's namespace, as at its top level. */
export const locals = builtinFunction((): Dict => mainNamespace(), "locals");

/** `__build_class__(func, name, *bases, metaclass=None, **kwds)`: runs `func`, then makes the class. */
export const __build_class__ = builtinFunction(function __build_class__(...args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  if (pos.length < 2) throw new PyTypeError("__build_class__: not enough arguments");
  const [func, name, ...bases] = pos;
  if (typeName(func) !== "function") throw new PyTypeError("__build_class__: func must be a function");
  if (typeof name !== "string") throw new PyTypeError("__build_class__: name is not a string");
  const { metaclass, ...keywords } = kw;
  const namespace = new Dict<unknown, unknown>();
  namespace.set("__module__", getattr(func, "__module__", "__main__"));
  namespace.set("__qualname__", name);
  // (a plain function's code runs in its own locals: the class namespace gains none of them)
  callValue(func);
  const maker = metaclass ?? type;
  const made = Object.keys(keywords).length > 0 ? callValue(maker, name, Tuple.from(bases), namespace, new Kwargs(keywords)) : callValue(maker, name, Tuple.from(bases), namespace);
  return made;
}, "__build_class__");
