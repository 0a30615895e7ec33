// Python's built-in exception hierarchy. Every Python exception is a JS Error subclass so
// `throw` / `catch` carry it, and `isinstance` follows the class chain.

import { Tuple } from "./tuple.js";
import { unboundJsName } from "./recursion.js";
import { Kwargs } from "./kwargs.js";

export const TRACEBACK = Symbol("traceback");

/** On an exception made only to be a `__cause__` (`raise X from ValueError("...")`): never raised, it has no frames. */
export const NEVER_RAISED = Symbol.for("pyts.neverRaised");

/** On an exception a `raise` statement threw (exceptionOf): it has a traceback even if made elsewhere. */
export const RAISED = Symbol("raised");

/**
 * Traceback objects (runtime/modules/traceback-objects.ts): `make` reads one from the stack;
 * `raised` records a `raise e` of an exception made or raised before (the traceback it had
 * goes below the raising frame, whose stack `caller`'s caller is).
 */
export const tracebackHook: {
  make: (e: BaseException) => unknown;
  raised: (e: BaseException, caller: Function) => void;
  /** `e`, put into a generator by throw(), is caught there: its traceback starts at the generator's `line` (the yield's columns, or -1). */
  atYield: (e: BaseException, line: number, col: number, endCol: number) => void;
  /** A frame object at `filename:lineno` in `name` (installed with the traceback module's file). */
  frameAt: ((filename: string, lineno: bigint, name: string) => unknown) | null;
} = { make: () => null, raised: () => undefined, atYield: () => undefined, frameAt: null };

/** On an exception whose `__traceback__` was read from the stack (not given): raised again, it is read anew. */
const TRACEBACK_FROM_STACK = Symbol("tracebackFromStack");

/**
 * On an exception an `except ... as e` clause may keep past its end (`saved = e`): a JS error
 * taken in the handler, whose stack is the catching frame's. Its traceback, read later from
 * another stack, still runs from the frame that caught it down to the raise, as CPython's does.
 */
export const CAUGHT_AT = Symbol("caughtAt");

/**
 * On an exception a generator's `throw()` (or an async generator's `athrow()`) puts in at its
 * `yield`: the stack of the call, the frame its traceback so far was caught in. Taken off once
 * the generator's step ends.
 */
export const THROWN_IN = Symbol("thrownIn");

/** `gen.throw(e)`: marks `e` as put in from here (see THROWN_IN). */
export function thrownIn(e: unknown): void {
  if (e instanceof BaseException) e[THROWN_IN] = new Error();
}

/** The generator's step that `gen.throw(e)` made has ended: the mark goes. */
export function thrownInDone(e: unknown): void {
  if (e instanceof BaseException && e[THROWN_IN] !== undefined) e[THROWN_IN] = undefined;
}

/**
 * A generator's `except` around its one `yield` line caught `e`: one `throw()` put in there
 * gets the generator's frame at `line` on top of its traceback, as CPython's does.
 */
export function caughtAtYield(e: unknown, line: number, col = -1, endCol = -1): void {
  if (e instanceof BaseException && e[THROWN_IN] !== undefined) tracebackHook.atYield(e, line, col, endCol);
}

/**
 * Is `e`'s traceback fixed where it was caught (given, put on by a generator's `yield`, or its
 * catching frame recorded), rather than to be read from the stack relative to a reader?
 */
export function tracebackFixed(e: BaseException): boolean {
  return e[TRACEBACK] !== undefined ? e[TRACEBACK_FROM_STACK] !== true : e[CAUGHT_AT] !== undefined;
}

/** `except ... as e` whose `e` may outlive the clause: records where `e` was caught. */
export function caughtHere(e: unknown): unknown {
  if (e instanceof BaseException && e[TRACEBACK] === undefined) e[CAUGHT_AT] = new Error();
  return e;
}

/**
 * `e` leaves the frame that caught it (a bare `raise`, a failed task awaited): CPython's
 * traceback then grows by each frame it passes, so one read from the stack is read again.
 */
