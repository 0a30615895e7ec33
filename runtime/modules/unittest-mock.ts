// unittest.mock basics: Mock and MagicMock (attributes made on first read, calls recorded as
// `call` objects, return_value, side_effect, the assert_* methods with Lib/unittest/mock.py's
// messages), `call` and `DEFAULT` (patch: unittest-patch.ts). A mock is a Proxy over its
// state, so any attribute read makes a child; a callable one's target is a function.

import { truthy } from "../values/truth.js";
import { AssertionError as AssertionErrorType, AttributeError, BaseException } from "../values/exceptions.js";
import { getattrImpl } from "../values/attributes.js";
import { setattr } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { next } from "../values/iteration.js";
import { CALLABLE_OBJECT, repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { PyComplex } from "../values/complex.js";
import { NotImplemented } from "../values/singletons.js";
import { isClass } from "../values/typename.js";
import { objectKey, pythonName } from "../lang/attr-names.js";
import { isNone, pyClass } from "./callable-class.js";
import { callMethod } from "../values/methods.js";
import { signature } from "./inspect-signature.js";
import { callValue } from "./pycall.js";
import { InvalidSpecError, isPrototypeMethod, sealedChild, sealedSet, specNames } from "./unittest-mock-guards.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

export { Call, DEFAULT, call, formatSignature } from "./unittest-mock-call.js";
import { Call, DEFAULT, formatSignature } from "./unittest-mock-call.js";
import { autospecOf } from "./unittest-mock-autospec.js";
import { IDENTITY_COMPARISONS, NUMERIC_MAGIC, OTHER_MAGIC } from "./unittest-mock-magic.js";

// ---- Mock ----

export { ASYNC_CALL, CHILD, FULL_NAME, MAGIC_METHOD, STATE } from "./unittest-mock-state.js";
export type { MockState } from "./unittest-mock-state.js";
import { ASYNC_CALL, CHILD, CHILD_MOCK, FULL_NAME, MAGIC_METHOD, NO_AUTOSPEC, STATE, type MockState } from "./unittest-mock-state.js";

const NOT_CHILDREN = new Set(["then", "constructor", "toString", "valueOf", "toJSON", "prototype", "length", "caller", "arguments", "asymmetricMatch", "nodeType"]);
const BAD_ASSERT = /^(assert|assret|asert|aseert|assrt)/;

const proxies = new WeakMap<object, any>();
const boundMethods = new WeakMap<object, Map<string, Function>>();

/** An attribute of the mock's class: a method read off a mock is bound to it (`f = m.assert_called`). */
function classMember(target: object, key: string, receiver: unknown): unknown {
  for (let p = Object.getPrototypeOf(target) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d === undefined) continue;
    if (typeof d.value !== "function" || isClass(d.value)) break;
    let methods = boundMethods.get(target);
    if (methods === undefined) boundMethods.set(target, (methods = new Map()));
    let bound = methods.get(key);
    if (bound === undefined) methods.set(key, (bound = (d.value as Function).bind(receiver)));
    return bound;
  }
  return Reflect.get(target, key, receiver);
}

/** Is `mock` `m` itself or one of its parents? */
function isAncestor(mock: unknown, m: any): boolean {
  for (let p = m; p !== null && p !== undefined; p = (p as NonCallableMock)[STATE]?.parent ?? null) if (p === mock) return true;
  return false;
}

