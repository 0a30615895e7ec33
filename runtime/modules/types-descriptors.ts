// The descriptor and frame types `types` names. member_descriptor (a __slots__ entry) and
// getset_descriptor (a built-in type's computed attribute) have instances in the runtime
// (values/data-descriptors.ts), and so do method_descriptor (`str.upper`) and wrapper_descriptor
// (`object.__init__`) (values/builtin-types.ts); pyts's bound dunders of built-in values
// (`(1).__add__`) and built-in class methods are builtin functions, so method-wrapper and
// classmethod_descriptor are types without instances here (isinstance is False where CPython
// says True). CodeType and FrameType are the code and frame objects pyts
// reads from a generator's body or from the running stack (core/body-frame.ts, traceback.ts).

import { BodyCode, BodyFrame } from "../core/body-frame.js";
import { GetSetDescriptor, MemberDescriptor } from "../values/data-descriptors.js";
import { AttributeError, PyTypeError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { CodeObject as FunctionCode } from "../lang/functions.js";
import { callValue } from "./pycall.js";
import { declareDataAttributes, declareTypeMethods } from "../values/declared-attributes.js";

/** A built-in type object that cannot be instantiated from Python. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function builtinType(name: string, test: (x: unknown) => boolean): any {
  const cls = class {
    constructor() {
      throw new PyTypeError(`cannot create '${name}' instances`);
    }
  };
  Object.defineProperties(cls, {
    pythonName: { value: name },
    __pytype__: { value: true },
    __instancecheck__: { value: test },
  });
  return cls;
}

export const MemberDescriptorType = builtinType("member_descriptor", (x) => x instanceof MemberDescriptor);
export const GetSetDescriptorType = builtinType("getset_descriptor", (x) => x instanceof GetSetDescriptor && !(x instanceof MemberDescriptor));
export { MethodDescriptorType, MethodWrapperType, WrapperDescriptorType } from "../values/builtin-types.js";
export const ClassMethodDescriptorType = builtinType("classmethod_descriptor", () => false);
export const CodeType = builtinType("code", (x) => x instanceof BodyCode || x instanceof FunctionCode);
export const FrameType = builtinType("frame", (x) => x instanceof BodyFrame);

/**
 * `types.DynamicClassAttribute(fget=None, fset=None, fdel=None, doc=None)`: a property on
 * instances; looked up on the class it raises AttributeError, so the class's `__getattr__`
 * (an enum's members) answers instead.
 */
export class DynamicClassAttribute {
  static readonly __module__: string = "types";
  fget: unknown;
  fset: unknown;
  fdel: unknown;
  __doc__: unknown;
  overwrite_doc: boolean;
  __isabstractmethod__: boolean;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const arg = (i: number, name: string): unknown => (i < pos.length ? pos[i] : kws[name]) ?? null;
    const fget = arg(0, "fget");
    this.fget = fget;
    this.fset = arg(1, "fset");
    this.fdel = arg(2, "fdel");
    const doc = arg(3, "doc");
    this.__doc__ = doc ?? (fget === null ? null : getattr(fget, "__doc__", null));
    this.overwrite_doc = doc === null;
    this.__isabstractmethod__ = truthy(getattr(fget, "__isabstractmethod__", false));
  }

  __get__(instance: unknown, _owner: unknown = null): unknown {
    if (instance === null || instance === undefined) {
      if (this.__isabstractmethod__) return this;
      throw new AttributeError();
    }
    if (this.fget === null) throw new AttributeError("unreadable attribute");
    return callValue(this.fget, instance);
  }

  __set__(instance: unknown, value: unknown): null {
    if (this.fset === null) throw new AttributeError("can't set attribute");
    callValue(this.fset, instance, value);
    return null;
  }

  __delete__(instance: unknown): null {
    if (this.fdel === null) throw new AttributeError("can't delete attribute");
    callValue(this.fdel, instance);
    return null;
  }

  #copy(fget: unknown, fset: unknown, fdel: unknown): DynamicClassAttribute {
    const made = new (this.constructor as typeof DynamicClassAttribute)(fget, fset, fdel, this.__doc__);
    made.overwrite_doc = this.overwrite_doc;
    return made;
  }
  getter(fget: unknown): DynamicClassAttribute {
    const made = this.#copy(fget, this.fset, this.fdel);
    if (this.overwrite_doc) made.__doc__ = getattr(fget, "__doc__", null);
    return made;
  }
  setter(fset: unknown): DynamicClassAttribute {
    return this.#copy(this.fget, fset, this.fdel);
  }
  deleter(fdel: unknown): DynamicClassAttribute {
    return this.#copy(this.fget, this.fset, fdel);
  }
}

// (`types.CodeType.co_name`, `types.FrameType.f_lineno`: CPython's descriptors of what the
// runtime's code and frame objects hold)
declareDataAttributes(CodeType, "member", "co_argcount co_posonlyargcount co_kwonlyargcount co_nlocals co_firstlineno co_filename co_name co_qualname co_names");
declareDataAttributes(CodeType, "getset", "co_varnames co_cellvars co_freevars");
declareDataAttributes(FrameType, "getset", "f_back f_code f_globals f_lineno f_locals f_trace", true);
declareDataAttributes(FrameType, "getset", "f_builtins");
declareDataAttributes(FrameType, "member", "f_trace_lines f_trace_opcodes", true);
declareTypeMethods(FrameType, BodyFrame.prototype, "clear");