export function propagates(e: unknown): void {
  if (e instanceof BaseException && e[TRACEBACK_FROM_STACK] === true) {
    e[TRACEBACK] = undefined;
    e[TRACEBACK_FROM_STACK] = false;
  }
  if (e instanceof BaseException && e[CAUGHT_AT] !== undefined) e[CAUGHT_AT] = undefined;
}

export class BaseException extends Error {
  /** The constructor arguments, as Python's `args` tuple. */
  args: Tuple;
  __cause__: BaseException | null = null;
  __context__: BaseException | null = null;
  __suppress_context__ = false;
  /** Made by the first `add_note` (missing until then, as in CPython). */
  declare __notes__?: unknown;
  declare [TRACEBACK]?: unknown;
  declare [TRACEBACK_FROM_STACK]?: boolean;
  declare [CAUGHT_AT]?: Error;
  declare [THROWN_IN]?: Error;

  /** Set by `with_traceback` or assignment; otherwise made from the stack on first read. */
  get __traceback__(): unknown {
    if (this[TRACEBACK] === undefined) {
      this[TRACEBACK] = tracebackHook.make(this);
      this[TRACEBACK_FROM_STACK] = true;
    }
    return this[TRACEBACK];
  }

  set __traceback__(tb: unknown) {
    this[TRACEBACK] = tb;
    if (this[TRACEBACK_FROM_STACK] === true) this[TRACEBACK_FROM_STACK] = false;
  }

  constructor(...args: unknown[]) {
    // (JS's `message` and `name` come from the prototype's accessors below: no own property a
    // Python lookup could take for an attribute)
    super();
    this.args = Tuple.of(...args);
  }

  /** The name Python prints, where the JS class name differs (PyTypeError -> TypeError). */
  static pythonName?: string;

  /** Python 3.11's `exc.add_note(note)`: appends to `__notes__` (made on the first note). */
  add_note(note: unknown): null {
    if (typeof note !== "string") throw new PyTypeError(`note must be a str, not '${note === null || note === undefined ? "NoneType" : typeof note === "bigint" ? "int" : typeof note === "number" ? "float" : ((note as object).constructor?.name ?? "object")}'`);
    const self = this as unknown as { __notes__?: unknown };
    if (self.__notes__ === undefined) self.__notes__ = [];
    if (!Array.isArray(self.__notes__)) throw new PyTypeError("Cannot add note: __notes__ is not a list");
    self.__notes__.push(note);
    return null;
  }

  /** Python's `exc.with_traceback(tb)`: returns the exception itself. */
  with_traceback(tb: unknown): this {
    this.__traceback__ = tb;
    return this;
  }
}

/**
 * JS's `message` and `name` of every Python exception, for JS's consumers (a stack's first
 * line, `String(e)`): the arguments' text and the class name Python shows. Neither is a Python
 * attribute: a store (`self.message = m`, AttributeError's `name`) makes an own property,
 * which Python sees.
 */
function ownOnStore(key: string): (this: object, value: unknown) => void {
  return function (this: object, value: unknown): void {
    Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
  };
}
Object.defineProperty(BaseException.prototype, "message", {
  get(this: BaseException): string {
    // (a codec error's text is made from its five arguments, as its str)
    if (this instanceof UnicodeCodecError) return this.__str__();
    const args = this.args?.items ?? [];
    return args.length === 1 ? safeText(args[0]) : args.map(safeText).join(", ");
  },
  set: ownOnStore("message"),
  configurable: true,
});
Object.defineProperty(BaseException.prototype, "name", {
  get(this: BaseException): string {
    // The class name as Python shows it (`ValueError`, or a user subclass's name).
    const target = this.constructor as typeof BaseException;
    return Object.hasOwn(target, "pythonName") && target.pythonName ? target.pythonName : target.name;
  },
  set: ownOnStore("name"),
  configurable: true,
});

/**
 * Is `key` of exception `e` JS's own member (`message`, `name`, the captured `stack`) rather
 * than a Python attribute? Python sees only what the instance holds or a class of the program
 * defines (a `@property` named `message`).
 */
