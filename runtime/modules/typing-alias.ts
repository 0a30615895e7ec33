// typing's generic aliases: `List[int]`, `Dict[str, T]`, `Tuple[int, ...]`, `Callable[[int], str]`,
// `Union[...]`/`Optional[...]`, `Literal[...]`, `Annotated[...]`, as CPython 3.11's typing.py
// builds them: objects with `__origin__`, `__args__`, `__parameters__`, CPython's repr, equality
// and hash, `|` giving a Union, and isinstance refused for subscripted forms.

import { GenericAlias, typeArgRepr } from "../values/subscript.js";
import { UnionType } from "../values/union-type.js";
import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { NotImplemented, Ellipsis } from "../values/singletons.js";
import { sameItem } from "../values/compare.js";
import { pyHash } from "../values/hashing.js";
import { tupleHashOf } from "../values/hash64.js";
import { CALLABLE_OBJECT, repr } from "../values/repr.js";
import { className, isClass, typeName } from "../values/typename.js";
import { NoneType } from "../values/builtin-types.js";
import { isinstance, issubclass } from "../values/builtin-functions.js";
import { callValue } from "./pycall.js";

/** A TypeVar-like parameter (TypeVar, ParamSpec, TypeVarTuple) marks itself with this. */
export const TYPE_PARAMETER = Symbol.for("pyts.typing.parameter");

export function isTypeParameter(x: unknown): boolean {
  return x !== null && typeof x === "object" && (x as { [TYPE_PARAMETER]?: boolean })[TYPE_PARAMETER] === true;
}

/** CPython's typing._type_repr. */
export function typeRepr(x: unknown): string {
  if (isClass(x) || x instanceof GenericAlias) return typeArgRepr(x);
  if (x === Ellipsis) return "...";
  if (typeof x === "function" && (x as { [CALLABLE_OBJECT]?: boolean })[CALLABLE_OBJECT] === true) return repr(x);
  if (typeof x === "function") return (x as { __name__?: string }).__name__ ?? (x as { name: string }).name;
  return repr(x);
}

/** CPython's typing._type_convert / _type_check (3.11): None is NoneType, a str a ForwardRef. */
export function typeCheck(arg: unknown, msg: string, allowSpecial = false): unknown {
  if (arg === null || arg === undefined) return NoneType;
  if (typeof arg === "string") return new ForwardRef(arg);
  if (arg instanceof TypingAlias && arg.__origin__ instanceof SpecialForm && ["Generic", "Protocol"].includes(arg.__origin__._name)) {
    throw new PyTypeError(`${repr(arg)} is not valid as type argument`);
  }
  if (arg instanceof SpecialForm) {
    if (BARE_FORMS.has(arg._name) || (allowSpecial && (arg._name === "ClassVar" || arg._name === "Final"))) return arg;
    throw new PyTypeError(`Plain ${repr(arg)} is not valid as type argument`);
  }
  if (arg instanceof Tuple) throw new PyTypeError(`${msg} Got ${repr(arg).slice(0, 100)}.`);
  return arg;
}

/** Forms usable bare as type arguments. */
const BARE_FORMS = new Set(["Any", "LiteralString", "NoReturn", "Never", "Self", "TypeAlias"]);

/** `ForwardRef('Node')`: a hint written as a string. */
export class ForwardRef {
  static readonly pythonName = "ForwardRef";
  static readonly __module__ = "typing";
  constructor(readonly __forward_arg__: string) {
    if (typeof __forward_arg__ !== "string") throw new PyTypeError(`Forward reference must be a string -- got ${repr(__forward_arg__)}`);
  }
  __repr__(): string {
    return `ForwardRef(${repr(this.__forward_arg__)})`;
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof ForwardRef)) return NotImplemented;
    return this.__forward_arg__ === other.__forward_arg__;
  }
  __hash__(): bigint {
    return pyHash(this.__forward_arg__);
  }
}

