// inspect.signature for Python functions, methods, lambdas and classes (Lib/inspect.py 3.11):
// Signature, Parameter (kinds, defaults, annotations, str() as CPython), BoundArguments from
// bind/bind_partial. The parameters come from the signature spec every function object records
// (runtime/lang/function-info.ts); the defaults and annotations are recorded when the module
// uses `signature` (src/lower/module.ts).

import { Dict } from "../values/dict.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { builtinsModule } from "./module-spec.js";
import { BUILTIN_SIGNATURES } from "./inspect-builtin-signatures.js";
import { Tuple } from "../values/tuple.js";
import { isClass, moduleName, qualName, typeName } from "../values/typename.js";
import { boundParts } from "../lang/bound-parts.js";
import { functionInfo } from "../lang/function-info.js";
import { initInfo } from "../lang/functions.js";
import { INIT_HINTS } from "../lang/class-creation.js";
import { dataclassSignature, namedTupleSignature, partialSignature } from "./inspect-record-signatures.js";
import { parseSpec, type ParamKind } from "../lang/binding.js";
import { MappingProxyType } from "./types.js";
import { pyClass } from "./callable-class.js";
import { declareClassValues, declareDataAttributes } from "../values/declared-attributes.js";

export class _empty {
  static readonly __module__ = "inspect";
}

export class _ParameterKind {
  static readonly __module__ = "inspect";
  constructor(
    readonly name: string,
    readonly value: bigint,
    readonly description: string,
  ) {}
  __str__(): string {
    return this.name;
  }
  __repr__(): string {
    return `<_ParameterKind.${this.name}: ${this.value}>`;
  }
  __int__(): bigint {
    return this.value;
  }
}

export const KINDS = {
  POSITIONAL_ONLY: new _ParameterKind("POSITIONAL_ONLY", 0n, "positional-only"),
  POSITIONAL_OR_KEYWORD: new _ParameterKind("POSITIONAL_OR_KEYWORD", 1n, "positional or keyword"),
  VAR_POSITIONAL: new _ParameterKind("VAR_POSITIONAL", 2n, "variadic positional"),
  KEYWORD_ONLY: new _ParameterKind("KEYWORD_ONLY", 3n, "keyword-only"),
  VAR_KEYWORD: new _ParameterKind("VAR_KEYWORD", 4n, "variadic keyword"),
};
export const BY_SPEC: Record<ParamKind, _ParameterKind> = {
  positionalOnly: KINDS.POSITIONAL_ONLY,
  positional: KINDS.POSITIONAL_OR_KEYWORD,
  vararg: KINDS.VAR_POSITIONAL,
  kwonly: KINDS.KEYWORD_ONLY,
  kwarg: KINDS.VAR_KEYWORD,
};

/** inspect.formatannotation: a class by its (module-qualified) name, anything else by repr. */
export function formatAnnotation(annotation: unknown): string {
  if (isClass(annotation)) {
    const module = moduleName(annotation);
    return module === "builtins" ? qualName(annotation) : `${module}.${qualName(annotation)}`;
  }
  // (typing's special forms lose their module prefix: `Optional[str]`)
  if (annotation !== null && typeof annotation === "object" && getattr(annotation, "__module__", null) === "typing") return repr(annotation).replaceAll("typing.", "");
  return repr(annotation);
}