export function isJsErrorMember(e: BaseException, key: string): boolean {
  if (key !== "message" && key !== "name" && key !== "stack") return false;
  const own = Object.getOwnPropertyDescriptor(e, key);
  // (V8's captured stack is an own string of "    at ..." lines; a program's value is anything else)
  if (own !== undefined) return key === "stack" && typeof own.value === "string" && own.value.includes("\n    at ");
  for (let p = Object.getPrototypeOf(e) as object | null; p !== null && p !== BaseException.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, key)) return false;
  }
  return true;
}

/** A short text for JS's own `message` (Python's str() lives in repr.ts). */
function safeText(x: unknown): string {
  if (typeof x === "string") return x;
  try {
    return String(x);
  } catch {
    return "<unprintable>";
  }
}

export class Exception extends BaseException {}
export class SystemExit extends BaseException {
  /** The exit status or message: the lone argument, the args tuple, or None. */
  get code(): any {
    const a = this.args.items;
    return a.length === 0 ? null : a.length === 1 ? a[0] : this.args;
  }
}
export class KeyboardInterrupt extends BaseException {}
export class GeneratorExit extends BaseException {}

export class StopIteration extends Exception {
  get value(): any {
    return this.args.length > 0 ? this.args.items[0] : null;
  }
}
export class StopAsyncIteration extends Exception {}
export class ArithmeticError extends Exception {}
export class ZeroDivisionError extends ArithmeticError {}
export class OverflowError extends ArithmeticError {}
export class FloatingPointError extends ArithmeticError {}
export class AssertionError extends Exception {}
/**
 * The keyword arguments a built-in exception accepts (`AttributeError(msg, name=..., obj=...)`):
 * the trailing keyword marker taken off the positional arguments.
 */
function exceptionKeywords(args: unknown[], accepted: readonly string[], type: string): [unknown[], Record<string, unknown>] {
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  if (!(last instanceof Kwargs)) return [args, {}];
  for (const key of Object.keys(last.values)) {
    if (!accepted.includes(key)) throw new PyTypeError(`'${key}' is an invalid keyword argument for ${type}()`);
  }
  return [args.slice(0, -1), last.values];
}

/**
 * CPython 3.10+'s AttributeError carries the attribute's `name` and the object `obj` it was
 * looked up on (None when raised by hand). Python's `name` is the JS `name` key here: the
 * class name Python prints comes from the class, not from it.
 */
export class AttributeError extends Exception {
  declare obj: unknown;
  constructor(...args: unknown[]) {
    const [positional, keywords] = exceptionKeywords(args, ["name", "obj"], "AttributeError");
    super(...positional);
    (this as { name: unknown }).name = keywords.name ?? null;
    this.obj = keywords.obj ?? null;
  }
}

/** An AttributeError about `obj`'s attribute `name`, as CPython's attribute lookups raise it. */
export function attributeErrorOf(message: string, obj: unknown, name: string): AttributeError {
  const error = new AttributeError(message);
  (error as { name: unknown }).name = name;
  error.obj = obj;
  return error;
}
export class BufferError extends Exception {}
export class EOFError extends Exception {}
/** ImportError carries the module's `name` and `path` (None unless given or set by the import). */
export class ImportError extends Exception {
  declare path: unknown;
  declare msg: unknown;
  constructor(...args: unknown[]) {
    const [positional, keywords] = exceptionKeywords(args, ["name", "path"], new.target.name === "ModuleNotFoundError" ? "ModuleNotFoundError" : "ImportError");
    super(...positional);
    (this as { name: unknown }).name = keywords.name ?? null;
    this.path = keywords.path ?? null;
    this.msg = positional.length === 1 ? positional[0] : null;
  }
}
export class ModuleNotFoundError extends ImportError {}

