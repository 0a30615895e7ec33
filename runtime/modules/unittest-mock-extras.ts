// unittest.mock's remaining public names: PropertyMock (a mock that is a descriptor), seal,
// the mixin classes of CPython's mock hierarchy, MagicProxy, and the module's constants.
// The mixins are separate classes here (JavaScript has one chain of bases): isinstance and
// issubclass answer for them as CPython's MRO does, MagicMock.__mro__ does not list them.

import { FunctionType, MethodType } from "../values/builtin-types.js";
import { Tuple } from "../values/tuple.js";
import { getattrImpl } from "../values/attributes.js";
import { setattr } from "../values/builtin-functions.js";
import { pyClass } from "./callable-class.js";
import { Base, MagicMock, Mock, NonCallableMagicMock, NonCallableMock, MAGIC_METHOD, STATE } from "./unittest-mock.js";
import { CHILD_MOCK } from "./unittest-mock-state.js";
import { AsyncMock } from "./unittest-mock-async.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A mock standing for a property: reading it calls it, assigning calls it with the value. */
export class PropertyMock extends Mock {
  // (_get_child_mock: its attributes are MagicMocks)
  static readonly [CHILD_MOCK] = MagicMock;

  __get__(_obj: unknown, _type: unknown = null): any {
    return this.__call__();
  }

  __set__(_obj: unknown, value: unknown): null {
    this.__call__(value);
    return null;
  }
}

/** seal(mock): the mock, and the mocks it made or was given unnamed, make no more children. */
export function seal(mock: unknown): null {
  if (!(mock instanceof NonCallableMock)) {
    setattr(mock, "_mock_sealed", true);
    return null;
  }
  const state = mock[STATE];
  state.sealed = true;
  const made = new Set<unknown>(state.children.values());
  if (state.returnValue instanceof NonCallableMock) made.add(state.returnValue);
  for (const key of Object.keys(mock)) made.add((mock as Record<string, unknown>)[key]);
  for (const child of made) {
    if (child instanceof NonCallableMock && child !== mock && child[STATE].parent === mock && !child[STATE].sealed) seal(child);
  }
  return null;
}

type Cls = abstract new (...args: any[]) => unknown;

/** A mixin's isinstance/issubclass: true for the mock classes CPython derives from it. */
function mixinChecks(mixin: Cls, derived: () => Cls[]): void {
  const isSub = (cls: unknown): boolean => {
    const proto = (cls as { prototype?: unknown } | null)?.prototype;
    return typeof cls === "function" && (proto === mixin.prototype || derived().some((d) => proto === d.prototype || proto instanceof d));
  };
  Object.defineProperties(mixin, {
    // (a type object for isClass, as pyClass would mark it; pyClass then keeps these checks)
    __pytype__: { value: true },
    __instancecheck__: { value: (x: unknown): boolean => x instanceof mixin || derived().some((d) => x instanceof d) },
    __subclasscheck__: { value: isSub },
  });
}

export class CallableMixin extends Base {}
export class MagicMixin extends Base {}
export class AsyncMockMixin extends Base {}
export class AsyncMagicMixin extends MagicMixin {}
mixinChecks(CallableMixin, () => [Mock]);
mixinChecks(MagicMixin, () => [MagicMock, NonCallableMagicMock]);
mixinChecks(AsyncMockMixin, () => [AsyncMock]);
// (AsyncMock's awaiting API is the mixin's in CPython: `AsyncMockMixin.assert_awaited(m)` and dir() find it here)
for (const name of ["assert_any_await", "assert_awaited", "assert_awaited_once", "assert_awaited_once_with", "assert_awaited_with", "assert_has_awaits", "assert_not_awaited", "await_args", "await_args_list", "await_count", "reset_mock"]) {
  for (let proto: object | null = AsyncMock.prototype; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const found = Object.getOwnPropertyDescriptor(proto, name);
    if (found === undefined) continue;
    Object.defineProperty(AsyncMockMixin.prototype, name, found);
    break;
  }
}
mixinChecks(AsyncMagicMixin, () => [AsyncMock]);

/** The descriptor a MagicMock's class holds for each magic method: reading it makes the method's mock. */
export class MagicProxy extends Base {
  name: unknown;
  parent: unknown;

  constructor(name: unknown, parent: unknown) {
    super();
    this.name = name;
    this.parent = parent;
  }

  create_mock(): unknown {
    const parent = this.parent as any;
    const name = String(this.name);
    if (parent instanceof MagicMock) return parent[MAGIC_METHOD](name);
    return getattrImpl(parent, name);
  }

  __get__(_obj: unknown, _type: unknown = null): unknown {
    return this.create_mock();
  }
}

export const mockConstants = {
  FILTER_DIR: true,
  file_spec: null,
  open_spec: null,
  magic_methods: "lt le gt ge eq ne getitem setitem delitem len contains iter hash str sizeof enter exit divmod rdivmod neg pos abs invert complex int float index round trunc floor ceil bool next fspath aiter ",
  numerics: "add sub mul matmul truediv floordiv mod lshift rshift and xor or pow",
  inplace: "iadd isub imul imatmul itruediv ifloordiv imod ilshift irshift iand ixor ior ipow",
  right: "radd rsub rmul rmatmul rtruediv rfloordiv rmod rlshift rrshift rand rxor ror rpow",
  FunctionTypes: Tuple.of<unknown>(FunctionType, MethodType),
};

export const mockExtras = {
  PropertyMock: pyClass(PropertyMock),
  seal,
  Base: pyClass(Base),
  CallableMixin: pyClass(CallableMixin),
  MagicMixin: pyClass(MagicMixin),
  AsyncMockMixin: pyClass(AsyncMockMixin),
  AsyncMagicMixin: pyClass(AsyncMagicMixin),
  MagicProxy: pyClass(MagicProxy),
};