export class Parameter {
  static readonly __module__ = "inspect";
  static readonly empty = _empty;
  static readonly POSITIONAL_ONLY = KINDS.POSITIONAL_ONLY;
  static readonly POSITIONAL_OR_KEYWORD = KINDS.POSITIONAL_OR_KEYWORD;
  static readonly VAR_POSITIONAL = KINDS.VAR_POSITIONAL;
  static readonly KEYWORD_ONLY = KINDS.KEYWORD_ONLY;
  static readonly VAR_KEYWORD = KINDS.VAR_KEYWORD;
  get empty(): typeof _empty {
    return _empty;
  }
  readonly name: string;
  readonly kind: _ParameterKind;
  readonly default: unknown;
  readonly annotation: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.name = String(pos[0] ?? kws.name);
    this.kind = (pos[1] ?? kws.kind) as _ParameterKind;
    if (!(this.kind instanceof _ParameterKind)) throw new ValueError(`value ${repr(this.kind)} is not a valid Parameter.kind`);
    this.default = "default" in kws ? kws.default : _empty;
    this.annotation = "annotation" in kws ? kws.annotation : _empty;
  }

  __str__(): string {
    let formatted = this.name;
    if (this.annotation !== _empty) formatted = `${formatted}: ${formatAnnotation(this.annotation)}`;
    if (this.default !== _empty) formatted = this.annotation !== _empty ? `${formatted} = ${repr(this.default)}` : `${formatted}=${repr(this.default)}`;
    if (this.kind === KINDS.VAR_POSITIONAL) formatted = "*" + formatted;
    else if (this.kind === KINDS.VAR_KEYWORD) formatted = "**" + formatted;
    return formatted;
  }

  __repr__(): string {
    return `<Parameter "${this.__str__()}">`;
  }

  /** `replace(*, name=, kind=, default=, annotation=)`: a copy with those changed. */
  replace(...args: unknown[]): Parameter {
    const [, kws] = splitKw(args);
    const pick = (key: string, own: unknown): unknown => (Object.hasOwn(kws, key) ? kws[key] : own);
    const named: Record<string, unknown> = {};
    const dflt = pick("default", this.default);
    const annotation = pick("annotation", this.annotation);
    if (dflt !== _empty) named.default = dflt;
    if (annotation !== _empty) named.annotation = annotation;
    return new Parameter(pick("name", this.name), pick("kind", this.kind), new Kwargs(named));
  }
}

/** The checks of `Signature(parameters)`: kinds in order, no required positional after a default, names unique. */
function validateParameters(params: readonly Parameter[]): void {
  let topKind = KINDS.POSITIONAL_ONLY;
  let seenDefault = false;
  const names = new Set<string>();
  for (const param of params) {
    const kind = param.kind;
    if (kind.value < topKind.value) throw new ValueError(`wrong parameter order: ${topKind.description} parameter before ${kind.description} parameter`);
    if (kind.value > topKind.value) topKind = kind;
    if (kind === KINDS.POSITIONAL_ONLY || kind === KINDS.POSITIONAL_OR_KEYWORD) {
      if (param.default !== _empty) seenDefault = true;
      else if (seenDefault) throw new ValueError("non-default argument follows default argument");
    }
    if (names.has(param.name)) throw new ValueError(`duplicate parameter name: ${repr(param.name)}`);
    names.add(param.name);
  }
}

export class Signature {
  static readonly __module__ = "inspect";
  static readonly empty = _empty;
  get empty(): typeof _empty {
    return _empty;
  }
  readonly params: Parameter[];
  readonly return_annotation: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const given = pos[0] ?? kws.parameters ?? null;
    this.params = given === null ? [] : [...(given as Iterable<Parameter>)];
    this.return_annotation = "return_annotation" in kws ? kws.return_annotation : _empty;
    validateParameters(this.params);
  }

  get parameters(): MappingProxyType {
    return new MappingProxyType(new Dict(this.params.map((p) => [p.name, p] as [unknown, unknown])));
  }

  __str__(): string {
    const result: string[] = [];
    let posOnly = false;
    let kwOnlySeparator = true;
    for (const param of this.params) {
      if (param.kind === KINDS.POSITIONAL_ONLY) posOnly = true;
      else if (posOnly) {
        result.push("/");
        posOnly = false;
      }
      if (param.kind === KINDS.VAR_POSITIONAL) kwOnlySeparator = false;
      else if (param.kind === KINDS.KEYWORD_ONLY && kwOnlySeparator) {
        result.push("*");
        kwOnlySeparator = false;
      }
      result.push(param.__str__());
    }
    if (posOnly) result.push("/");
    let rendered = `(${result.join(", ")})`;
    if (this.return_annotation !== _empty) rendered += ` -> ${formatAnnotation(this.return_annotation)}`;
    return rendered;
  }

  __repr__(): string {
    return `<Signature ${this.__str__()}>`;
  }

  __eq__(other: unknown): boolean {
    return other instanceof Signature && this.__str__() === other.__str__();
  }

  /** `replace(*, parameters=..., return_annotation=...)`: a copy with those changed. */
  replace(...args: unknown[]): Signature {
    const [, kws] = splitKw(args);
    const copy = new Signature(Object.hasOwn(kws, "parameters") ? kws.parameters : this.params);
    (copy as { return_annotation: unknown }).return_annotation = Object.hasOwn(kws, "return_annotation") ? kws.return_annotation : this.return_annotation;
    return copy;
  }

  bind(...args: unknown[]): BoundArguments {
    return bindArguments(this, args, false);
  }

  bind_partial(...args: unknown[]): BoundArguments {
    return bindArguments(this, args, true);
  }
}

