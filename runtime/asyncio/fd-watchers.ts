// The loop's readiness callbacks (CPython's selector loop add_reader / add_writer /
// remove_reader / remove_writer) for the `socket` module's sockets, whose state lives on the
// socket helper thread (modules/socket-host.ts). CPython selects at the start of every
// iteration and queues the callbacks of ready descriptors before the due timers: each
// iteration of a loop that watches descriptors asks the helper (select with timeout 0) at that
// point. While the loop waits, a select without timeout on the helper wakes it when one is ready.

import { Handle } from "./handles.js";
import { EventLoop } from "./events.js";
import { holdHandle, releaseHandle } from "./io-handles.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { fileobjToFd } from "./fileobj-fd.js";
import { typeName } from "../values/typename.js";
import { call, callLater, checked } from "../modules/socket-host.js";
import { fdInUse } from "../modules/socket.js";
import type { Callback } from "./format.js";

declare module "./events.js" {
  interface EventLoop {
    add_reader(fd: unknown, callback: Callback, ...args: unknown[]): null;
    add_writer(fd: unknown, callback: Callback, ...args: unknown[]): null;
    remove_reader(fd: unknown): boolean;
    remove_writer(fd: unknown): boolean;
  }
}

interface Watchers {
  readers: Map<number, Handle>;
  writers: Map<number, Handle>;
  /** The helper's select that wakes the waiting loop (null: none asked). */
  watch: { ref(): void; unref(): void } | null;
}

const watchersOf = new WeakMap<EventLoop, Watchers>();

function watchersFor(loop: EventLoop): Watchers {
  let w = watchersOf.get(loop);
  if (w === undefined) {
    w = { readers: new Map(), writers: new Map(), watch: null };
    watchersOf.set(loop, w);
    loop._ioPoll = pollReady;
  }
  return w;
}

/** select(timeout=0) on the helper: the handles of ready descriptors join the ready queue. */
function pollReady(loop: EventLoop): void {
  const w = watchersOf.get(loop);
  if (w === undefined || (w.readers.size === 0 && w.writers.size === 0)) return;
  const reply = checked(call({ op: "select", id: 0, read: [...w.readers.keys()], write: [...w.writers.keys()], timeout: 0 }));
  const readable = new Set(reply.read ?? []);
  const writable = new Set(reply.write ?? []);
  // one event per descriptor, reader before writer, as _process_events takes them
  for (const fd of new Set([...w.readers.keys(), ...w.writers.keys()])) {
    const reader = w.readers.get(fd);
    if (reader !== undefined && readable.has(fd)) {
      if (reader._cancelled) w.readers.delete(fd);
      else loop._ready.push(reader);
    }
    const writer = w.writers.get(fd);
    if (writer !== undefined && writable.has(fd)) {
      if (writer._cancelled) w.writers.delete(fd);
      else loop._ready.push(writer);
    }
  }
  watchWhileWaiting(loop, w);
}

/** Asks the helper to answer once a watched descriptor is ready; the answer wakes the loop. */
function watchWhileWaiting(loop: EventLoop, w: Watchers): void {
  if (w.watch !== null || (w.readers.size === 0 && w.writers.size === 0)) return;
  let port: { ref(): void; unref(): void } | null = null;
  const job = { op: "select", id: 0, read: [...w.readers.keys()], write: [...w.writers.keys()], timeout: null };
  void callLater(job, false, (unref, ref) => (port = { ref, unref })).then(() => {
    if (w.watch === port) {
      releaseHandle(loop, port!);
      w.watch = null;
    }
    if (loop.is_running() && !loop.is_closed()) loop._wakeForIo();
  });
  w.watch = port;
  if (port !== null) holdHandle(loop, port);
}

/** A changed set of descriptors: the pending watch asks about the old set, so it is renewed. */
function renewWatch(loop: EventLoop, w: Watchers): void {
  if (w.watch !== null) {
    w.watch.unref();
    releaseHandle(loop, w.watch);
    w.watch = null;
  }
  if (loop.is_running()) watchWhileWaiting(loop, w);
}

function socketFd(loop: EventLoop, fileobj: unknown): number {
  const fd = fileobjToFd(fileobj);
  loop._check_closed();
  if (!fdInUse(fd)) {
    throw new ValueError(`pyts: add_reader/add_writer watch the socket module's sockets; descriptor ${fd} is not one`);
  }
  return fd;
}

function addWatcher(loop: EventLoop, which: "readers" | "writers", fileobj: unknown, callback: Callback, args: unknown[]): null {
  const fd = socketFd(loop, fileobj);
  if (typeof callback !== "function" && (callback === null || typeof callback !== "object")) {
    throw new PyTypeError(`a callable object was expected by add_${which === "readers" ? "reader" : "writer"}(), got ${typeName(callback)}`);
  }
  const w = watchersFor(loop);
  const handle = new Handle(callback, args, loop);
  const old = w[which].get(fd);
  w[which].set(fd, handle);
  old?.cancel();
  renewWatch(loop, w);
  return null;
}

function removeWatcher(loop: EventLoop, which: "readers" | "writers", fileobj: unknown): boolean {
  const fd = fileobjToFd(fileobj);
  if (loop.is_closed()) return false;
  const w = watchersOf.get(loop);
  const handle = w?.[which].get(fd);
  if (w === undefined || handle === undefined) return false;
  w[which].delete(fd);
  handle.cancel();
  renewWatch(loop, w);
  return true;
}

Object.defineProperties(EventLoop.prototype, {
  add_reader: { value: function (this: EventLoop, fd: unknown, callback: Callback, ...args: unknown[]) { return addWatcher(this, "readers", fd, callback, args); }, writable: true, configurable: true },
  add_writer: { value: function (this: EventLoop, fd: unknown, callback: Callback, ...args: unknown[]) { return addWatcher(this, "writers", fd, callback, args); }, writable: true, configurable: true },
  remove_reader: { value: function (this: EventLoop, fd: unknown) { return removeWatcher(this, "readers", fd); }, writable: true, configurable: true },
  remove_writer: { value: function (this: EventLoop, fd: unknown) { return removeWatcher(this, "writers", fd); }, writable: true, configurable: true },
});
