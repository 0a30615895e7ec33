// `f.__code__`: what pyts knows of a function's code object (its name, parameters, locals,
// closure variables, global and attribute names, file and first line), as CPython's code objects show them.

import { Tuple } from "../values/tuple.js";
import { addressOf } from "../values/repr.js";
import { programFile } from "../core/code-location.js";
import { parseSpec } from "./binding.js";
import type { FunctionInfo } from "./function-info.js";

/** The file of a program module by its name (set by the module machinery: program-modules.ts). */
let moduleFile: (module: string) => string | undefined = () => undefined;

export function setModuleFileLookup(lookup: (module: string) => string | undefined): void {
  moduleFile = lookup;
}

/** `f.__code__`: the parts pyts knows. */
export class CodeObject {
  static pythonName = "code";
  constructor(
    readonly co_name: string,
    readonly co_qualname: string,
    readonly co_argcount: bigint,
    readonly co_posonlyargcount: bigint,
    readonly co_kwonlyargcount: bigint,
    readonly co_varnames: Tuple<string>,
    readonly co_firstlineno: bigint,
    readonly co_freevars: Tuple<string> = Tuple.of(),
    readonly co_cellvars: Tuple<string> = Tuple.of(),
    readonly co_filename: string = programFile(),
    /** global and attribute names the body uses, in first-use order (recorded when the program reads `co_names`) */
    readonly co_names: Tuple<string> = Tuple.of(),
  ) {}
  get co_nlocals(): bigint {
    return BigInt(this.co_varnames.items.length);
  }
  __repr__(): string {
    return `<code object ${this.co_name} at ${addressOf(this)}, file "${this.co_filename}", line ${this.co_firstlineno}>`;
  }
}

/** The code object of a function with record `info`, named `name`/`qualname`, defined in `module`. */
export function codeOf(name: string, qualname: string, info: FunctionInfo | undefined, module: string | undefined): CodeObject {
  const params = info?.spec ? parseSpec(info.spec) : [];
  // (a method's spec names `self` first: it is a parameter of the code too)
  const positional = params.filter((p) => p.kind === "positional" || p.kind === "positionalOnly");
  const names = params.filter((p) => p.name !== "");
  // CPython lists positional, keyword-only, then `*args` and `**kwargs`, then other locals.
  const ordered = [...positional, ...names.filter((p) => p.kind === "kwonly"), ...names.filter((p) => p.kind === "vararg"), ...names.filter((p) => p.kind === "kwarg")].map((p) => p.name);
  const varnames = info?.varnames ?? ordered;
  const file = (module === undefined || module === "__main__" ? undefined : moduleFile(module)) ?? programFile();
  return new CodeObject(
    name,
    qualname,
    BigInt(positional.length),
    BigInt(positional.filter((p) => p.kind === "positionalOnly").length),
    BigInt(params.filter((p) => p.kind === "kwonly").length),
    Tuple.from(varnames),
    BigInt(info?.firstLine ?? 0),
    Tuple.from(info?.freevars ?? []),
    Tuple.from(info?.cellvars ?? []),
    file,
    Tuple.from(info?.names ?? []),
  );
}