function makeProxy(mock: object): any {
  return new Proxy(mock, {
    apply(target, _self, args) {
      return mockCall(proxies.get(target), args);
    },
    get(target, key, receiver) {
      if (typeof key === "symbol" || NOT_CHILDREN.has(key)) return Reflect.get(target, key, receiver);
      if (key in target) return Object.hasOwn(target, key) ? Reflect.get(target, key, receiver) : classMember(target, key, receiver);
      const py = pythonName(key, false);
      if (py === null || py.startsWith("__")) return undefined;
      const spec = (target as NonCallableMock)[STATE]?.spec ?? null;
      // (`name` is also what the runtime reads of any function, a callable mock's repr among them)
      if (spec !== null && !spec.has(py) && py !== "name") throw new AttributeError(`Mock object has no attribute '${py}'`);
      if (spec === null && BAD_ASSERT.test(py)) {
        throw new AttributeError(`'${py}' is not a valid assertion. Use a spec for the mock if '${py}' is meant to be an attribute.`);
      }
      if ((target as NonCallableMock)[STATE]?.sealed) throw sealedChild(`${(receiver as NonCallableMock)[FULL_NAME]()}.${py}`);
      const c = (receiver as NonCallableMock)[CHILD](py);
      // an own property from now on: read off a non-callable mock, it is no method to bind
      Object.defineProperty(target, key, { value: c, writable: true, configurable: true, enumerable: false });
      return c;
    },
    set(target, key, value, receiver) {
      const state = (target as NonCallableMock)[STATE];
      if (typeof key === "string" && state?.specSet && !(key in target)) {
        const py = pythonName(key, false);
        if (py !== null && !state.spec!.has(py)) throw new AttributeError(`Mock object has no attribute '${py}'`);
      }
      if (typeof key === "string" && state !== undefined) {
        if (state.sealed && !(key in target)) throw sealedSet(`${(receiver as NonCallableMock)[FULL_NAME]()}.${pythonName(key, false) ?? key}`);
        // (_check_and_set_parent: a nameless, parentless mock assigned here becomes this attribute)
        // (a plain attribute only: return_value and the like name their own; never an ancestor)
        const plain = !(key in target) || Object.hasOwn(target, key);
        if (plain && value instanceof NonCallableMock && value[STATE].name === null && value[STATE].parent === null && !isAncestor(value, receiver)) {
          Object.assign(value[STATE], { name: pythonName(key, false) ?? key, parent: receiver });
        }
      }
      return Reflect.set(target, key, value, receiver);
    },
    has(target, key) {
      if (typeof key === "symbol" || key in target) return key in target;
      const py = pythonName(key, false);
      return py !== null && !py.startsWith("__") && !BAD_ASSERT.test(py);
    },
  });
}

/** unittest.mock.Base, the root of the mock classes. */
export class Base {
  static readonly __module__: string = "unittest.mock";
}

export class NonCallableMock extends Base {
  [attr: string]: any;
  static readonly __module__: string = "unittest.mock";
  declare [STATE]: MockState;

  constructor(...args: unknown[]) {
    super();
    const [, kw] = splitKw(args);
    const state: MockState = {
      name: (kw["name"] as string | undefined) ?? null,
      parent: null,
      children: new Map(),
      returnValue: "return_value" in kw ? kw["return_value"] : DEFAULT,
      sideEffect: kw["side_effect"] ?? null,
      sideIterator: null,
      callCount: 0,
      callArgs: null,
      callArgsList: [],
      mockCalls: [],
      methodCalls: [],
      wraps: kw["wraps"] ?? null,
      spec: specNames(kw["spec_set"] ?? kw["spec"] ?? null),
      specSet: !isNone(kw["spec_set"]),
      autospec: NO_AUTOSPEC,
      checksSelf: false,
      instance: false,
      sealed: false,
    };
    const specObject = kw["spec_set"] ?? kw["spec"];
    if (specObject instanceof NonCallableMock) throw new InvalidSpecError(`Cannot spec a Mock object. [object=${repr(specObject)}]`);
    // A callable mock is a function (emitted code calls functions directly), its prototype
    // the mock class's; a non-callable one is this object.
    let target: any = this;
    // (`new.target` is the class or the pyClass proxy standing for it: compare prototypes)
    if (new.target.prototype === Mock.prototype || new.target.prototype instanceof Mock) {
      target = (): void => undefined;
      delete target.name;
      delete target.length;
      Object.setPrototypeOf(target, new.target.prototype);
      // (repr and str ask the mock's class, not the function's)
      target[CALLABLE_OBJECT] = true;
    }
    target[STATE] = state;
    const proxy = makeProxy(target);
    // (method_calls is an instance attribute of CPython's mocks, no name of their class)
    Object.defineProperty(target, "method_calls", {
      get: () => state.methodCalls,
      set: (calls: Call[]) => void (state.methodCalls = calls),
      configurable: true,
    });
    // Emitted code calls a name some class of the program defines as a method with JS's
    // `f.call(self, ...)`: a callable mock standing for that method answers it. (Its own
    // members: a function's `call` and `apply` are no Python attributes, `m.call` is a child.)
    if (target !== this) {
      const jsCall = (_self: unknown, ...args: unknown[]): unknown => mockCall(proxy, args);
      const jsApply = (_self: unknown, args: unknown[]): unknown => mockCall(proxy, Array.from(args ?? []));
      Object.defineProperty(target, "call", { value: jsCall, writable: true, configurable: true });
      Object.defineProperty(target, "apply", { value: jsApply, writable: true, configurable: true });
    }
    for (const [k, v] of Object.entries(kw)) {
      if (["name", "return_value", "side_effect", "wraps", "spec", "spec_set", "unsafe"].includes(k)) continue;
      // `Mock(**{"method.return_value": 3})`: configure_mock
      setPath(proxy, k, v);
    }
    proxies.set(target, proxy);
    return proxy;
  }