/** A ModuleNotFoundError about the module `name`, as CPython's import raises it. */
export function moduleNotFoundOf(message: string, name: string): ModuleNotFoundError {
  const error = new ModuleNotFoundError(message);
  (error as { name: unknown }).name = name;
  return error;
}
export class LookupError extends Exception {}
export class IndexError extends LookupError {}
export class KeyError extends LookupError {}
export class MemoryError extends Exception {}
/** NameError carries the missing `name` (None when raised by hand, and for UnboundLocalError). */
export class NameError extends Exception {
  constructor(...args: unknown[]) {
    const [positional, keywords] = exceptionKeywords(args, ["name"], new.target === UnboundLocalError ? "UnboundLocalError" : "NameError");
    super(...positional);
    (this as { name: unknown }).name = keywords.name ?? null;
  }

  /** JS's ReferenceError for a name read before its binding ran: Python code sees NameError. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (this === NameError && unboundJsName(x) !== null) return true;
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }
}
export class UnboundLocalError extends NameError {}

/** A NameError about the name `name`, as CPython's name lookups raise it. */
export function nameErrorOf(message: string, name: string): NameError {
  const error = new NameError(message);
  (error as { name: unknown }).name = name;
  return error;
}
export class OSError extends Exception {
  /** OSError(errno, strerror, filename[, winerror[, filename2]]): args keeps the first two. */
  filename: unknown = null;
  filename2: unknown = null;
  constructor(...args: unknown[]) {
    super(...args);
    // `OSError(errno, strerror, ...)` itself makes the subclass its errno names (CPython's
    // errno map: OSError(2, "x") is a FileNotFoundError); subclasses are made as called
    if (new.target === OSError && args.length >= 2 && typeof args[0] === "bigint") {
      const subclass = errnoSubclass(args[0]);
      if (subclass !== undefined) return new subclass(...args);
    }
    if (args.length >= 3 && args.length <= 5) {
      this.args = Tuple.of(args[0], args[1]);
      this.filename = args[2];
      this.filename2 = args[4] ?? null;
    }
  }
  get errno(): any {
    return this.args.length >= 2 ? this.args.items[0] : null;
  }
  get strerror(): any {
    return this.args.length >= 2 ? this.args.items[1] : null;
  }
}
export class BlockingIOError extends OSError {}
export class ChildProcessError extends OSError {}
export class ConnectionError extends OSError {}
export class BrokenPipeError extends ConnectionError {}
export class ConnectionAbortedError extends ConnectionError {}
export class ConnectionRefusedError extends ConnectionError {}
export class ConnectionResetError extends ConnectionError {}
export class FileExistsError extends OSError {}
export class FileNotFoundError extends OSError {}
export class InterruptedError extends OSError {}
export class IsADirectoryError extends OSError {}
export class NotADirectoryError extends OSError {}
export class PermissionError extends OSError {}
export class ProcessLookupError extends OSError {}
export class TimeoutError extends OSError {}

/** The OSError subclass for an errno, as CPython maps them (Linux's numbers). */
function errnoSubclass(errno: bigint): (new (...args: unknown[]) => OSError) | undefined {
  errnoClasses ??= new Map<bigint, new (...args: unknown[]) => OSError>([
    [11n, BlockingIOError], [114n, BlockingIOError], [115n, BlockingIOError], [10n, ChildProcessError],
    [32n, BrokenPipeError], [108n, BrokenPipeError], [103n, ConnectionAbortedError], [111n, ConnectionRefusedError],
    [104n, ConnectionResetError], [17n, FileExistsError], [2n, FileNotFoundError], [21n, IsADirectoryError],
    [20n, NotADirectoryError], [4n, InterruptedError], [13n, PermissionError], [1n, PermissionError],
    [3n, ProcessLookupError], [110n, TimeoutError],
  ]);
  return errnoClasses.get(errno);
}
let errnoClasses: Map<bigint, new (...args: unknown[]) => OSError> | undefined;
export class ReferenceError extends Exception {}
export class RuntimeError extends Exception {}
export class NotImplementedError extends RuntimeError {}
export class RecursionError extends RuntimeError {
  /** JS reports a too-deep recursion as RangeError: Python code sees RecursionError. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    if (x instanceof RangeError && /call stack/i.test(x.message)) return true;
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }
}
export class PySyntaxError extends Exception {
  static override pythonName = "SyntaxError";
  msg: unknown = null;
  filename: unknown = null;
  lineno: unknown = null;
  offset: unknown = null;
  text: unknown = null;
  end_lineno: unknown = null;
  end_offset: unknown = null;
  print_file_and_line: unknown = null;

  constructor(...args: unknown[]) {
    super(...args);
    // CPython's SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))
    if (args.length >= 1) this.msg = args[0];
    const details = args[1];
    if (args.length === 2 && details instanceof Tuple && details.items.length >= 4) {
      [this.filename, this.lineno, this.offset, this.text] = details.items;
      if (details.items.length >= 6) [this.end_lineno, this.end_offset] = details.items.slice(4);
    }
  }

  /** `msg (file, line N)`, with the file's base name, as CPython's SyntaxError shows itself. */
  __str__(): string {
    const msg = this.msg === null ? "" : safeText(this.msg);
    const file = typeof this.filename === "string" ? this.filename.replace(/^.*\//, "") : null;
    const line = typeof this.lineno === "bigint" ? this.lineno : null;
    if (file !== null && line !== null) return `${msg} (${file}, line ${line})`;
    if (file !== null) return `${msg} (${file})`;
    if (line !== null) return `${msg} (line ${line})`;
    return msg;
  }
}
export class IndentationError extends PySyntaxError {}
export class TabError extends IndentationError {}
export class SystemError extends Exception {}
export class PyTypeError extends Exception {
  static override pythonName = "TypeError";
}
export class ValueError extends Exception {}
export class UnicodeError extends ValueError {}
/**
 * UnicodeDecodeError/UnicodeEncodeError(encoding, object, start, end, reason): the five
 * attributes CPython's codecs set, and its str made from them (read when printed, so later
 * writes to `start`/`end` show).
 */
/** A value's Python type name, for the codec errors' TypeErrors (typename.ts imports this file). */
function typeNameOf(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  const primitive = ({ bigint: "int", number: "float", string: "str", boolean: "bool" } as Record<string, string>)[typeof x];
  if (primitive !== undefined) return primitive;
  const cls = (x as { constructor?: { pythonName?: string; name?: string } }).constructor;
  return cls?.pythonName ?? cls?.name ?? "object";
}

// (symbol keys: no Python attributes of the error)
const UNIT = Symbol("unit");
const LENGTH = Symbol("length");
const PLURAL = Symbol("plural");
const VERB = Symbol("verb");

abstract class UnicodeCodecError extends UnicodeError {
  encoding: unknown;
  object: unknown;
  start: unknown;
  end: unknown;
  reason: unknown;
  constructor(...args: unknown[]) {
    super(...args);
    if (args.length !== 5) throw new PyTypeError(`function takes exactly 5 arguments (${args.length} given)`);
    [this.encoding, this.object, this.start, this.end, this.reason] = args;
    if (typeof this.encoding !== "string") throw new PyTypeError(`argument 1 must be str, not ${typeNameOf(this.encoding)}`);
    if (typeof this.reason !== "string") throw new PyTypeError(`argument 5 must be str, not ${typeNameOf(this.reason)}`);
  }
  /** What the one element at `start` reads as in the message (`byte 0xff`, `character '\\xe9'`). */
  protected abstract [UNIT](index: number): string;
  protected abstract [LENGTH](): number;
  protected abstract [PLURAL]: string;
  protected abstract [VERB]: string;
  __str__(): string {
    const [start, end] = [Number(this.start), Number(this.end)];
    const where = start < this[LENGTH]() && end === start + 1 ? `${this[UNIT](start)} in position ${start}` : `${this[PLURAL]} in position ${start}-${end - 1}`;
    return `'${String(this.encoding)}' codec can't ${this[VERB]} ${where}: ${String(this.reason)}`;
  }
}
export class UnicodeDecodeError extends UnicodeCodecError {
  constructor(...args: unknown[]) {
    super(...args);
    if (!(this.object instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeNameOf(this.object)}'`);
  }
  protected [PLURAL] = "bytes";
  protected [VERB] = "decode";
  protected [UNIT](index: number): string {
    return `byte 0x${(this.object as Uint8Array)[index]!.toString(16).padStart(2, "0")}`;
  }
  protected [LENGTH](): number {
    return (this.object as Uint8Array).length;
  }
}
export class UnicodeEncodeError extends UnicodeCodecError {
  constructor(...args: unknown[]) {
    super(...args);
    if (typeof this.object !== "string") throw new PyTypeError(`argument 2 must be str, not ${typeNameOf(this.object)}`);
  }
  protected [PLURAL] = "characters";
  protected [VERB] = "encode";
  protected [UNIT](index: number): string {
    const cp = [...(this.object as string)][index]!.codePointAt(0)!;
    const escape = cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
    return `character '${escape}'`;
  }
  protected [LENGTH](): number {
    return [...(this.object as string)].length;
  }
}
/** UnicodeTranslateError(object, start, end, reason): str.translate's error (encoding None). */
export class UnicodeTranslateError extends UnicodeError {
  encoding: unknown = null;
  object: unknown;
  start: unknown;
  end: unknown;
  reason: unknown;
  constructor(...args: unknown[]) {
    super(...args);
    if (args.length !== 4) throw new PyTypeError(`function takes exactly 4 arguments (${args.length} given)`);
    [this.object, this.start, this.end, this.reason] = args;
    if (typeof this.object !== "string") throw new PyTypeError(`argument 1 must be str, not ${typeNameOf(this.object)}`);
    if (typeof this.reason !== "string") throw new PyTypeError(`argument 4 must be str, not ${typeNameOf(this.reason)}`);
  }
  __str__(): string {
    const [start, end] = [Number(this.start), Number(this.end)];
    const chars = [...(this.object as string)];
    if (start < chars.length && end === start + 1) {
      const cp = chars[start]!.codePointAt(0)!;
      const escape = cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
      return `can't translate character '${escape}' in position ${start}: ${String(this.reason)}`;
    }
    return `can't translate characters in position ${start}-${end - 1}: ${String(this.reason)}`;
  }
}

export class Warning extends Exception {}
export class UserWarning extends Warning {}
export class DeprecationWarning extends Warning {}
export class PendingDeprecationWarning extends Warning {}
export class RuntimeWarning extends Warning {}
export class SyntaxWarning extends Warning {}
export class FutureWarning extends Warning {}
export class ImportWarning extends Warning {}
export class UnicodeWarning extends Warning {}
export class BytesWarning extends Warning {}
export class ResourceWarning extends Warning {}
export class EncodingWarning extends Warning {}

/** Python's aliases of OSError. */
export const EnvironmentError = OSError;
export const IOError = OSError;

// Mark the built-in classes with their own Python name, so repr shows `<class 'ValueError'>`
// (module builtins) while user subclasses stay `__main__.MyError`.
for (const cls of [
  BaseException, Exception, SystemExit, KeyboardInterrupt, GeneratorExit, StopIteration,
  StopAsyncIteration, ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError,
  AssertionError, AttributeError, BufferError, EOFError, ImportError, ModuleNotFoundError,
  LookupError, IndexError, KeyError, MemoryError, NameError, UnboundLocalError, OSError,
  BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError, ConnectionAbortedError,
  ConnectionRefusedError, ConnectionResetError, FileExistsError, FileNotFoundError,
  InterruptedError, IsADirectoryError, NotADirectoryError, PermissionError, ProcessLookupError,
  TimeoutError, ReferenceError, RuntimeError, NotImplementedError, RecursionError, SystemError,
  ValueError, UnicodeError, UnicodeDecodeError, UnicodeEncodeError, Warning, UserWarning,
  DeprecationWarning, PendingDeprecationWarning, RuntimeWarning, SyntaxWarning, FutureWarning,
  ImportWarning, UnicodeWarning, BytesWarning, ResourceWarning, IndentationError, TabError,
  UnicodeTranslateError, EncodingWarning,
] as (typeof BaseException)[]) {
  if (!Object.hasOwn(cls, "pythonName")) {
    Object.defineProperty(cls, "pythonName", { value: cls.name, writable: true, configurable: true });
  }
}