export class BoundArguments {
  static readonly __module__ = "inspect";
  arguments: Dict;
  constructor(
    readonly signature: Signature,
    bound: Dict,
  ) {
    this.arguments = bound;
  }

  get args(): Tuple {
    const out: unknown[] = [];
    for (const p of this.signature.params) {
      if (p.kind === KINDS.VAR_KEYWORD || p.kind === KINDS.KEYWORD_ONLY || !this.arguments.has(p.name)) break;
      const value = this.arguments.get(p.name);
      if (p.kind === KINDS.VAR_POSITIONAL) out.push(...(value as Tuple).items);
      else out.push(value);
    }
    return Tuple.from(out);
  }

  get kwargs(): Dict {
    const out = new Dict();
    let started = false;
    for (const p of this.signature.params) {
      if (!started) {
        if (p.kind === KINDS.VAR_KEYWORD || p.kind === KINDS.KEYWORD_ONLY) started = true;
        else if (!this.arguments.has(p.name)) {
          started = true;
          continue;
        }
      }
      if (!started || !this.arguments.has(p.name)) continue;
      const value = this.arguments.get(p.name);
      if (p.kind === KINDS.VAR_KEYWORD) for (const [k, v] of (value as Dict).entries()) out.set(k, v);
      else out.set(p.name, value);
    }
    return out;
  }

  apply_defaults(): null {
    const out = new Dict();
    for (const p of this.signature.params) {
      if (this.arguments.has(p.name)) out.set(p.name, this.arguments.get(p.name));
      else if (p.default !== _empty) out.set(p.name, p.default);
      else if (p.kind === KINDS.VAR_POSITIONAL) out.set(p.name, Tuple.of());
      else if (p.kind === KINDS.VAR_KEYWORD) out.set(p.name, new Dict());
    }
    this.arguments = out;
    return null;
  }

  __repr__(): string {
    return `<BoundArguments (${[...this.arguments.entries()].map(([k, v]) => `${String(k)}=${repr(v)}`).join(", ")})>`;
  }
}