  [CHILD](name: string): any {
    const state = this[STATE];
    let c = state.children.get(name);
    if (c === undefined) {
      // (an AsyncMock's synchronous magic methods are MagicMocks, as CPython's _get_child_mock)
      c = new (name.startsWith("__") && (this as any)[ASYNC_CALL] !== undefined ? MagicMock : childClass(this))();
      c[STATE].name = name;
      c[STATE].parent = this;
      const wraps = state.wraps;
      if (!isNone(wraps)) c[STATE].wraps = getattrImpl(wraps, name);
      // create_autospec: an attribute stands for the spec's own attribute
      if (state.autospec !== NO_AUTOSPEC) {
        const spec = state.autospec as any;
        let value: unknown;
        try {
          value = getattrImpl(spec, name);
        } catch {
          value = undefined; // (`name`, read by the runtime: a plain child)
        }
        // a method of the class, read off an instance: its calls pass no `self`
        const method = state.instance && isClass(spec) && typeof value === "function" && !isClass(value) && isPrototypeMethod(spec, objectKey(name));
        if (value !== undefined) autospecOf(c, value, state.specSet, true, method);
      }
      state.children.set(name, c);
    }
    return c;
  }

  get _mock_name(): any {
    return this[STATE].name;
  }

  get return_value(): any {
    const state = this[STATE];
    if (state.returnValue === DEFAULT) {
      if (state.sealed) throw sealedChild(`${this[FULL_NAME]()}.return_value`);
      const c = new (childClass(this))();
      c[STATE].name = "()";
      c[STATE].parent = this;
      state.returnValue = c;
    }
    return state.returnValue;
  }
  set return_value(value: unknown) {
    // (_check_and_set_parent: a nameless, parentless mock becomes this mock's `()` child)
    if (value instanceof NonCallableMock) {
      const s: MockState = (value as NonCallableMock)[STATE];
      let cycle = false;
      for (let p: any = this; p !== null && !cycle; p = (p as NonCallableMock)[STATE].parent) cycle = p === value;
      if (s.name === null && s.parent === null && !cycle) {
        s.name = "()";
        s.parent = this;
      }
    }
    this[STATE].returnValue = value;
  }

  get side_effect(): any {
    return this[STATE].sideEffect;
  }
  set side_effect(value: unknown) {
    this[STATE].sideEffect = value;
    this[STATE].sideIterator = null;
  }

  get called(): boolean {
    return this[STATE].callCount > 0;
  }
  get call_count(): bigint {
    return BigInt(this[STATE].callCount);
  }
  set call_count(value: unknown) {
    this[STATE].callCount = Number(value);
  }
  get call_args(): any {
    return this[STATE].callArgs;
  }
  get call_args_list(): any {
    return this[STATE].callArgsList;
  }
  get mock_calls(): any {
    return this[STATE].mockCalls;
  }
  /** The dotted name messages use: `mock`, `mock.method`, `name.method`. */
  [FULL_NAME](): string {
    const parts: string[] = [];
    let m: NonCallableMock | null = this;
    while (m !== null) {
      const s: MockState = m[STATE];
      if (s.parent === null) {
        parts.unshift(s.name ?? "mock");
        break;
      }
      parts.unshift(s.name === "()" ? "()" : s.name!);
      m = s.parent;
    }
    return parts.reduce((acc, p) => (p === "()" ? acc + "()" : acc === "" ? p : `${acc}.${p}`), "");
  }

  reset_mock(..._args: unknown[]): any {
    const state = this[STATE];
    state.callCount = 0;
    state.callArgs = null;
    state.callArgsList = [];
    state.mockCalls = [];
    state.methodCalls = [];
    for (const c of state.children.values()) c.reset_mock();
    if (state.returnValue instanceof NonCallableMock) (state.returnValue as NonCallableMock).reset_mock();
    return null;
  }

