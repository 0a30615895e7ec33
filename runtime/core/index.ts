// Coroutine and generator objects and the `await` / `yield from` machinery (runtime/README.md).

export { Coroutine, CoroutineWrapper, coroutine, isCoroutine } from "./coroutine.js";
export { PyGenerator, generator } from "./generator.js";
export { closeIterator, closeIteratorQuietly, machineEnd, machineGenerator, machineIter, machineOwnedIter, type GeneratorMachine, type MachineLoopIterator } from "./generator-machine.js";
export {
  await_,
  awaitIterator,
  setPromiseAdapter,
  yieldFrom,
  type NativeAwaitable,
} from "./await.js";
export {
  asyncioCoroutine,
  coroutineFromGenerator,
  coroutineFunction,
  iscoroutinefunction,
} from "./coroutine-function.js";
export { Delegation, Suspendable } from "./suspendable.js";
export { flushFresh, reportAllUnstarted, setWarningSink, forgetUnstarted } from "./never-awaited.js";
export {
  AsyncGenAwaitable,
  AsyncGenerator_,
  asyncGenerator,
  asyncYield,
  setAsyncGenHooks,
} from "./async-generator.js";
