// A runtime class that Python code calls (`collections.deque()`) is exported as a callable
// Proxy of the JS class (modules/callable-class.ts). Its instances' JS constructor is the
// class itself, so `type(x)`, `x.__class__` and `__mro__` map the class to that Proxy:
// `type(collections.deque()) is collections.deque` holds, as in CPython.

const CALLABLE_CLASS = Symbol("pyts.callableClass");

interface CallableEntry {
  readonly owner: unknown;
  readonly callable: unknown;
}

/** Records `callable` as the Python face of `cls` (one per class). */
export function recordCallableClass(cls: object, callable: unknown): void {
  const entry: CallableEntry = { owner: cls, callable };
  Object.defineProperty(cls, CALLABLE_CLASS, { value: entry });
}

/** The callable face recorded for exactly `cls` (not for a subclass that inherits the entry), if any. */
export function recordedCallableClass(cls: unknown): unknown {
  const entry = (cls as { [CALLABLE_CLASS]?: CallableEntry })[CALLABLE_CLASS];
  return entry !== undefined && entry.owner === cls ? entry.callable : undefined;
}

/** The class as Python code sees it: its callable face when it has one, else itself. */
export function pythonClass(cls: unknown): unknown {
  return typeof cls === "function" ? (recordedCallableClass(cls) ?? cls) : cls;
}