/** The parameters (TypeVars) found in `args`, first occurrence first. */
export function collectParameters(args: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const add = (p: unknown): void => {
    if (!out.some((q) => q === p)) out.push(p);
  };
  for (const a of args) {
    if (isTypeParameter(a)) add(a);
    else if (a instanceof TypingAlias || a instanceof GenericAlias) {
      const ps = a instanceof TypingAlias ? a.parametersList() : collectParameters(a.__args__items);
      ps.forEach(add);
    } else if (a instanceof UnionType) collectParameters(a.members).forEach(add);
    else if (Array.isArray(a)) collectParameters(a).forEach(add);
  }
  return out;
}

/** `T` replaced by its argument in `x` (nested aliases substituted too). */
function substitute(x: unknown, table: Map<unknown, unknown>): unknown {
  if (isTypeParameter(x)) return table.has(x) ? table.get(x) : x;
  if (x instanceof TypingAlias) return x.copyWith(x.argsList.map((a) => substitute(a, table)));
  if (x instanceof GenericAlias) return new GenericAlias(x.__origin__, x.__args__items.map((a) => substitute(a, table)));
  if (x instanceof UnionType) return unionOfArgs(x.members.map((a) => substitute(a, table)));
  if (Array.isArray(x)) return x.map((a) => substitute(a, table));
  return x;
}

/** The items of a subscript key: `X[a, b]` gives (a, b). */
export function keyItems(key: unknown): unknown[] {
  return key instanceof Tuple ? [...key.items] : [key];
}

/** typing's `_GenericAlias`: `List[int]`, `Box[T]`, `Generic[T]`, `ClassVar[int]`. */
export class TypingAlias {
  static readonly pythonName: string = "_GenericAlias";
  static readonly __module__ = "typing";
  constructor(
    readonly __origin__: unknown,
    readonly argsList: readonly unknown[],
    readonly _name: string | null = null,
    readonly _inst = true,
  ) {}
  get __args__(): Tuple<unknown> {
    return Tuple.from(this.argsList);
  }
  parametersList(): unknown[] {
    return collectParameters(this.argsList);
  }
  get __parameters__(): Tuple<unknown> {
    return Tuple.from(this.parametersList());
  }
  get _special(): boolean {
    return false;
  }
  copyWith(args: readonly unknown[]): unknown {
    return new TypingAlias(this.__origin__, args, this._name, this._inst);
  }
  __repr__(): string {
    const name = this._name !== null ? `typing.${this._name}` : typeRepr(this.__origin__);
    const args = this.argsList.length === 0 ? "()" : this.argsList.map(typeRepr).join(", ");
    return `${name}[${args}]`;
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof TypingAlias) || other instanceof UnionAlias || other instanceof LiteralAlias) return NotImplemented;
    return sameItem(this.__origin__, other.__origin__) && sameArgs(this.argsList, other.argsList);
  }
  __hash__(): bigint {
    return tupleHashOf([pyHash(this.__origin__), pyHash(this.__args__)]);
  }
  __or__(other: unknown): unknown {
    return unionOfArgs([this, other]);
  }
  __ror__(other: unknown): unknown {
    return unionOfArgs([other, this]);
  }
  /** `Pair[int]` for `Pair = Tuple[T, T]`: the parameters replaced by the arguments. */
  __getitem__(key: unknown): unknown {
    const params = this.parametersList();
    if (params.length === 0) throw new PyTypeError(`${this.__repr__()} is not a generic class`);
    const args = keyItems(key).map((a) => typeCheck(a, "Parameters to generic types must be types."));
    if (args.length !== params.length) {
      throw new PyTypeError(`Too ${args.length > params.length ? "many" : "few"} arguments for ${this.__repr__()}; actual ${args.length}, expected ${params.length}`);
    }
    const table = new Map(params.map((p, i) => [p, args[i]]));
    return this.copyWith(this.argsList.map((a) => substitute(a, table)));
  }
  __instancecheck__(_x: unknown): boolean {
    return this.__subclasscheck__(null);
  }
  __subclasscheck__(_cls: unknown): boolean {
    throw new PyTypeError("Subscripted generics cannot be used with class and instance checks");
  }
  __mro_entries__(_bases: unknown): Tuple<unknown> {
    return Tuple.of(this.__origin__);
  }
  __call__(...args: unknown[]): unknown {
    if (!this._inst) throw new PyTypeError(`Type ${this._name} cannot be instantiated; use ${isClass(this.__origin__) ? className(this.__origin__) : ""}() instead`);
    const result = callOrigin(this.__origin__, args);
    if (result !== null && typeof result === "object") {
      try {
        (result as { __orig_class__?: unknown }).__orig_class__ = this;
      } catch {
        // an object without a __dict__ keeps no __orig_class__
      }
    }
    return result;
  }
}

