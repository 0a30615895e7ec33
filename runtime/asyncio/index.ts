// The `asyncio` module as one namespace object (runtime/README.md), plus the classes for TS use.

// events.js first: the module cycle events -> futures/tasks only resolves in this order.
import { AbstractEventLoop, BaseEventLoop, EventLoop } from "./events.js";

import { asyncioCoroutine, iscoroutinefunction } from "../core/coroutine-function.js";
import { TimeoutError } from "../values/exceptions.js";
import { as_completed, shield } from "./combinators.js";
import { BaseExceptionGroup, ExceptionGroup } from "./exception-group.js";
import { BoundedSemaphore, Condition, Event, Lock, Semaphore } from "./locks.js";
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from "./queues.js";
import { TaskGroup } from "./taskgroups.js";
import { Timeout, timeout, timeout_at } from "./timeouts.js";
import { CancelledError, InvalidStateError } from "./exceptions.js";
import { Future, isFuture } from "./futures.js";
import { gather } from "./gather.js";
import { Handle, TimerHandle } from "./handles.js";
import {
  _get_running_loop,
  get_event_loop,
  get_running_loop,
  new_event_loop,
  set_event_loop,
} from "./loop-state.js";
import { moduleObject } from "../modules/module-object.js";
import { run } from "./run.js";
import { BaseProtocol, BufferedProtocol, DatagramProtocol, Protocol, SubprocessProtocol } from "./protocols.js";
import { Server } from "./servers.js";
import { protocolsModule, streamsModule, transportsModule } from "./submodules.js";
import "./future-iter.js";
import "./datagram.js";
import "./pipes.js";
import "./accepted-socket.js";
import { open_unix_connection, start_unix_server } from "./unix-servers.js";
import "./addrinfo.js";
// the sock_* methods load the socket module (its file installs them: sock-methods.ts)
import "./sock-stubs.js";
import "./signals.js";
import "./tls.js";
import "./loop-interface.js";
import "./task-stack.js";
import { create_subprocess_exec, create_subprocess_shell, subprocessModule } from "./subprocess.js";
import {
  IncompleteReadError,
  LimitOverrunError,
  StreamReader,
  StreamReaderProtocol,
  StreamWriter,
  open_connection,
  start_server,
} from "./streams.js";
import { sleep } from "./sleep.js";
import { executorFunctions } from "./executors.js";
import { Barrier, BrokenBarrierError } from "./barrier.js";
import { Task, all_tasks, create_task, current_task, ensure_future, iscoroutine } from "./tasks.js";
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait, wait_for } from "./wait.js";

export const asyncio = moduleObject("asyncio", {
  AbstractEventLoop,
  BaseEventLoop,
  SelectorEventLoop: EventLoop,
  EventLoop,
  Future,
  Task,
  Handle,
  TimerHandle,
  CancelledError,
  InvalidStateError,
  TimeoutError,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  get_event_loop,
  new_event_loop,
  set_event_loop,
  get_running_loop,
  _get_running_loop,
  run,
  sleep,
  ensure_future,
  create_task,
  gather,
  wait,
  wait_for,
  current_task,
  all_tasks,
  as_completed,
  shield,
  timeout,
  timeout_at,
  Timeout,
  TaskGroup,
  Lock,
  Event,
  Condition,
  Semaphore,
  BoundedSemaphore,
  Queue,
  LifoQueue,
  PriorityQueue,
  QueueEmpty,
  QueueFull,
  isfuture: isFuture,
  iscoroutine,
  iscoroutinefunction,
  coroutine: asyncioCoroutine,
  BaseProtocol,
  Protocol,
  BufferedProtocol,
  DatagramProtocol,
  SubprocessProtocol,
  Server,
  StreamReader,
  StreamWriter,
  StreamReaderProtocol,
  IncompleteReadError,
  LimitOverrunError,
  open_connection,
  start_server,
  open_unix_connection,
  start_unix_server,
  create_subprocess_exec,
  create_subprocess_shell,
  subprocess: subprocessModule,
  streams: streamsModule,
  transports: transportsModule,
  protocols: protocolsModule,
  BaseTransport: transportsModule.BaseTransport,
  ReadTransport: transportsModule.ReadTransport,
  WriteTransport: transportsModule.WriteTransport,
  Transport: transportsModule.Transport,
  DatagramTransport: transportsModule.DatagramTransport,
  SubprocessTransport: transportsModule.SubprocessTransport,
  ...executorFunctions,
  Barrier,
  BrokenBarrierError,
});

export { EventLoop, Future, Task, Handle, TimerHandle, CancelledError, InvalidStateError };
export { BaseExceptionGroup, ExceptionGroup };
export { BoundedSemaphore, Condition, Event, Lock, Semaphore };
export { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull };
export { TaskGroup, Timeout };
export { setErrorSink, setExceptionFormatter } from "./format.js";
export { _reset_event_loop_policy } from "./loop-state.js";
export { runNow, runUntilCompleteNow, runForeverNow } from "./run.js";
export { forgetUnretrieved, reportAllUnretrieved } from "./never-retrieved.js";