/** Signature._bind, with its TypeError messages. */
function bindArguments(sig: Signature, all: unknown[], partial: boolean): BoundArguments {
  const [args, kwargs] = splitKw(all);
  const named = new Map(Object.entries(kwargs));
  const out = new Dict();
  const params = sig.params;
  let i = 0;
  let rest: Parameter[] = [];
  let a = 0;
  for (;;) {
    if (a >= args.length) {
      const param = params[i];
      if (param === undefined) break;
      if (param.kind === KINDS.VAR_POSITIONAL) break;
      if (named.has(param.name)) {
        if (param.kind === KINDS.POSITIONAL_ONLY) throw new PyTypeError(`'${param.name}' parameter is positional only, but was passed as a keyword`);
        rest = [param];
        i++;
        break;
      }
      if (param.kind === KINDS.VAR_KEYWORD || param.default !== _empty || partial) {
        rest = [param];
        i++;
        break;
      }
      throw new PyTypeError(`missing a required argument: '${param.name}'`);
    }
    const param = params[i++];
    if (param === undefined || param.kind === KINDS.VAR_KEYWORD || param.kind === KINDS.KEYWORD_ONLY) throw new PyTypeError("too many positional arguments");
    if (param.kind === KINDS.VAR_POSITIONAL) {
      out.set(param.name, Tuple.from(args.slice(a)));
      a = args.length;
      break;
    }
    if (named.has(param.name) && param.kind !== KINDS.POSITIONAL_ONLY) throw new PyTypeError(`multiple values for argument '${param.name}'`);
    out.set(param.name, args[a++]);
  }
  let kwargsParam: Parameter | null = null;
  for (const param of [...rest, ...params.slice(i)]) {
    if (param.kind === KINDS.VAR_KEYWORD) {
      kwargsParam = param;
      continue;
    }
    if (param.kind === KINDS.VAR_POSITIONAL) continue;
    if (!named.has(param.name)) {
      if (!partial && param.default === _empty) throw new PyTypeError(`missing a required argument: '${param.name}'`);
      continue;
    }
    if (param.kind === KINDS.POSITIONAL_ONLY) throw new PyTypeError(`'${param.name}' parameter is positional only, but was passed as a keyword`);
    out.set(param.name, named.get(param.name));
    named.delete(param.name);
  }
  if (named.size > 0) {
    if (kwargsParam === null) throw new PyTypeError(`got an unexpected keyword argument '${[...named.keys()][0]!}'`);
    out.set(kwargsParam.name, new Dict([...named.entries()]));
  }
  return new BoundArguments(sig, out);
}

/** The hints recorded on a function (its `__annotations__`), if any. */
function hintsOf(f: Function): Dict | null {
  try {
    const h = getattr(f, "__annotations__");
    return h instanceof Dict ? h : null;
  } catch {
    return null;
  }
}

/** The signature of a Python function (its recorded spec, defaults and annotations). */
function functionSignature(f: Function, skipFirst: boolean, info = functionInfo(f), hints = hintsOf(f)): Signature {
  if (info === undefined || info.spec === null) throw new ValueError(`no signature found for builtin ${repr(f)}`);
  // (a bare `*` marks the keyword-only parameters; it is no parameter itself)
  const specs = parseSpec(info.spec).filter((p) => !(p.kind === "vararg" && p.name === ""));
  const positionalDefaults = [...(info.defaults ?? [])];
  const positionalWithDefault = specs.filter((p) => (p.kind === "positional" || p.kind === "positionalOnly") && p.hasDefault).length;
  const firstDefault = positionalDefaults.length - positionalWithDefault;
  let k = 0;
  const params = specs.map((p) => {
    const kind = BY_SPEC[p.kind];
    let value: unknown = _empty;
    if (p.hasDefault && (p.kind === "positional" || p.kind === "positionalOnly")) {
      const index = firstDefault + k++;
      if (index >= 0 && index < positionalDefaults.length) value = positionalDefaults[index];
    } else if (p.hasDefault && info.kwdefaults && p.name in info.kwdefaults) value = info.kwdefaults[p.name];
    const hint = hints?.get(p.name);
    return Object.assign(Object.create(Parameter.prototype) as Parameter, { name: p.name, kind, default: value, annotation: hint === undefined ? _empty : hint });
  });
  const returns = hints?.get("return");
  const sig = new Signature(skipFirst || info.method ? params.slice(1) : params);
  return Object.assign(sig, { return_annotation: returns === undefined ? _empty : returns });
}