/** `Box[int](x, key=1)`: the origin called as the program would call it (keywords bound). */
function callOrigin(origin: unknown, args: unknown[]): unknown {
  return callValue(origin, ...args);
}

function sameArgs(xs: readonly unknown[], ys: readonly unknown[]): boolean {
  return xs.length === ys.length && xs.every((x, i) => (Array.isArray(x) && Array.isArray(ys[i]) ? sameArgs(x, ys[i] as unknown[]) : sameItem(x, ys[i])));
}

/** `Callable[[int], str]`: `__args__` flattened to (int, str), shown with the list. */
export class CallableAlias extends TypingAlias {
  static override readonly pythonName = "_CallableGenericAlias";
  override copyWith(args: readonly unknown[]): unknown {
    return new CallableAlias(this.__origin__, args.flatMap((a) => (Array.isArray(a) ? a : [a])), this._name, this._inst);
  }
  override __repr__(): string {
    const args = this.argsList;
    if (args.length === 2 && isParamExpression(args[0])) return super.__repr__();
    const params = args.slice(0, -1).map(typeRepr).join(", ");
    return `typing.Callable[[${params}], ${typeRepr(args.at(-1))}]`;
  }
}

/** `...`, a ParamSpec or a Concatenate: what may stand for a callable's parameter list. */
export function isParamExpression(x: unknown): boolean {
  return x === Ellipsis || (x !== null && typeof x === "object" && (x as { __paramspec__?: boolean }).__paramspec__ === true) || (x instanceof TypingAlias && x.__origin__ instanceof SpecialForm && x.__origin__._name === "Concatenate");
}

