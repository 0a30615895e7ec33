// BaseExceptionGroup / ExceptionGroup (PEP 654), needed by TaskGroup. Python's ExceptionGroup
// derives from both BaseExceptionGroup and Exception; JS has single inheritance, so
// ExceptionGroup extends Exception (so `except Exception` catches it) and BaseExceptionGroup
// claims ExceptionGroup instances through Symbol.hasInstance.

import { BaseException, Exception, PyTypeError, ValueError } from "../values/exceptions.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { showMro } from "../lang/mro.js";

/** What both group classes hold. */
interface GroupFields {
  readonly message: string;
  readonly exceptions: Tuple<BaseException>;
}

type Condition = unknown;

/** Checks `(message, exceptions)` as CPython's BaseExceptionGroup.__new__ does. */
function validate(message: unknown, exceptions: unknown): BaseException[] {
  if (typeof message !== "string") {
    throw new PyTypeError(`BaseExceptionGroup.__new__() argument 1 must be str, not ${typeName(message)}`);
  }
  const isSequence = Array.isArray(exceptions) || exceptions instanceof Tuple;
  if (!isSequence) throw new PyTypeError("second argument (exceptions) must be a sequence");
  const items = [...(exceptions as Iterable<unknown>)];
  if (items.length === 0) throw new ValueError("second argument (exceptions) must be a non-empty sequence");
  items.forEach((item, i) => {
    if (!(item instanceof BaseException)) {
      throw new ValueError(`Item ${i} of second argument (exceptions) is not an exception`);
    }
  });
  return items as BaseException[];
}

/** Whether `exc` matches a `subgroup`/`split` condition: a class, a tuple of classes, or a predicate. */
function matcher(condition: Condition): (exc: BaseException) => boolean {
  const isClass = (c: unknown): boolean =>
    typeof c === "function" && (c === BaseException || c.prototype instanceof BaseException);
  if (isClass(condition)) return (exc) => exc instanceof (condition as typeof BaseException);
  if (condition instanceof Tuple && condition.items.every(isClass)) {
    const classes = condition.items as (typeof BaseException)[];
    return (exc) => classes.some((c) => exc instanceof c);
  }
  if (typeof condition === "function") return (exc) => Boolean((condition as (e: unknown) => unknown)(exc));
  throw new PyTypeError("expected a function, exception type or tuple of exception types");
}

/** Splits a group into the parts matching and not matching (null for an empty part). */
function splitGroup(
  group: AnyGroup,
  match: (exc: BaseException) => boolean,
): [AnyGroup | null, AnyGroup | null] {
  if (match(group)) return [group, null];
  const matched: BaseException[] = [];
  const rest: BaseException[] = [];
  for (const exc of group.exceptions) {
    if (exc instanceof BaseExceptionGroup) {
      const [m, r] = splitGroup(exc as AnyGroup, match);
      if (m !== null) matched.push(m);
      if (r !== null) rest.push(r);
    } else if (match(exc)) {
      matched.push(exc);
    } else {
      rest.push(exc);
    }
  }
  const derived = (excs: BaseException[]): AnyGroup | null => {
    if (excs.length === 0) return null;
    const part = group.derive(excs);
    part.__cause__ = group.__cause__;
    part.__context__ = group.__context__;
    part.__traceback__ = group.__traceback__;
    // (and its frames: a member's traceback is read from where the group was raised)
    Object.defineProperty(part, "stack", { value: group.stack, writable: true, configurable: true });
    return part;
  };
  return [derived(matched), derived(rest)];
}

function groupStr(group: GroupFields): string {
  const n = group.exceptions.items.length;
  return `${group.message} (${n} sub-exception${n === 1 ? "" : "s"})`;
}

function groupRepr(group: GroupFields & object): string {
  return `${typeName(group)}(${repr(group.message)}, ${repr([...group.exceptions.items])})`;
}

type AnyGroup = BaseExceptionGroup | ExceptionGroup;

export class BaseExceptionGroup extends BaseException implements GroupFields {
  static override pythonName = "BaseExceptionGroup";
  readonly message: string;
  readonly exceptions: Tuple<BaseException>;

  constructor(message: unknown, exceptions: unknown) {
    const items = validate(message, exceptions);
    super(message, [...items]);
    this.message = message as string;
    this.exceptions = Tuple.of(...items);
    // BaseExceptionGroup(...) of plain Exceptions is an ExceptionGroup, as in CPython.
    if (new.target === BaseExceptionGroup && items.every((e) => e instanceof Exception)) {
      return new ExceptionGroup(message, items) as unknown as BaseExceptionGroup;
    }
  }

  static [Symbol.hasInstance](x: unknown): boolean {
    if (this === BaseExceptionGroup && x instanceof ExceptionGroup) return true;
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }

  derive(excs: unknown): AnyGroup {
    return new BaseExceptionGroup(this.message, excs);
  }

  subgroup(condition: Condition): AnyGroup | null {
    return splitGroup(this, matcher(condition))[0];
  }

  split(condition: Condition): Tuple<AnyGroup | null> {
    return Tuple.of(...splitGroup(this, matcher(condition)));
  }

  __str__(): string {
    return groupStr(this);
  }

  __repr__(): string {
    return groupRepr(this);
  }
}

export class ExceptionGroup extends Exception implements GroupFields {
  static override pythonName = "ExceptionGroup";
  readonly message: string;
  readonly exceptions: Tuple<BaseException>;

  constructor(message: unknown, exceptions: unknown) {
    const items = validate(message, exceptions);
    const nested = items.find((e) => !(e instanceof Exception));
    if (nested !== undefined) throw new PyTypeError("Cannot nest BaseExceptions in an ExceptionGroup");
    super(message, [...items]);
    this.message = message as string;
    this.exceptions = Tuple.of(...items);
  }

  derive(excs: unknown): AnyGroup {
    return new ExceptionGroup(this.message, excs);
  }

  subgroup(condition: Condition): AnyGroup | null {
    return splitGroup(this, matcher(condition))[0];
  }

  split(condition: Condition): Tuple<AnyGroup | null> {
    return Tuple.of(...splitGroup(this, matcher(condition)));
  }

  __str__(): string {
    return groupStr(this);
  }

  __repr__(): string {
    return groupRepr(this);
  }
}

// `class ExceptionGroup(BaseExceptionGroup, Exception)` in CPython.
showMro(ExceptionGroup, [ExceptionGroup, BaseExceptionGroup, Exception, BaseException], [BaseExceptionGroup, Exception]);

/** Whether `x` is an exception group (of either class, or a subclass of one). */
export function isExceptionGroup(x: unknown): x is AnyGroup {
  return x instanceof BaseExceptionGroup || x instanceof ExceptionGroup;
}