  /** `mock_add_spec(spec, spec_set=False)`: from now on only the spec's attribute names (settable only them, with spec_set). */
  mock_add_spec(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const spec = pos.length > 0 ? pos[0] : kw["spec"];
    if (spec instanceof NonCallableMock) throw new InvalidSpecError(`Cannot spec a Mock object. [object=${repr(spec)}]`);
    const state = this[STATE];
    state.spec = specNames(spec ?? null);
    state.specSet = truthy(pos.length > 1 ? pos[1] : (kw["spec_set"] ?? false));
    return null;
  }

  configure_mock(...args: unknown[]): any {
    const [, kw] = splitKw(args);
    for (const [k, v] of Object.entries(kw)) setPath(this, k, v);
    return null;
  }

  attach_mock(mock: any, attribute: string): any {
    mock[STATE].parent = this;
    mock[STATE].name = attribute;
    this[STATE].children.set(attribute, mock);
    return null;
  }

  assert_called(): any {
    if (this[STATE].callCount === 0) throw new AssertionErrorType(`Expected '${nameOf(this)}' to have been called.`);
    return null;
  }
  assert_called_once(): any {
    const n = this[STATE].callCount;
    if (n !== 1) throw new AssertionErrorType(`Expected '${nameOf(this)}' to have been called once. Called ${n} times.${callsRepr(this)}`);
    return null;
  }
  assert_not_called(): any {
    const n = this[STATE].callCount;
    if (n !== 0) throw new AssertionErrorType(`Expected '${nameOf(this)}' to not have been called. Called ${n} times.${callsRepr(this)}`);
    return null;
  }
  assert_called_with(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const expectedText = formatSignature(nameOf(this), pos, Object.entries(kw));
    const actual = this[STATE].callArgs;
    if (actual === null) throw new AssertionErrorType(`expected call not found.\nExpected: ${expectedText}\n  Actual: not called.`);
    if (!new Call(null, pos, Object.entries(kw)).__eq__(actual)) {
      const actualText = formatSignature(nameOf(this), actual.callArgs, actual.callKwargs);
      throw new AssertionErrorType(`expected call not found.\nExpected: ${expectedText}\n  Actual: ${actualText}`);
    }
    return null;
  }
  assert_called_once_with(...args: unknown[]): any {
    const n = this[STATE].callCount;
    if (n !== 1) throw new AssertionErrorType(`Expected '${nameOf(this)}' to be called once. Called ${n} times.${callsRepr(this)}`);
    return this.assert_called_with(...args);
  }
  assert_any_call(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const expected = new Call(null, pos, Object.entries(kw));
    if (!this[STATE].callArgsList.some((c) => expected.__eq__(c))) {
      throw new AssertionErrorType(`${formatSignature(nameOf(this), pos, Object.entries(kw))} call not found`);
    }
    return null;
  }
  assert_has_calls(calls: unknown, ...rest: unknown[]): any {
    const [pos, kw] = splitKw(rest);
    const anyOrder = (pos[0] ?? kw["any_order"]) === true;
    const expected = Array.from(iterable(calls)) as Call[];
    const all = this[STATE].mockCalls;
    let ok: boolean;
    if (anyOrder) {
      const left = all.slice();
      ok = expected.every((e) => {
        const i = left.findIndex((c) => e.__eq__(c));
        if (i < 0) return false;
        left.splice(i, 1);
        return true;
      });
    } else {
      ok = expected.length === 0;
      for (let i = 0; i + expected.length <= all.length && !ok; i++) ok = expected.every((e, j) => e.__eq__(all[i + j]));
    }
    if (!ok) {
      const problem = anyOrder ? "not all found" : "Calls not found";
      throw new AssertionErrorType(anyOrder ? `${repr(Tuple.from(expected))} ${problem} in call list` : `${problem}.\nExpected: ${repr(expected)}\n  Actual: ${repr(all)}`);
    }
    return null;
  }

  __repr__(): string {
    const cls = (this.constructor as { name: string }).name;
    const name = this[STATE].name === null && this[STATE].parent === null ? "" : ` name='${this[FULL_NAME]()}'`;
    return `<${cls}${name} id='${mockId(this)}'>`;
  }
}

