// What `except` and `for` need beyond JS's own statements: matching an exception against any
// expression (a class, a tuple of classes, a variable holding either), and closing a
// generator a `for` loop leaves early.
import { AttributeError, BaseException, nameErrorOf, PyTypeError, RecursionError } from "../values/exceptions.js";
import { attributeStoreMessage } from "../values/js-store-errors.js";
import { Tuple } from "../values/tuple.js";
import { JS_NEXT } from "../values/iteration.js";
import { isStackOverflow, recursionMessage, unboundJsName, unboundNameMessage } from "../values/recursion.js";
import { iterOf } from "./iterable-guards.js";

function isExceptionClass(kind: unknown): kind is typeof BaseException {
  return typeof kind === "function" && (kind === BaseException || kind.prototype instanceof BaseException);
}

/** `except kinds:` where `kinds` is computed: an exception class or a tuple of them. */
export function exceptionMatches(error: unknown, kinds: unknown): boolean {
  const all = kinds instanceof Tuple ? kinds.items : [kinds];
  if (!all.every(isExceptionClass)) throw new PyTypeError("catching classes that do not inherit from BaseException is not allowed");
  return all.some((kind) => error instanceof kind);
}

/**
 * The exception Python code sees: JS's stack overflow (a RangeError) is a RecursionError, a
 * read of a JS binding before its initialisation (a ReferenceError) a NameError, an attribute
 * store on a value without a `__dict__` (JS's TypeError) an AttributeError.
 */
export function pythonException(error: unknown): unknown {
  const store = attributeStoreMessage(error);
  if (store !== null) {
    const converted = new AttributeError(store);
    Object.defineProperty(converted, "stack", { value: (error as Error).stack, writable: true, configurable: true });
    return converted;
  }
  const unbound = unboundJsName(error);
  if (unbound !== null) {
    const converted = nameErrorOf(unboundNameMessage(unbound), unbound);
    Object.defineProperty(converted, "stack", { value: (error as Error).stack, writable: true, configurable: true });
    return converted;
  }
  if (!isStackOverflow(error)) return error;
  const converted = new RecursionError(recursionMessage(error));
  // Keep the overflow's frames for the traceback.
  Object.defineProperty(converted, "stack", { value: error.stack, writable: true, configurable: true });
  return converted;
}

interface Closable {
  close(): unknown;
  [Symbol.iterator](): Iterator<unknown>;
}

function isClosable(x: unknown): x is Closable {
  return typeof x === "object" && x !== null && typeof (x as Partial<Closable>).close === "function" && Symbol.iterator in x;
}

/**
 * `for x in gen():` over a generator only the loop refers to. CPython closes it (its
 * `finally` runs) as soon as a `break`, `return` or exception leaves the loop, since the
 * last reference goes; JS's `for...of` calls the iterator's `return` at that moment.
 */
export function closing(source: unknown): any {
  if (!isClosable(source)) return iterOf(source);
  // (a generator's own `next` steps it as its iterator's would: one call less per item)
  const direct = (source as { [JS_NEXT]?: true })[JS_NEXT] === true && typeof (source as Partial<Iterator<unknown>>).next === "function";
  return new ClosingIterator(source, direct ? (source as unknown as Iterator<unknown>) : source[Symbol.iterator]());
}

/** (A class rather than an object of closures: one is made per loop over a generator.) */
class ClosingIterator {
  constructor(
    private readonly source: Closable,
    private readonly it: Iterator<unknown>,
  ) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): IteratorResult<unknown> {
    return this.it.next(value);
  }

  return(value?: unknown): IteratorResult<unknown> {
    this.source.close();
    return { done: true, value };
  }
}