/** `Union[int, str]` / `Optional[int]`: order-free equality, isinstance allowed. */
export class UnionAlias extends TypingAlias {
  static override readonly pythonName = "_UnionGenericAlias";
  override copyWith(args: readonly unknown[]): unknown {
    return unionOfArgs(args);
  }
  override __repr__(): string {
    const args = this.argsList;
    if (args.length === 2) {
      if (args[0] === NoneType) return `typing.Optional[${typeRepr(args[1])}]`;
      if (args[1] === NoneType) return `typing.Optional[${typeRepr(args[0])}]`;
    }
    return super.__repr__();
  }
  override __eq__(other: unknown): unknown {
    if (!(other instanceof UnionAlias) && !(other instanceof UnionType)) return NotImplemented;
    const theirs = other instanceof UnionType ? other.__args__.items : other.argsList;
    return sameSet(this.argsList, theirs);
  }
  override __hash__(): bigint {
    return tupleHashOf(this.argsList.map(pyHash).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  override __instancecheck__(x: unknown): boolean {
    return this.argsList.some((a) => isinstance(x, a));
  }
  override __subclasscheck__(cls: unknown): boolean {
    return this.argsList.some((a) => issubclass(cls, a));
  }
}

function sameSet(xs: readonly unknown[], ys: readonly unknown[]): boolean {
  const contains = (zs: readonly unknown[], y: unknown): boolean => zs.some((z) => sameItem(z, y));
  return xs.every((x) => contains(ys, x)) && ys.every((y) => contains(xs, y));
}

/** `Literal[1, 'a']`: the values shown with repr; equal as a set of (value, type). */
export class LiteralAlias extends TypingAlias {
  static override readonly pythonName = "_LiteralGenericAlias";
  override __repr__(): string {
    return `typing.Literal[${this.argsList.map((a) => repr(a)).join(", ")}]`;
  }
  override __eq__(other: unknown): unknown {
    if (!(other instanceof LiteralAlias)) return NotImplemented;
    const same = (a: unknown, b: unknown): boolean => typeName(a) === typeName(b) && sameItem(a, b);
    const has = (zs: readonly unknown[], y: unknown): boolean => zs.some((z) => same(z, y));
    return this.argsList.every((a) => has(other.argsList, a)) && other.argsList.every((a) => has(this.argsList, a));
  }
  override __hash__(): bigint {
    return tupleHashOf(this.argsList.map(pyHash).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** `Annotated[int, 'meta']`: the type as origin, the rest as `__metadata__`. */
export class AnnotatedAlias extends TypingAlias {
  static override readonly pythonName = "_AnnotatedAlias";
  constructor(origin: unknown, readonly metadata: readonly unknown[]) {
    super(origin, [origin], "Annotated");
  }
  get __metadata__(): Tuple<unknown> {
    return Tuple.from(this.metadata);
  }
  override copyWith(args: readonly unknown[]): unknown {
    return new AnnotatedAlias(args[0], this.metadata);
  }
  override __repr__(): string {
    return `typing.Annotated[${typeRepr(this.__origin__)}, ${this.metadata.map((m) => repr(m)).join(", ")}]`;
  }
  override __eq__(other: unknown): unknown {
    if (!(other instanceof AnnotatedAlias)) return NotImplemented;
    return sameItem(this.__origin__, other.__origin__) && sameArgs(this.metadata, other.metadata);
  }
  override __hash__(): bigint {
    return tupleHashOf([pyHash(this.__origin__), pyHash(Tuple.from(this.metadata))]);
  }
}

/** `Unpack[Ts]`, shown as `*Ts`. */
export class UnpackAlias extends TypingAlias {
  static override readonly pythonName = "_UnpackGenericAlias";
  override __repr__(): string {
    return `*${repr(this.argsList[0])}`;
  }
}

/** `Union[...]` of `args`: flattened, None as NoneType, repeats dropped; one member is itself. */
export function unionOfArgs(args: readonly unknown[]): unknown {
  if (args.length === 0) throw new PyTypeError("Cannot take a Union of no types.");
  const flat: unknown[] = [];
  for (const raw of args) {
    const a = typeCheck(raw, "Union[arg, ...]: each arg must be a type.");
    const parts = a instanceof UnionAlias ? a.argsList : a instanceof UnionType ? a.__args__.items : [a];
    for (const p of parts) if (!flat.some((q) => sameItem(q, p))) flat.push(p);
  }
  if (flat.length === 1) return flat[0];
  return new UnionAlias(UNION_FORM(), flat, "Union");
}

let unionForm: SpecialForm | null = null;
const UNION_FORM = (): SpecialForm => (unionForm ??= new SpecialForm("Union", (key) => unionOfArgs(keyItems(key))));

/** A special form: `Any`, `Union`, `Optional`, `ClassVar`, `Literal`, ... */
export class SpecialForm {
  static readonly pythonName = "_SpecialForm";
  static readonly __module__ = "typing";
  constructor(
    readonly _name: string,
    private readonly getitem: ((key: unknown, self: SpecialForm) => unknown) | null = null,
  ) {}
  get __name__(): string {
    return this._name;
  }
  __getitem__(key: unknown): unknown {
    if (this.getitem === null) throw new PyTypeError(`typing.${this._name} is not subscriptable`);
    return this.getitem(key, this);
  }
  __repr__(): string {
    // 3.11's Annotated is a class.
    return this._name === "Annotated" ? "<class 'typing.Annotated'>" : `typing.${this._name}`;
  }
  __or__(other: unknown): unknown {
    return unionOfArgs([this, other]);
  }
  __ror__(other: unknown): unknown {
    return unionOfArgs([other, this]);
  }
  __instancecheck__(_x: unknown): boolean {
    throw new PyTypeError(`typing.${this._name} cannot be used with isinstance()`);
  }
  __subclasscheck__(_cls: unknown): boolean {
    throw new PyTypeError(`typing.${this._name} cannot be used with issubclass()`);
  }
  __call__(): never {
    throw new PyTypeError(`Cannot instantiate typing.${this._name}`);
  }
  __mro_entries__(): never {
    throw new PyTypeError(`Cannot subclass typing.${this._name}`);
  }
}

export function getUnionForm(): SpecialForm {
  return UNION_FORM();
}
