// The state a mock keeps and the symbol keys the runtime's own operations on a mock use
// (every string key of a mock is a Python name, a child mock on first read).

import type { Call } from "./unittest-mock-call.js";

export const STATE = Symbol("mock state");
// The runtime's own operations on a mock are symbol-keyed: every Python name is a child mock.
/** `mock[CHILD](name)`: the child mock `name`, made on first use. */
export const CHILD = Symbol("mock child");
/** `mock[FULL_NAME]()`: the dotted name messages and reprs use. */
export const FULL_NAME = Symbol("mock full name");
/** `magicMock[MAGIC_METHOD](name)`: a dunder as the function the runtime calls. */
export const MAGIC_METHOD = Symbol("mock magic method");
/** An AsyncMock's call: records as a Mock's does, then returns this function's coroutine. */
export const ASYNC_CALL = Symbol("async mock call");
export const NO_AUTOSPEC = Symbol("no autospec");
/** A mock class's static: the class of the mocks its attributes make (_get_child_mock). */
export const CHILD_MOCK = Symbol("mock child class");

export interface MockState {
  name: string | null;
  parent: any;
  children: Map<string, any>;
  returnValue: unknown;
  sideEffect: unknown;
  sideIterator: Iterator<unknown> | null;
  callCount: number;
  callArgs: Call | null;
  callArgsList: Call[];
  mockCalls: Call[];
  methodCalls: Call[];
  wraps: unknown;
  /** `spec`/`spec_set`: the only attribute names the mock has (null: any) */
  spec: Set<string> | null;
  specSet: boolean;
  /** create_autospec: the object the mock stands for, and whether calls skip its `self` */
  autospec: unknown;
  checksSelf: boolean;
  /** an autospec mock of an instance of its class spec */
  instance: boolean;
  /** seal(): no more children are made */
  sealed: boolean;
}
