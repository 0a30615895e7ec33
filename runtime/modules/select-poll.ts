// `select.poll` and `select.epoll` objects for the sockets of the `socket` module, on the same
// readiness report as select.select: readable is POLLIN (EPOLLIN), writable POLLOUT (EPOLLOUT).
// Priority data, errors and hang-ups have no report of their own on Node's sockets: a peer's
// end of stream shows as readable, as Linux reports it for POLLIN. The `select` module itself.

import { FileExistsError, FileNotFoundError, KeyError, OverflowError, PyTypeError, ValueError, OSError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { isNone, pyClass, toInt, toNumber } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { drive, post, type Steps } from "./socket-host.js";
import { SELECT_INTS } from "./socket-constants-data.js";
import { fdOf, select, waitFor } from "./selectors.js";
import { allocateFd, releaseFd } from "./socket.js";

const IN = 1n;
const PRI = 2n;
const OUT = 4n;

function eventMask(mask: unknown): bigint {
  if (typeof mask !== "bigint" && typeof mask !== "boolean") throw new PyTypeError(`'${typeName(mask)}' object cannot be interpreted as an integer`);
  const n = BigInt(toInt(mask));
  if (n < 0n || n > 0xffffffffn) throw new OverflowError("Python int too large to convert to C unsigned int");
  return n;
}

/** Waits until one of `masks`' descriptors is ready (or the timeout); its (fd, events) pairs, in registration order. */
function ready(masks: Map<number, bigint>, timeout: number | null, max = -1): Tuple[] {
  const entries = [...masks];
  const read = entries.filter(([, m]) => (m & (IN | PRI)) !== 0n).map(([fd]) => fd);
  const write = entries.filter(([, m]) => (m & OUT) !== 0n).map(([fd]) => fd);
  return drive(
    (function* (): Steps<Tuple[]> {
      const [r, w] = entries.length === 0 && timeout === null ? [[], []] : yield* waitFor(read, write, timeout);
      const out: Tuple[] = [];
      for (const [fd, mask] of entries) {
        const events = (r.includes(fd) ? mask & IN : 0n) | (w.includes(fd) ? mask & OUT : 0n);
        if (events !== 0n && (max < 0 || out.length < max)) out.push(Tuple.of(BigInt(fd), events));
      }
      return Array.from(out) as Tuple[];
    })(),
  );
}

class Poll {
  static readonly pythonName = "poll";
  static readonly __module__ = "select";
  private masks = new Map<number, bigint>();

  register(fd: unknown, eventmask: unknown = IN | PRI | OUT): null {
    this.masks.set(fdOf(fd), eventMask(eventmask));
    return null;
  }

  modify(fd: unknown, eventmask: unknown): null {
    const n = fdOf(fd);
    if (!this.masks.has(n)) throw new FileNotFoundError(2n, "No such file or directory");
    this.masks.set(n, eventMask(eventmask));
    return null;
  }

  unregister(fd: unknown): null {
    const n = fdOf(fd);
    if (!this.masks.delete(n)) throw new KeyError(BigInt(n));
    return null;
  }

  /** poll([timeout]): timeout in milliseconds, None or negative to wait for ever. */
  poll(...args: unknown[]): Tuple[] {
    const [pos, kws] = splitKw(args);
    if (Object.keys(kws).length > 0) throw new PyTypeError("poll.poll() takes no keyword arguments");
    const ms = pos[0] === undefined || isNone(pos[0]) ? -1 : toNumber(pos[0]);
    return ready(this.masks, ms < 0 ? null : ms / 1000);
  }
}

class Epoll {
  static readonly pythonName = "epoll";
  static readonly __module__ = "select";
  private masks = new Map<number, bigint>();
  private fd: number;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const sizehint = pos[0] ?? kws["sizehint"] ?? -1n;
    const n = toInt(sizehint);
    if (n === 0 || n < -1) throw new ValueError("negative sizehint");
    // (a descriptor number of its own, as epoll_create gives)
    this.fd = allocateFd();
  }

  get closed(): boolean {
    return this.fd < 0;
  }

  private open(): void {
    if (this.fd < 0) throw new ValueError("I/O operation on closed epoll object");
  }

  fileno(): bigint {
    this.open();
    return BigInt(this.fd);
  }

  close(): null {
    if (this.fd >= 0) {
      post({ op: "close", id: this.fd });
      releaseFd(this.fd);
      this.fd = -1;
    }
    return null;
  }

  register(...args: unknown[]): null {
    this.open();
    const [pos, kws] = splitKw(args);
    const fd = fdOf(pos[0] ?? kws["fd"]);
    if (this.masks.has(fd)) throw new FileExistsError(17n, "File exists");
    this.masks.set(fd, eventMask(pos[1] ?? kws["eventmask"] ?? IN | PRI | OUT));
    return null;
  }

  modify(...args: unknown[]): null {
    this.open();
    const [pos, kws] = splitKw(args);
    const fd = fdOf(pos[0] ?? kws["fd"]);
    if (!this.masks.has(fd)) throw new FileNotFoundError(2n, "No such file or directory");
    this.masks.set(fd, eventMask(pos[1] ?? kws["eventmask"]));
    return null;
  }

  unregister(...args: unknown[]): null {
    this.open();
    const [pos, kws] = splitKw(args);
    const fd = fdOf(pos[0] ?? kws["fd"]);
    if (!this.masks.delete(fd)) throw new FileNotFoundError(2n, "No such file or directory");
    return null;
  }

  /** poll(timeout=None, maxevents=-1): timeout in seconds. */
  poll(...args: unknown[]): Tuple[] {
    this.open();
    const [pos, kws] = splitKw(args);
    const timeout = pos[0] ?? kws["timeout"];
    const seconds = timeout === undefined || isNone(timeout) ? -1 : toNumber(timeout);
    const max = toInt(pos[1] ?? kws["maxevents"] ?? -1n);
    if (max === 0 || max < -1) throw new ValueError(`maxevents must be greater than 0, got ${max}`);
    return ready(this.masks, seconds < 0 ? null : seconds, max);
  }

  static fromfd(_fd: unknown): never {
    // (an epoll descriptor made outside this program is not one Node can watch)
    throw new OSError(22n, "Invalid argument");
  }

  __enter__(): this {
    this.open();
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    return this.close();
  }
}

export const selectModule = moduleObject("select", {
  ...SELECT_INTS,
  select,
  poll: (): Poll => new Poll(),
  epoll: pyClass(Epoll),
  error: OSError,
});
