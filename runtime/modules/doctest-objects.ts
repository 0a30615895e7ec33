// doctest's Example, DocTest, DocTestParser and DocTestFinder (Lib/doctest.py). The finder
// walks the module object as CPython's does (its functions and classes, their methods,
// properties and nested classes, `__test__`), and pairs each docstring with the code the
// compiler made of its examples (doctest-registry.ts).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { getattr, vars } from "../values/builtin-functions.js";
import { PyClassMethod, PyStaticMethod } from "../lang/method-objects.js";
import { PyProperty } from "../lang/descriptors.js";
import { isNone } from "./callable-class.js";
import { PyModule } from "./module-object.js";
import { isclass, isroutine } from "./inspect.js";
import { DocTestSyntax, parseDocstring, type ParsedExample } from "./doctest-parser.js";
import { compiledExamples, compiledExamplesAnywhere, type Compiled } from "./doctest-registry.js";
import { print } from "../values/print.js";
import { callMethod } from "../values/methods.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

const withNewline = (s: string): string => (s.endsWith("\n") ? s : `${s}\n`);

export class Example {
  [attr: string]: any;
  static readonly __module__ = "doctest";
  source: string;
  want: string;
  exc_msg: any;
  lineno: bigint;
  indent: bigint;
  options: Dict<bigint, boolean>;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): any => (i < pos.length ? pos[i] : name in kw ? kw[name] : fallback);
    this.source = withNewline(String(arg(0, "source", "")));
    const want = String(arg(1, "want", ""));
    this.want = want && withNewline(want);
    const exc = arg(2, "exc_msg", null);
    this.exc_msg = isNone(exc) ? null : withNewline(String(exc));
    this.lineno = BigInt(arg(3, "lineno", 0n) as bigint);
    this.indent = BigInt(arg(4, "indent", 0n) as bigint);
    const options = arg(5, "options", null);
    this.options = isNone(options) ? new Dict() : (options as Dict<bigint, boolean>);
  }

  static fromParsed(p: ParsedExample): Example {
    const example = new Example(p.source, p.want, p.exc_msg, BigInt(p.lineno), BigInt(p.indent));
    for (const [bit, on] of p.options) example.options.set(BigInt(bit), on);
    return example;
  }
}

/** Where a DocTest's compiled examples come from. */
type Code = (() => Iterable<unknown>) | null;

export class DocTest {
  [attr: string]: any;
  static readonly __module__ = "doctest";
  examples: Example[];
  globs: any;
  name: string;
  filename: any;
  lineno: any;
  docstring: any;
  _pyts_code: Code = null;
  /** the 1-based line of the .py where the docstring's text starts (its examples' frames) */
  _pyts_first_line: number | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const names = ["examples", "globs", "name", "filename", "lineno", "docstring"];
    const [examples, globs, name, filename, lineno, docstring] = names.map((n, i) => (i < pos.length ? pos[i] : n in kw ? kw[n] : null));
    if (typeof examples === "string") throw new PyTypeError("DocTest no longer accepts str; use DocTestParser instead");
    this.examples = [...(examples as Iterable<Example>)];
    this.docstring = docstring;
    this.globs = globs;
    this.name = String(name);
    this.filename = filename;
    this.lineno = lineno;
  }

  /** The examples' functions, in a fresh namespace. */
  compiled(): unknown[] {
    return this._pyts_code === null ? [] : [...this._pyts_code()];
  }

  __repr__(): string {
    const n = this.examples.length;
    const examples = n === 0 ? "no examples" : n === 1 ? "1 example" : `${n} examples`;
    return `<DocTest ${this.name} from ${isNone(this.filename) ? "None" : toStr(this.filename)}:${isNone(this.lineno) ? "None" : toStr(this.lineno)} (${examples})>`;
  }

  __lt__(other: DocTest): boolean {
    if (this.name !== other.name) return this.name < other.name;
    const f1 = isNone(this.filename) ? "" : String(this.filename);
    const f2 = isNone(other.filename) ? "" : String(other.filename);
    if (f1 !== f2) return f1 < f2;
    return Number(this.lineno ?? -1) < Number(other.lineno ?? -1);
  }
}

