// unittest.mock's AsyncMock (Lib/unittest/mock.py's AsyncMockMixin): a MagicMock whose call
// is recorded at once and returns a coroutine; awaiting it counts the await, then answers as
// side_effect (an exception, an iterable — exhausted: StopAsyncIteration —, a function or an
// async function, awaited) and return_value say. await_count/await_args/await_args_list and the
// assert_awaited*/assert_any_await/assert_has_awaits/assert_not_awaited methods with CPython's
// messages. Its attributes are AsyncMocks, its synchronous magic methods MagicMocks.

import { AssertionError as AssertionErrorType, BaseException, StopAsyncIteration, StopIteration } from "../values/exceptions.js";
import { iterable, next } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { isClass } from "../values/typename.js";
import { Coroutine } from "../core/coroutine.js";
import { await_ } from "../core/await.js";
import { iscoroutinefunction } from "../core/coroutine-function.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { ASYNC_CALL, Call, DEFAULT, formatSignature, isCallableEffect, MagicMock, nameOf, STATE, type MockState } from "./unittest-mock.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

const AWAITS = Symbol("awaits");

interface AwaitState {
  count: number;
  args: Call | null;
  list: Call[];
}

function isException(x: unknown): boolean {
  return x instanceof BaseException || (isClass(x) && (x as { prototype?: unknown }).prototype instanceof BaseException);
}

function raise(x: unknown): never {
  throw x instanceof BaseException ? x : callValue(x);
}

/** `_execute_mock_call`: the coroutine an AsyncMock's call returns. */
function* execute(mock: any, args: unknown[]): Generator<unknown, unknown, unknown> {
  const [pos, kw] = splitKw(args);
  const awaits: AwaitState = mock[AWAITS];
  const c = new Call("", pos, Object.entries(kw));
  awaits.count++;
  awaits.args = c;
  awaits.list.push(c);
  const state: MockState = mock[STATE];
  const effect = state.sideEffect;
  if (!isNone(effect)) {
    let result: unknown;
    if (isException(effect)) raise(effect);
    if (!isCallableEffect(effect)) {
      state.sideIterator ??= (iterable(effect) as Iterable<unknown>)[Symbol.iterator]();
      try {
        result = next(state.sideIterator as never);
      } catch (e) {
        if (e instanceof StopIteration) throw new StopAsyncIteration();
        throw e;
      }
      if (isException(result)) raise(result);
    } else if (iscoroutinefunction(effect)) {
      result = yield* await_(callValue(effect, ...args));
    } else {
      result = callValue(effect, ...args);
    }
    if (result !== DEFAULT) return result;
  }
  if (state.returnValue !== DEFAULT) return mock.return_value;
  if (!isNone(state.wraps)) {
    if (iscoroutinefunction(state.wraps)) return yield* await_(callValue(state.wraps, ...args));
    return callValue(state.wraps, ...args);
  }
  return mock.return_value;
}

function asyncCall(mock: any, args: unknown[]): Coroutine {
  return new Coroutine(execute(mock, args), "AsyncMockMixin._execute_mock_call");
}

function fail(message: string): never {
  throw new AssertionErrorType(message);
}

function callOf(args: unknown[]): Call {
  const [pos, kw] = splitKw(args);
  return new Call(null, pos, Object.entries(kw));
}

function signatureText(mock: any, args: unknown[]): string {
  const [pos, kw] = splitKw(args);
  return formatSignature(nameOf(mock), pos, Object.entries(kw));
}

export class AsyncMock extends MagicMock {
  declare [AWAITS]: AwaitState;

  constructor(...args: unknown[]) {
    super(...args);
    this[AWAITS] = { count: 0, args: null, list: [] };
    (this as any)[ASYNC_CALL] = asyncCall;
    // (asyncio.iscoroutinefunction and inspect.iscoroutinefunction see an async function)
    Object.defineProperty(this, "_is_coroutine", { value: true, configurable: true });
    Object.defineProperty(this, "_is_coroutine_function", { value: true, configurable: true });
  }

  get await_count(): bigint {
    return BigInt(this[AWAITS].count);
  }
  set await_count(value: unknown) {
    this[AWAITS].count = Number(value);
  }
  get await_args(): Call | null {
    return this[AWAITS].args;
  }
  set await_args(value: Call | null) {
    this[AWAITS].args = value;
  }
  get await_args_list(): Call[] {
    return this[AWAITS].list;
  }

  override reset_mock(...args: unknown[]): any {
    super.reset_mock(...args);
    this[AWAITS] = { count: 0, args: null, list: [] };
    return null;
  }

  assert_awaited(): null {
    if (this[AWAITS].count === 0) fail(`Expected ${nameOf(this)} to have been awaited.`);
    return null;
  }

  assert_awaited_once(): null {
    const n = this[AWAITS].count;
    if (n !== 1) fail(`Expected ${nameOf(this)} to have been awaited once. Awaited ${n} times.`);
    return null;
  }

  assert_awaited_with(...args: unknown[]): null {
    const actual = this[AWAITS].args;
    if (actual === null) fail(`Expected await: ${signatureText(this, args)}\nNot awaited`);
    if (!callOf(args).__eq__(actual)) {
      const last = (this as any)[STATE].callArgs as Call;
      fail(`expected await not found.\nExpected: ${signatureText(this, args)}\n  Actual: ${formatSignature(nameOf(this), last.callArgs, last.callKwargs)}`);
    }
    return null;
  }

  assert_awaited_once_with(...args: unknown[]): null {
    this.assert_awaited_once();
    return this.assert_awaited_with(...args);
  }

  assert_any_await(...args: unknown[]): null {
    const expected = callOf(args);
    if (!this[AWAITS].list.some((c) => expected.__eq__(c))) fail(`${signatureText(this, args)} await not found`);
    return null;
  }

  assert_has_awaits(calls: unknown, ...rest: unknown[]): null {
    const [pos, kw] = splitKw(rest);
    const anyOrder = (pos[0] ?? kw["any_order"]) === true;
    const expected = Array.from(iterable(calls)) as Call[];
    const all = this[AWAITS].list;
    if (!anyOrder) {
      let ok = expected.length === 0;
      for (let i = 0; i + expected.length <= all.length && !ok; i++) ok = expected.every((e, j) => e.__eq__(all[i + j]));
      if (!ok) fail(`Awaits not found.\nExpected: ${repr(expected)}\nActual: ${repr(all)}`);
      return null;
    }
    const left = all.slice();
    const notFound = expected.filter((e) => {
      const i = left.findIndex((c) => e.__eq__(c));
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
    if (notFound.length > 0) fail(`${repr(Tuple.from(notFound))} not all found in await list`);
    return null;
  }

  assert_not_awaited(): null {
    const n = this[AWAITS].count;
    if (n !== 0) fail(`Expected ${nameOf(this)} to not have been awaited. Awaited ${n} times.`);
    return null;
  }
}

export const AsyncMockType = pyClass(AsyncMock);
