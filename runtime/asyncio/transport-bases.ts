// asyncio.transports' abstract classes (BaseTransport, ReadTransport, WriteTransport, Transport,
// DatagramTransport, SubprocessTransport): what a Python class subclasses to write a transport
// of its own. Their methods raise NotImplementedError as CPython's do; the loop's own
// transports (transports.ts, datagram.ts, subprocess.ts) are separate classes.

import { NotImplementedError } from "../values/exceptions.js";
import { isNone } from "../modules/callable-class.js";
import { Dict } from "../values/dict.js";
import { Bytes } from "../values/bytes.js";

function abstract(): never {
  throw new NotImplementedError();
}

export class BaseTransport {
  static readonly __module__: string = "asyncio.transports";
  _extra: unknown;
  constructor(extra: unknown = null) {
    this._extra = extra === undefined || isNone(extra) ? new Dict() : extra;
  }
  get_extra_info(name: unknown, fallback: unknown = null): unknown {
    const extra = this._extra as Dict<unknown, unknown>;
    return extra.has(name) ? extra.get(name) : fallback;
  }
  is_closing(): unknown {
    return abstract();
  }
  close(): unknown {
    return abstract();
  }
  set_protocol(_protocol: unknown): unknown {
    return abstract();
  }
  get_protocol(): unknown {
    return abstract();
  }
}

export class ReadTransport extends BaseTransport {
  is_reading(): unknown {
    return abstract();
  }
  pause_reading(): unknown {
    return abstract();
  }
  resume_reading(): unknown {
    return abstract();
  }
}

/** WriteTransport's methods, shared with Transport (which is both a Read- and a WriteTransport). */
const writeMethods = {
  set_write_buffer_limits(_high: unknown = null, _low: unknown = null): unknown {
    return abstract();
  },
  get_write_buffer_size(): unknown {
    return abstract();
  },
  get_write_buffer_limits(): unknown {
    return abstract();
  },
  write(_data: unknown): unknown {
    return abstract();
  },
  writelines(this: { write(data: unknown): unknown }, list_of_data: unknown): unknown {
    const parts = Array.from(list_of_data as Iterable<Uint8Array>);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    return this.write(Bytes.fromArray(joined));
  },
  write_eof(): unknown {
    return abstract();
  },
  can_write_eof(): unknown {
    return abstract();
  },
  abort(): unknown {
    return abstract();
  },
};

type WriteMethods = typeof writeMethods;
// (the methods Object.assign puts on the prototypes below, declared for TypeScript callers)
export interface WriteTransport extends WriteMethods {}
export interface Transport extends WriteMethods {}

export class WriteTransport extends BaseTransport {
  static [Symbol.hasInstance](x: unknown): boolean {
    // (Transport derives from both; JavaScript classes have one base)
    return Function.prototype[Symbol.hasInstance].call(this, x) || ((this as { prototype?: unknown }).prototype === WriteTransport.prototype && x instanceof Transport);
  }
}
Object.assign(WriteTransport.prototype, writeMethods);

export class Transport extends ReadTransport {}
Object.assign(Transport.prototype, writeMethods);

export class DatagramTransport extends BaseTransport {
  sendto(_data: unknown, _addr: unknown = null): unknown {
    return abstract();
  }
  abort(): unknown {
    return abstract();
  }
}

export class SubprocessTransport extends BaseTransport {
  get_pid(): unknown {
    return abstract();
  }
  get_returncode(): unknown {
    return abstract();
  }
  get_pipe_transport(_fd: unknown): unknown {
    return abstract();
  }
  send_signal(_signal: unknown): unknown {
    return abstract();
  }
  terminate(): unknown {
    return abstract();
  }
  kill(): unknown {
    return abstract();
  }
}