/** DocTestParser's ValueError for malformed examples. */
export function parsed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DocTestSyntax) throw new ValueError(e.message);
    throw e;
  }
}

export class DocTestParser {
  [attr: string]: any;
  static readonly __module__ = "doctest";

  parse(string: unknown, name: unknown = "<string>"): any[] {
    return parsed(() => parseDocstring(String(string), String(name))).map((x) => (typeof x === "string" ? x : Example.fromParsed(x)));
  }

  get_examples(string: unknown, name: unknown = "<string>"): any[] {
    return this.parse(string, name).filter((x): x is Example => x instanceof Example);
  }

  get_doctest(string: unknown, globs: unknown, name: unknown, filename: unknown, lineno: unknown): any {
    return new DocTest(this.get_examples(string, name), globs, name, filename, lineno, string);
  }
}

/** dict(d) */
export function copyDict(d: unknown): Dict {
  return d instanceof Dict ? new Dict(d.entries()) : (callMethod(d, "copy") as Dict);
}

const COMPILED_EXAMPLES = "__pyts_doctests__";

const defaultParser = new DocTestParser();

function unwrapRoutine(x: unknown): unknown {
  let f = x;
  for (let i = 0; i < 100 && typeof f === "function" && Object.hasOwn(f, "__wrapped__"); i++) f = (f as any).__wrapped__;
  return f;
}

const attr = (obj: unknown, name: string): unknown => {
  try {
    return getattr(obj, name, null);
  } catch {
    return null;
  }
};

export class DocTestFinder {
  [attr: string]: any;
  static readonly __module__ = "doctest";
  _verbose: boolean;
  _parser: DocTestParser;
  _recurse: boolean;
  _exclude_empty: boolean;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length && pos[i] !== undefined ? pos[i] : name in kw ? kw[name] : fallback);
    this._verbose = truthy(arg(0, "verbose", false));
    this._parser = arg(1, "parser", defaultParser) as DocTestParser;
    this._recurse = truthy(arg(2, "recurse", true));
    this._exclude_empty = truthy(arg(3, "exclude_empty", true));
  }

  find(...args: unknown[]): any[] {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : null);
    const obj = arg(0, "obj");
    let name = arg(1, "name");
    let module = arg(2, "module");
    const globs = arg(3, "globs");
    const extraglobs = arg(4, "extraglobs");
    if (isNone(name)) {
      name = attr(obj, "__name__");
      if (isNone(name)) throw new ValueError(`DocTestFinder.find: name must be given when obj.__name__ doesn't exist: ${repr((obj as object)?.constructor)}`);
    }
    if (module === false) module = null;
    else if (isNone(module)) module = moduleOf(obj);
    let namespace: Dict;
    if (isNone(globs)) namespace = isModule(module) ? copyDict(vars(module)) : new Dict();
    else namespace = copyDict(globs);
    if (!isNone(extraglobs)) callMethod(namespace, "update", extraglobs);
    if (!namespace.has("__name__")) namespace.set("__name__", "__main__");
    const tests: DocTest[] = [];
    this._find(tests, obj, String(name), module, namespace, new Set());
    return tests.sort((a, b) => (a.__lt__(b) ? -1 : b.__lt__(a) ? 1 : 0));
  }

  _find(tests: DocTest[], obj: unknown, name: string, module: unknown, globs: Dict, seen: Set<unknown>): void {
    if (this._verbose) print(`Finding tests in ${name}`);
    if (seen.has(obj)) return;
    seen.add(obj);
    const test = this._get_test(obj, name, module, globs);
    if (test !== null) tests.push(test);
    if (isModule(obj) && this._recurse) {
      for (const [valname, val] of (vars(obj) as Dict<string, unknown>).entries()) {
        if (valname === COMPILED_EXAMPLES) continue; // the compiler's (src/lower/doctests.ts)
        if ((isroutine(unwrapRoutine(val)) || isclass(val)) && fromModule(module, val)) this._find(tests, val, `${name}.${valname}`, module, globs, seen);
      }
      const extra = attr(obj, "__test__");
      if (extra instanceof Dict) {
        for (const [valname, val] of extra.entries()) {
          if (typeof valname !== "string") throw new ValueError(`DocTestFinder.find: __test__ keys must be strings: ${repr((valname as object)?.constructor)}`);
          if (!(isroutine(val) || isclass(val) || isModule(val) || typeof val === "string")) {
            throw new ValueError(`DocTestFinder.find: __test__ values must be strings, functions, methods, classes, or modules: ${repr((val as object)?.constructor)}`);
          }
          this._find(tests, val, `${name}.__test__.${valname}`, module, globs, seen);
        }
      }
    }
    if (isclass(obj) && this._recurse) {
      for (const [valname, raw] of (vars(obj) as Dict<string, unknown>).entries()) {
        const val = raw instanceof PyStaticMethod || raw instanceof PyClassMethod ? raw.__func__ : raw;
        if ((isroutine(val) || isclass(val) || val instanceof PyProperty) && fromModule(module, val)) {
          this._find(tests, val, `${name}.${valname}`, module, globs, seen);
        }
      }
    }
  }

  _get_test(obj: unknown, name: string, module: unknown, globs: Dict): DocTest | null {
    let docstring: string;
    if (typeof obj === "string") docstring = obj;
    else {
      const doc = attr(obj, "__doc__");
      docstring = isNone(doc) ? "" : typeof doc === "string" ? doc : toStr(doc);
    }
    if (this._exclude_empty && !docstring) return null;
    let filename: unknown = null;
    if (!isNone(module)) {
      filename = attr(module, "__file__") || attr(module, "__name__");
      if (typeof filename === "string" && filename.endsWith(".pyc")) filename = filename.slice(0, -1);
    }
    const moduleName = isNone(module) ? null : String(attr(module, "__name__"));
    const key = registryKey(obj, name, moduleName);
    const found = lookup(moduleName, key, docstring);
    const lineno = found === null ? null : found.lineno;
    const test = this._parser.get_doctest(docstring, globs, name, filename, lineno);
    if (test instanceof DocTest) {
      test._pyts_code = found?.code ?? null;
      test._pyts_first_line = found?.firstLine ?? null;
    }
    return test;
  }
}

