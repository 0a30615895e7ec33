// The data descriptors a type's `__dict__` holds for attributes implemented in C:
// `int.__dict__["real"]` (a getset_descriptor), `complex.__dict__["imag"]` (a
// member_descriptor), a class's `__dict__` and `__weakref__` entries. Each reads (and where
// CPython allows, writes) the attribute of an instance of its type, as CPython's do.

import { delattr, getattr, isinstance, setattr } from "./builtin-functions.js";
import { AttributeError, PyTypeError } from "./exceptions.js";
import { builtinMethod } from "./builtin-type.js";
import { TYPE_DOCS } from "./type-dicts.js";
import { className, classTpName, typeName } from "./typename.js";

/** `<attribute 'real' of 'int' objects>`: a getset_descriptor. */
export class GetSetDescriptor {
  static readonly pythonName: string = "getset_descriptor";
  readonly __name__: string;
  readonly __qualname__: string;
  readonly __doc__: string | null;

  constructor(
    readonly __objclass__: Function,
    name: string,
    /** May an instance's attribute be set and deleted through the descriptor? */
    private readonly writable: boolean,
  ) {
    this.__name__ = name;
    const owner = className(__objclass__);
    this.__qualname__ = `${owner}.${name}`;
    this.__doc__ = TYPE_DOCS[`${owner}.${name}`] ?? null;
  }

  protected get kind(): string {
    return "attribute";
  }

  __repr__(): string {
    return `<${this.kind} '${this.__name__}' of '${classTpName(this.__objclass__)}' objects>`;
  }

  private check(obj: unknown): void {
    if (!isinstance(obj, this.__objclass__)) {
      throw new PyTypeError(`descriptor '${this.__name__}' for '${classTpName(this.__objclass__)}' objects doesn't apply to a '${typeName(obj)}' object`);
    }
  }

  __get__(obj: unknown, _owner: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    this.check(obj);
    // (no weak references are tracked per object: CPython's value without any)
    if (this.__name__ === "__weakref__") return null;
    return getattr(obj, this.__name__);
  }

  protected readonly(): AttributeError {
    return new AttributeError(`attribute '${this.__name__}' of '${classTpName(this.__objclass__)}' objects is not writable`);
  }

  __set__(obj: unknown, value: unknown): null {
    this.check(obj);
    if (!this.writable) throw this.readonly();
    return setattr(obj, this.__name__, value);
  }

  __delete__(obj: unknown): null {
    this.check(obj);
    if (!this.writable) throw this.readonly();
    return delattr(obj, this.__name__);
  }
}

/** `<member 'real' of 'complex' objects>`: a member_descriptor (a C struct field). */
export class MemberDescriptor extends GetSetDescriptor {
  static override readonly pythonName: string = "member_descriptor";

  protected override get kind(): string {
    return "member";
  }

  protected override readonly(): AttributeError {
    return new AttributeError("readonly attribute");
  }
}

/** The attributes of the built-in types' instances that may be set: `obj.__class__ = C`, `exc.args = ...`. */
const WRITABLE = new Set(["object.__class__", "BaseException.__dict__", "BaseException.args", "BaseException.__traceback__", "BaseException.__context__", "BaseException.__cause__", "BaseException.__suppress_context__"]);

const made = new Map<string, GetSetDescriptor>();

/** The descriptor for a built-in type's data attribute (kind `g` or `M` of its `__dict__`), one per name. */
export function builtinDataDescriptor(type: Function, name: string, kind: string): GetSetDescriptor {
  const key = `${className(type)}.${name}`;
  let d = made.get(key);
  if (d === undefined) {
    d = kind === "M" ? new MemberDescriptor(type, name, WRITABLE.has(key)) : new GetSetDescriptor(type, name, WRITABLE.has(key));
    made.set(key, d);
  }
  return d;
}

/**
 * A method of a C type read off the type (`collections.deque.append`): a method descriptor
 * taking the instance first, refusing one of another type as CPython does, shown as
 * `<method 'append' of 'collections.deque' objects>`. `method` receives the instance as `this`;
 * `tpName` is the name CPython's type shows (its `__module__`-qualified tp_name).
 */
export function methodDescriptor(type: Function, name: string, method: (...a: unknown[]) => unknown, tpName = classTpName(type)): (...a: unknown[]) => unknown {
  const descriptor = function (...args: unknown[]): unknown {
    if (args.length === 0) throw new PyTypeError(`unbound method ${className(type)}.${name}() needs an argument`);
    const [self, ...rest] = args;
    if (!isinstance(self, type)) throw new PyTypeError(`descriptor '${name}' for '${tpName}' objects doesn't apply to a '${typeName(self)}' object`);
    return method.apply(self, rest);
  };
  Object.defineProperties(descriptor, {
    __builtin__: { value: true },
    __name__: { value: name },
    __qualname__: { value: `${className(type)}.${name}` },
    __objclass__: { value: type },
    [Symbol.for("pyts.descriptorKind")]: { value: `method '${name}' of '${tpName}' objects` },
    // (a method descriptor is a descriptor: `Decimal.quantize.__get__(x)` is `x.quantize`)
    __get__: { value: builtinMethod(methodDescriptorGet(descriptor, type, name, method, tpName), "__get__", descriptor) },
  });
  return descriptor;
}

/** The `__get__` of method descriptor `descriptor`: through None (with an owner) itself, through an instance its method bound to it. */
function methodDescriptorGet(descriptor: Function, type: Function, name: string, method: (...a: unknown[]) => unknown, tpName: string): (...a: unknown[]) => unknown {
  return (...args: unknown[]): unknown => {
    if (args.length < 1 || args.length > 2) throw new PyTypeError(args.length < 1 ? "expected at least 1 argument, got 0" : `expected at most 2 arguments, got ${args.length}`);
    const [obj, owner = null] = args;
    if (obj === null || obj === undefined) {
      if (owner === null) throw new PyTypeError("__get__(None, None) is invalid");
      return descriptor;
    }
    if (!isinstance(obj, type)) throw new PyTypeError(`descriptor '${name}' for '${tpName}' objects doesn't apply to a '${typeName(obj)}' object`);
    return builtinMethod((...rest: unknown[]) => method.apply(obj, rest), name, obj, descriptor);
  };
}

// (its `__get__`/`__set__`/`__delete__` are C slots: method-wrappers when read, runtime/values/attributes.ts)
Object.defineProperty(GetSetDescriptor.prototype, Symbol.for("pyts.slotDescriptor"), { value: true });