/** `inspect.signature(callable)`. */
export function signature(obj: unknown): Signature {
  // (functools.partial: the signature of its function less what it fills)
  if (typeName(obj) === "partial") {
    const keywords = getattr(obj, "keywords");
    return partialSignature(signature(getattr(obj, "func")), (getattr(obj, "args") as Tuple).items, keywords instanceof Dict ? keywords : new Dict());
  }
  // (follow_wrapped: a functools.wraps wrapper shows the wrapped function's signature)
  if (typeof obj === "function" && !isClass(obj)) {
    const wrapped = getattr(obj, "__wrapped__", null);
    if (wrapped !== null && wrapped !== obj) return signature(wrapped);
  }
  if (typeof obj !== "function") {
    const call = (obj as { __call__?: unknown } | null)?.__call__;
    if (typeof call === "function") return functionSignature(call as Function, false);
    throw new PyTypeError(`${repr(obj)} is not a callable object`);
  }
  const parts = boundParts(obj);
  if (parts !== undefined) {
    // (a method whose def a decorator wrapped: its function's signature, without `self`)
    const func = getattr(obj, "__func__", null);
    if (typeof func === "function" && func !== parts.method && getattr(func, "__wrapped__", null) !== null) {
      const unbound = signature(func);
      return Object.assign(new Signature(unbound.params.slice(1)), { return_annotation: unbound.return_annotation });
    }
    return functionSignature(parts.method, true);
  }
  // (a frozen dataclass is a Proxy of its class, no class to isClass)
  if (isClass(obj) || Object.hasOwn(obj, "__dataclass_fields__")) {
    // The nearest class whose `__init__` pyts recorded: the JS constructor, or a method the
    // constructor runs (its parameters after `self`).
    for (let cls: Function | null = obj; cls !== null && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function | null) {
      const info = initInfo(cls);
      if (info !== undefined && info.spec !== null) {
        // (a dataclass's generated `__init__`: its fields, as CPython's signature shows them)
        const generated = Object.hasOwn(cls, "__dataclass_fields__") ? dataclassSignature(cls, info) : null;
        if (generated !== null) return generated;
        const hints = (cls as unknown as { [INIT_HINTS]?: Dict })[INIT_HINTS] ?? null;
        return functionSignature(cls, true, { ...info, method: false }, hints);
      }
      const proto = (cls as { prototype?: unknown }).prototype;
      const init = proto !== null && typeof proto === "object" && Object.hasOwn(proto, "__init__") ? (proto as { __init__: unknown }).__init__ : undefined;
      const initDef = typeof init === "function" ? functionInfo(init) : undefined;
      if (initDef !== undefined && initDef.spec !== null) return functionSignature(init as Function, true, { ...initDef, method: false });
    }
    return namedTupleSignature(obj) ?? new Signature();
  }
  return builtinSignature(obj) ?? functionSignature(obj, false);
}

/** A function of the builtins module with a recorded signature (its __text_signature__). */
function builtinSignature(f: Function): Signature | null {
  const name = (f as { __name__?: unknown }).__name__;
  if (typeof name !== "string" || !Object.hasOwn(BUILTIN_SIGNATURES, name)) return null;
  if ((builtinsModule() as unknown as Record<string, unknown>)[name] !== f) return null;
  const kinds = Object.values(KINDS);
  const params = BUILTIN_SIGNATURES[name]!.map(([paramName, kind, ...given]) => {
    const fields = { name: paramName, kind: kinds[kind]!, default: given.length > 0 ? given[0] : _empty, annotation: _empty };
    return Object.assign(Object.create(Parameter.prototype) as Parameter, fields);
  });
  return new Signature(params);
}

export const signatureNames = {
  signature,
  Signature: pyClass(Signature),
  Parameter: pyClass(Parameter),
  BoundArguments: pyClass(BoundArguments),
};

// (`inspect.Parameter.name`: properties over the instances' attributes, as CPython's)
declareDataAttributes(Parameter, "property", "name default annotation kind");
declareDataAttributes(Signature, "property", "return_annotation");
// (`Signature.from_callable(f)`: the class method `inspect.signature` calls, on instances too)
declareClassValues(Signature, { from_callable: (obj: unknown) => signature(obj) });
declareDataAttributes(BoundArguments, "member", "arguments", true);
declareDataAttributes(BoundArguments, "property", "signature");