function lookup(moduleName: string | null, keys: string[], text: string): Compiled | null {
  for (const key of keys) {
    const code = moduleName === null ? compiledExamplesAnywhere(key, text) : compiledExamples(moduleName, key, text) ?? compiledExamplesAnywhere(key, text);
    if (code !== null) return code;
  }
  return null;
}

/** The registry keys that may name `obj`'s docstring: its qualified name, its place in the module. */
function registryKey(obj: unknown, name: string, moduleName: string | null): string[] {
  if (isModule(obj)) return [""];
  const keys: string[] = [];
  const target = obj instanceof PyProperty ? obj.fget : obj;
  const qualname = attr(target, "__qualname__");
  if (typeof qualname === "string") keys.push(qualname);
  if (moduleName !== null && name.startsWith(`${moduleName}.`)) keys.push(name.slice(moduleName.length + 1));
  else keys.push(name);
  return keys;
}

export function isModule(x: unknown): boolean {
  return x instanceof PyModule;
}

/** inspect.getmodule: sys.modules[obj.__module__] (or the module itself). */
function moduleOf(obj: unknown): unknown {
  if (isModule(obj)) return obj;
  const name = attr(obj, "__module__");
  if (typeof name !== "string") return null;
  return modulesByName(name);
}

let sysModules: (() => Dict) | null = null;
export function setSysModules(f: () => Dict): void {
  sysModules = f;
}
function modulesByName(name: string): unknown {
  return sysModules?.().get(name) ?? null;
}

function fromModule(module: unknown, obj: unknown): boolean {
  if (isNone(module)) return true;
  if (obj instanceof PyProperty) return true;
  const own = attr(obj, "__module__");
  return typeof own === "string" && own === attr(module, "__name__");
}