export function nameOf(m: any): string {
  return m[STATE].name ?? "mock";
}

function callsRepr(m: any): string {
  const calls = m[STATE].mockCalls;
  return calls.length === 0 ? "" : `\nCalls: ${repr(calls)}.`;
}

const ids = new WeakMap<object, number>();
let nextId = 140000000000000;
function mockId(m: object): number {
  let id = ids.get(m);
  if (id === undefined) {
    id = nextId += 48;
    ids.set(m, id);
  }
  return id;
}

function childClass(m: object): new () => any {
  const cls = m.constructor as (new () => any) & { [CHILD_MOCK]?: new () => any };
  if (cls[CHILD_MOCK] !== undefined) return cls[CHILD_MOCK];
  if (cls === NonCallableMagicMock) return MagicMock as unknown as new () => any;
  return cls === NonCallableMock ? (Mock as unknown as new () => any) : cls;
}

function setPath(target: any, path: string, value: unknown): void {
  const parts = path.split(".");
  let obj = target;
  for (const part of parts.slice(0, -1)) obj = getattrImpl(obj, part);
  setattr(obj, parts[parts.length - 1]!, value);
}


/** Records a call on the mock and up its parents, then answers as side_effect / return_value say. */
function mockCall(mock: any, args: unknown[]): unknown {
  const spec = (mock[STATE] as MockState).autospec;
  // create_autospec: the call must fit the spec's signature (TypeError as Signature.bind raises)
  if (spec !== NO_AUTOSPEC && typeof spec === "function") {
    const sig = signature(spec);
    if (mock[STATE].checksSelf && !isClass(spec)) callMethod(sig, "bind", null, ...args);
    else callMethod(sig, "bind", ...args);
  }
  const [pos, kw] = splitKw(args);
  const kwargs = Object.entries(kw);
  const state: MockState = mock[STATE];
  state.callCount++;
  const c = new Call("", pos, kwargs);
  state.callArgs = c;
  state.callArgsList.push(c);
  state.mockCalls.push(new Call("", pos, kwargs));
  // parents see it as call.name(...) in mock_calls (and method_calls for attributes)
  let name = state.name === "()" ? "()" : (state.name ?? "");
  let isMethod = state.name !== "()";
  for (let p = state.parent; p !== null; ) {
    const ps: MockState = p[STATE];
    ps.mockCalls.push(new Call(name, pos, kwargs));
    if (isMethod) ps.methodCalls.push(new Call(name, pos, kwargs));
    if (ps.parent === null) break;
    const prefix = ps.name ?? "";
    name = prefix === "()" ? `()${name.startsWith("()") ? name : "." + name}` : `${prefix}${name.startsWith("()") ? name : "." + name}`;
    if (ps.name === "()") isMethod = false;
    p = ps.parent;
  }
  const asyncCall = mock[ASYNC_CALL] as ((mock: any, args: unknown[]) => unknown) | undefined;
  if (asyncCall !== undefined) return asyncCall(mock, args);
  const effect = state.sideEffect;
  if (!isNone(effect)) {
    if (effect instanceof BaseException) throw effect;
    if (isClass(effect) && (effect as { prototype?: unknown }).prototype instanceof BaseException) throw callValue(effect);
    if (isCallableEffect(effect)) {
      const result = callValue(effect, ...args);
      if (result !== DEFAULT) return result;
    } else {
      state.sideIterator ??= (iterable(effect) as Iterable<unknown>)[Symbol.iterator]();
      const result = next(state.sideIterator as never);
      if (result instanceof BaseException) throw result;
      if (isClass(result) && (result as { prototype?: unknown }).prototype instanceof BaseException) throw callValue(result);
      if (result !== DEFAULT) return result;
    }
  }
  if (state.returnValue === DEFAULT && !isNone(state.wraps)) return callValue(state.wraps, ...args);
  return mock.return_value;
}

/** `_callable`: a side_effect to call rather than iterate. */
export function isCallableEffect(effect: unknown): boolean {
  return typeof effect === "function" || (typeof effect === "object" && effect !== null && typeof (effect as { __call__?: unknown }).__call__ === "function" && !(effect instanceof Array));
}

/** A Mock is a function at run time (calls of it are emitted as plain calls): its instances are callable. */
export interface Mock {
  (...args: any[]): any;
}

