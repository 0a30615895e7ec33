// `select.select` and `selectors` for the sockets of the `socket` module: the helper thread
// that owns them reports which are readable (data, a pending connection, the end of the
// stream) or writable (connected). Waiting is a thread switch once green threads run.

import { Dict } from "../values/dict.js";
import { AttributeError, KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { getattrImpl } from "../values/attributes.js";
import { callValue } from "./pycall.js";
import { isNone, pyClass, toInt, toNumber } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { namedtuple } from "./namedtuple.js";
import { nodeModule } from "../core/host.js";
import { checked, drive, type Steps } from "./socket-host.js";
import { BaseSelector, markSelector } from "./selectors-base.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

const EVENT_READ = 1n;
const EVENT_WRITE = 2n;

/** The descriptor number of a file object (an int, or what its fileno() returns). */
export function fdOf(fileobj: unknown): number {
  if (typeof fileobj === "bigint") {
    if (fileobj < 0n) throw new ValueError(`Invalid file descriptor: ${fileobj}`);
    return Number(fileobj);
  }
  let fileno: unknown;
  try {
    fileno = getattrImpl(fileobj, "fileno");
  } catch {
    throw new ValueError(`Invalid file object: ${repr(fileobj)}`);
  }
  const fd = callValue(fileno);
  if (typeof fd !== "bigint") throw new PyTypeError(`fileno() returned a non-integer`);
  if (fd < 0n) throw new ValueError(`Invalid file descriptor: ${fd}`);
  return Number(fd);
}

function timeoutArg(timeout: unknown): number | null {
  if (isNone(timeout)) return null;
  const seconds = toNumber(timeout);
  return seconds < 0 ? 0 : seconds;
}

export function waitFor(read: number[], write: number[], timeout: number | null): Steps<[number[], number[]]> {
  return (function* (): Steps<[number[], number[]]> {
    const reply = checked(yield { op: "select", id: 0, read, write, timeout });
    return [reply.read ?? [], reply.write ?? []];
  })();
}

/** `select.select(rlist, wlist, xlist[, timeout])`. */
export function select(...args: unknown[]): Tuple {
  const [pos] = splitKw(args);
  if (pos.length < 3) throw new PyTypeError(`select expected at least 3 arguments, got ${pos.length}`);
  const lists = pos.slice(0, 3).map((x) => Array.from(x as Iterable<unknown>));
  const timeout = timeoutArg(pos[3]);
  if (timeout !== null && toNumber(pos[3]) < 0) throw new ValueError("timeout must be non-negative");
  const [rs, ws] = [lists[0]!.map(fdOf), lists[1]!.map(fdOf)];
  lists[2]!.forEach(fdOf);
  return drive(
    (function* (): Steps<Tuple> {
      const [r, w] = yield* waitFor(rs, ws, timeout);
      const pick = (objs: unknown[], fds: number[], ready: number[]): unknown[] => Array.from(objs.filter((_, i) => ready.includes(fds[i]!)));
      return Tuple.of(pick(lists[0]!, rs, r), pick(lists[1]!, ws, w), Array.from([]));
    })(),
  );
}

const SelectorKey = namedtuple("SelectorKey", Tuple.of("fileobj", "fd", "events", "data"), new Kwargs({ module: "selectors" }));

function makeSelector(name: string) {
  return class Selector {
    static readonly pythonName = name;
    static readonly __module__ = "selectors";
    _keys = new Map<number, { key: unknown; fd: number; events: bigint }>();
    _closed = false;
    /** The descriptor fileno() answers (opened on first need, closed with the selector). */
    _epollFd: number | null = null;

    constructor(...args: unknown[]) {
      if (args.length > 0) throw new PyTypeError(`${name}() takes no arguments`);
    }

    register(...args: unknown[]): unknown {
      const [pos, kws] = splitKw(args);
      const fileobj = pos[0] ?? kws["fileobj"];
      const events = pos[1] ?? kws["events"];
      const data = pos.length > 2 ? pos[2] : "data" in kws ? kws["data"] : null;
      const ev = typeof events === "bigint" ? events : BigInt(toInt(events));
      if (ev === 0n || (ev & ~(EVENT_READ | EVENT_WRITE)) !== 0n) throw new ValueError(`Invalid events: ${repr(events)}`);
      const fd = fdOf(fileobj);
      if (this._keys.has(fd)) throw new KeyError(`${repr(fileobj)} (FD ${fd}) is already registered`);
      const key = new SelectorKey(fileobj, BigInt(fd), ev, data);
      this._keys.set(fd, { key, fd, events: ev });
      return key;
    }

    findFd(fileobj: unknown): number {
      try {
        return fdOf(fileobj);
      } catch (error) {
        for (const [fd, entry] of this._keys) if ((entry.key as Tuple).at(0) === fileobj) return fd;
        throw error;
      }
    }

    unregister(fileobj: unknown): unknown {
      const fd = this.findFd(fileobj);
      const entry = this._keys.get(fd);
      if (entry === undefined) throw new KeyError(`${repr(fileobj)} is not registered`);
      this._keys.delete(fd);
      return entry.key;
    }

    modify(...args: unknown[]): unknown {
      const [pos, kws] = splitKw(args);
      const fileobj = pos[0] ?? kws["fileobj"];
      const fd = this.findFd(fileobj);
      if (!this._keys.has(fd)) throw new KeyError(`${repr(fileobj)} is not registered`);
      this._keys.delete(fd);
      return this.register(...args);
    }

    get_key(fileobj: unknown): unknown {
      const entry = this._keys.get(this.findFd(fileobj));
      if (entry === undefined) throw new KeyError(`${repr(fileobj)} is not registered`);
      return entry.key;
    }

    get_map(): Dict<bigint, unknown> {
      return new Dict<bigint, unknown>([...this._keys].map(([fd, e]) => [BigInt(fd), e.key] as const));
    }

    select(...args: unknown[]): any[] {
      const [pos, kws] = splitKw(args);
      const timeout = timeoutArg(pos[0] ?? kws["timeout"]);
      const entries = [...this._keys.values()];
      const read = entries.filter((e) => (e.events & EVENT_READ) !== 0n).map((e) => e.fd);
      const write = entries.filter((e) => (e.events & EVENT_WRITE) !== 0n).map((e) => e.fd);
      if (entries.length === 0 && timeout === null) throw new ValueError(`${name}.select() with nothing registered would wait for ever`);
      return drive(
        (function* (): Steps<unknown[]> {
          const [r, w] = yield* waitFor(read, write, timeout);
          const ready: unknown[] = [];
          for (const e of entries) {
            const events = (r.includes(e.fd) ? EVENT_READ : 0n) | (w.includes(e.fd) ? EVENT_WRITE : 0n);
            if ((events & e.events) !== 0n) ready.push(Tuple.of(e.key, events & e.events));
          }
          return Array.from(ready);
        })(),
      );
    }

    /**
     * EpollSelector.fileno(): CPython's is the epoll object's descriptor. The runtime waits
     * through its socket helper instead of an epoll object, so the selector holds a descriptor
     * of its own (on /dev/null) for the number: open while the selector is, closed with it.
     * (The other selectors have no fileno: their names table hides this one.)
     */
    fileno(): bigint {
      if (name !== "EpollSelector") throw new AttributeError(`'${name}' object has no attribute 'fileno'`);
      if (this._closed) throw new ValueError("I/O operation on closed epoll object");
      this._epollFd ??= fs().openSync("/dev/null", "r");
      return BigInt(this._epollFd);
    }

    close(): null {
      this._keys.clear();
      this._closed = true;
      if (this._epollFd !== null) fs().closeSync(this._epollFd);
      this._epollFd = null;
      return null;
    }

    __enter__(): this {
      return this;
    }

    __exit__(..._exc: unknown[]): null {
      return this.close();
    }

    __repr__(): string {
      return `<selectors.${name} object>`;
    }
  };
}

const selectorClasses = ["EpollSelector", "SelectSelector", "PollSelector"].map((name) => {
  const cls = makeSelector(name);
  markSelector(cls);
  return pyClass(cls);
});
const [EpollSelector, SelectSelector, PollSelector] = selectorClasses as [typeof selectorClasses[0], typeof selectorClasses[0], typeof selectorClasses[0]];

export const selectorsModule = moduleObject("selectors", {
  EVENT_READ,
  EVENT_WRITE,
  SelectorKey,
  DefaultSelector: EpollSelector,
  EpollSelector,
  SelectSelector,
  PollSelector,
  BaseSelector: pyClass(BaseSelector),
});