export class Mock extends NonCallableMock {
  __call__(...args: unknown[]): any {
    return mockCall(this, args);
  }
}

// ---- MagicMock ----

const MAGIC_DEFAULTS: Record<string, () => unknown> = {
  __len__: () => 0n,
  __iter__: () => [][Symbol.iterator](),
  __bool__: () => true,
  __int__: () => 1n,
  __float__: () => 1.0,
  __contains__: () => false,
  __exit__: () => false,
  __hash__: () => BigInt(nextId++),
  __complex__: () => new PyComplex(0, 1),
  __index__: () => 1n,
  // (an order comparison is left to the other operand, then TypeError, as for a plain object)
  __lt__: () => NotImplemented,
  __gt__: () => NotImplemented,
  __le__: () => NotImplemented,
  __ge__: () => NotImplemented,
};


const MAGIC = Symbol("magic methods");

export class MagicMock extends Mock {
  declare [MAGIC]: Map<string, Function>;

  /** A dunder as a function (the runtime calls it) whose configuration is its mock's. */
  [MAGIC_METHOD](name: string): Function {
    this[MAGIC] ??= new Map();
    let f = this[MAGIC].get(name);
    if (f !== undefined) return f;
    if (this[STATE].sealed) throw sealedChild(`${this[FULL_NAME]()}.${name}`);
    const mock = this[CHILD](name);
    const fallback = MAGIC_DEFAULTS[name];
    if (fallback !== undefined) mock[STATE].returnValue = fallback();
    if (name === "__enter__" || name === "__str__") mock[STATE].returnValue = DEFAULT;
    const fn = (...args: unknown[]): unknown => {
      // (`str(mock)` left unconfigured is object.__str__: the mock's repr)
      const ownStr = name === "__str__" && mock[STATE].returnValue === DEFAULT && mock[STATE].sideEffect === null;
      const identity = Object.hasOwn(IDENTITY_COMPARISONS, name) && mock[STATE].returnValue === DEFAULT && mock[STATE].sideEffect === null;
      const result = mockCall(mock, args);
      if (identity) {
        mock[STATE].returnValue = DEFAULT;
        return args[0] === this ? IDENTITY_COMPARISONS[name] : NotImplemented;
      }
      if (ownStr) {
        mock[STATE].returnValue = DEFAULT; // (still unconfigured: the call made no child to keep)
        return repr(this);
      }
      if (name === "__iter__") return (iterable(result) as Iterable<unknown>)[Symbol.iterator]();
      return result;
    };
    for (const prop of ["return_value", "side_effect", "call_count", "called", "call_args", "call_args_list", "mock_calls"]) {
      Object.defineProperty(fn, prop, { get: () => mock[prop], set: (v: unknown) => void (mock[prop] = v), configurable: true });
    }
    // (it shows as the child mock it stands for: `<MagicMock name='mock.__lt__' id=...>`)
    Object.defineProperty(fn, "__repr__", { value: () => repr(mock), configurable: true });
    for (const method of ["assert_called", "assert_called_once", "assert_called_with", "assert_called_once_with", "assert_not_called", "assert_any_call"]) {
      Object.defineProperty(fn, method, { value: (...a: unknown[]) => mock[method](...a), configurable: true });
    }
    this[MAGIC].set(name, fn);
    return fn;
  }

  /** `for x in mock` (emitted as a JS for-of): its `__iter__`. */
  [Symbol.iterator](): Iterator<unknown> {
    return this[MAGIC_METHOD]("__iter__")() as Iterator<unknown>;
  }
}



for (const name of ["__len__", "__iter__", "__bool__", "__int__", "__float__", "__contains__", "__enter__", "__exit__", "__str__", "__getitem__", "__setitem__", "__delitem__", ...NUMERIC_MAGIC, ...OTHER_MAGIC]) {
  Object.defineProperty(MagicMock.prototype, name, {
    configurable: true,
    get(this: MagicMock) {
      return this[MAGIC_METHOD](name);
    },
  });
}

/** A non-callable mock (create_autospec's instances; its magic methods are NonCallableMock's). */
export class NonCallableMagicMock extends NonCallableMock {}

export const MockType = pyClass(Mock);
export const NonCallableMagicMockType = pyClass(NonCallableMagicMock);
export const MagicMockType = pyClass(MagicMock);
export const NonCallableMockType = pyClass(NonCallableMock);
