// The helper thread that owns every socket of the `socket` module. Node has no synchronous
// sockets, so the real ones (node:net servers and connections, node:dgram) live here, on this
// thread's own event loop: they accept, connect and receive while the program's thread is
// blocked in Atomics.wait (a blocking call) or runs other green threads (a thread switch).
//
// Commands arrive in order on the worker's port. One that answers carries a MessagePort and a
// shared flag: the reply is posted on the port, then the flag is set and notified. A command
// that may wait (accept, recv, select) is kept pending and tried again on every socket event.
// It runs as an eval'd CommonJS script so it needs no file of its own at run time.

export const SOCKET_WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const net = require("node:net");
const dgram = require("node:dgram");

const socks = new Map();
let pending = [];

function reply(job, message) {
  if (!job.replyPort) return;
  try {
    job.replyPort.postMessage(message);
  } finally {
    job.replyPort.close();
    const flag = new Int32Array(job.flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}

function fail(job, code, message) {
  reply(job, { error: code, message: message || code });
}

function addr(a) {
  return a && typeof a === "object" ? [a.address, a.port] : null;
}

// ---- socket state ----

function connected(id, s, socket) {
  s.conn = socket;
  s.chunks = [];
  s.size = 0;
  s.eof = false;
  s.err = null;
  socket.on("data", (d) => {
    s.chunks.push(d);
    s.size += d.length;
    poke();
  });
  socket.on("end", () => {
    s.eof = true;
    poke();
  });
  socket.on("error", (e) => {
    s.err = e.code || "EIO";
    poke();
  });
  socket.on("close", () => {
    s.eof = true;
    poke();
  });
}

function take(s, n, peek) {
  const all = s.chunks.length === 1 ? s.chunks[0] : Buffer.concat(s.chunks);
  const part = all.subarray(0, n);
  if (!peek) {
    const rest = all.subarray(part.length);
    s.chunks = rest.length ? [rest] : [];
    s.size = rest.length;
  }
  return new Uint8Array(part);
}

function readable(s) {
  if (!s) return true;
  if (s.server) return s.backlog.length > 0 || s.serverErr !== null;
  if (s.udp) return s.datagrams.length > 0;
  if (s.conn) return s.size > 0 || s.eof || s.err !== null;
  return false;
}

function writable(s) {
  if (!s) return true;
  if (s.udp) return true;
  if (s.conn) return !s.connecting;
  return false;
}

// ---- commands that may wait: each returns a reply, or undefined while it must wait ----

const attempts = {
  accept(job, s) {
    if (!s.server) return { error: "EINVAL" };
    if (s.serverErr) return { error: s.serverErr };
    const socket = s.backlog.shift();
    if (!socket) return undefined;
    const child = { id: job.newId };
    socks.set(job.newId, child);
    socket.removeAllListeners("data");
    socket.removeAllListeners("end");
    connected(job.newId, child, socket);
    for (const d of socket.__early) { child.chunks.push(d); child.size += d.length; }
    if (socket.__earlyEnd) child.eof = true;
    return { local: [socket.localAddress, socket.localPort], peer: [socket.remoteAddress, socket.remotePort] };
  },
  recv(job, s) {
    if (s.udp) return attempts.recvfrom(job, s);
    if (!s.conn) return { error: "ENOTCONN" };
    if (s.size > 0) return { data: take(s, job.n, job.peek) };
    if (s.err) return { error: s.err };
    if (s.eof) return { data: new Uint8Array(0) };
    return undefined;
  },
  recvfrom(job, s) {
    if (!s.udp) {
      const r = attempts.recv(job, s);
      return r && r.data ? { data: r.data, from: null } : r;
    }
    const d = s.datagrams.shift();
    if (!d) return undefined;
    return { data: new Uint8Array(d.msg.subarray(0, job.n)), from: [d.rinfo.address, d.rinfo.port] };
  },
  select(job) {
    const r = job.read.filter((id) => readable(socks.get(id)));
    const w = job.write.filter((id) => writable(socks.get(id)));
    if (r.length || w.length) return { read: r, write: w };
    return undefined;
  },
  pwait(job, s) {
    if (!s.proc) return { error: "EBADF" };
    return s.exited ? { code: s.code } : undefined;
  },
  connectwait(job, s) {
    if (s.connecting) return undefined;
    if (s.connectErr) return { error: s.connectErr };
    return { local: [s.conn.localAddress, s.conn.localPort], peer: [s.conn.remoteAddress, s.conn.remotePort] };
  },
};

function poke() {
  const still = [];
  const now = pending;
  pending = [];
  for (const p of now) {
    const s = socks.get(p.job.id);
    // A socket closed while a call waited on it: the call fails as on a closed descriptor.
    const r = !s && p.job.op !== "select" ? { error: "EBADF" } : attempts[p.job.op](p.job, s);
    if (r === undefined) still.push(p);
    else {
      if (p.timer) clearTimeout(p.timer);
      reply(p.job, r);
    }
  }
  pending = still.concat(pending);
}

function attempt(job, s) {
  const r = attempts[job.op](job, s);
  if (r !== undefined) return reply(job, r);
  if (job.timeout === 0) return job.op === "select" ? reply(job, { read: [], write: [] }) : fail(job, "EAGAIN");
  const entry = { job, timer: null };
  if (job.timeout !== null && job.timeout !== undefined) {
    entry.timer = setTimeout(() => {
      pending = pending.filter((p) => p !== entry);
      if (job.op === "select") reply(job, { read: [], write: [] });
      else fail(job, "PYTS_TIMEOUT");
    }, job.timeout * 1000);
  }
  pending.push(entry);
}

// ---- commands answered at once ----

function listenOn(s, host, port, job) {
  const server = net.createServer({ pauseOnConnect: false, allowHalfOpen: true });
  s.server = server;
  s.backlog = [];
  s.serverErr = null;
  server.on("connection", (socket) => {
    // Data may arrive before accept(): keep it.
    socket.__early = [];
    socket.on("data", (d) => socket.__early.push(d));
    socket.on("end", () => { socket.__earlyEnd = true; });
    socket.on("error", () => {});
    s.backlog.push(socket);
    poke();
  });
  server.once("error", (e) => fail(job, e.code || "EIO", e.message));
  server.listen({ port, host, exclusive: true }, () => {
    server.removeAllListeners("error");
    server.on("error", (e) => { s.serverErr = e.code || "EIO"; poke(); });
    reply(job, { local: addr(server.address()) });
  });
}

const commands = {
  create(job) {
    socks.set(job.id, { id: job.id, udp: job.udp, family: job.family, timeout: null });
    reply(job, {});
  },
  bind(job, s) {
    if (s.udp) {
      const sock = udpSocket(s);
      sock.once("error", (e) => fail(job, e.code || "EIO", e.message));
      sock.bind(job.port, job.host, () => {
        sock.removeAllListeners("error");
        sock.on("error", () => {});
        s.bound = true;
        reply(job, { local: addr(sock.address()) });
      });
      return;
    }
    s.bindTo = [job.host, job.port];
    listenOn(s, job.host, job.port, job);
  },
  listen(job, s) {
    if (s.server) return reply(job, { local: addr(s.server.address()) });
    listenOn(s, job.family === 10 ? "::" : "0.0.0.0", 0, job);
  },
  connect(job, s) {
    if (s.udp) {
      const sock = udpSocket(s);
      const doConnect = () => sock.connect(job.port, job.host, () => reply(job, { local: addr(sock.address()), peer: [job.host, job.port] }));
      sock.once("error", (e) => fail(job, e.code || "EIO", e.message));
      if (!s.bound) sock.bind(0, () => { s.bound = true; doConnect(); });
      else doConnect();
      return;
    }
    if (s.server) {
      s.server.close();
      s.server = null;
    }
    const socket = net.connect({ port: job.port, host: job.host, allowHalfOpen: true });
    s.connecting = true;
    s.connectErr = null;
    connected(job.id, s, socket);
    socket.once("connect", () => { s.connecting = false; poke(); });
    socket.once("error", (e) => {
      if (s.connecting) { s.connecting = false; s.connectErr = e.code || "EIO"; s.conn = null; poke(); }
    });
    if (job.timeout === 0) return fail(job, "EINPROGRESS");
    attempt(Object.assign(job, { op: "connectwait" }), s);
  },
  send(job, s) {
    if (s.udp) {
      const sock = udpSocket(s);
      sock.send(job.data);
      return reply(job, {});
    }
    if (!s.conn) return fail(job, "EPIPE");
    s.conn.write(job.data);
    reply(job, {});
  },
  sendto(job, s) {
    const sock = udpSocket(s);
    const go = () => sock.send(job.data, job.port, job.host, () => {});
    if (!s.bound) {
      s.bound = true;
      sock.bind(0, () => { go(); reply(job, { local: addr(sock.address()) }); });
    } else {
      go();
      reply(job, { local: addr(sock.address()) });
    }
  },
  shutdown(job, s) {
    if (s.conn && (job.how === 1 || job.how === 2)) s.conn.end();
    reply(job, {});
  },
  close(job, s) {
    if (s && s.refs > 1) {
      s.refs--;
      socks.delete(job.id);
    } else if (s) {
      socks.delete(job.id);
      poke();
      if (s.server) s.server.close();
      if (s.conn && typeof s.conn.end !== "function") s.conn.destroy();
      else if (s.conn) s.conn.end(() => s.conn && s.conn.destroy());
      for (const c of (s.backlog || [])) c.destroy();
      if (s.udpSock) s.udpSock.close();
      socks.delete(job.id);
    }
    reply(job, {});
  },
  spawn(job) {
    // A child of subprocess.Popen: its pipes are connections read and written as sockets'.
    const cp = require("node:child_process");
    const fs = require("node:fs");
    if (job.cwd !== null && !fs.existsSync(job.cwd)) return fail(job, "ENOENT", "cwd");
    const options = { stdio: job.stdio };
    if (job.cwd !== null) options.cwd = job.cwd;
    if (job.env !== null) options.env = job.env;
    let file = job.file;
    let argv = job.argv;
    if (job.merge) {
      // stderr=STDOUT: one pipe for both, as CPython's dup2 makes it, so their order is kept.
      const found = findProgram(job.file, (job.env || process.env).PATH, job.cwd);
      if (found !== null) return fail(job, found);
      file = "/bin/sh";
      argv = ["-c", 'exec "$0" "$@" 2>&1', job.file, ...job.argv];
      options.stdio = [job.stdio[0], "pipe", "ignore"];
    }
    let child;
    try {
      child = cp.spawn(file, argv, options);
    } catch (e) {
      return fail(job, e.code || "EIO", e.message);
    }
    const p = { id: job.id, proc: child, exited: false, code: null };
    if (child.pid === undefined) {
      child.once("error", (e) => fail(job, e.code || "EIO", e.message));
      return;
    }
    child.on("error", () => {});
    socks.set(job.id, p);
    const [inId, outId, errId] = job.pipes;
    if (child.stdin) {
      const s = { id: inId };
      socks.set(inId, s);
      connected(inId, s, child.stdin);
    }
    if (child.stdout && job.merge) {
      const s = { id: outId };
      socks.set(outId, s);
      connected(outId, s, child.stdout);
    } else if (child.stdout) {
      const s = { id: outId };
      socks.set(outId, s);
      connected(outId, s, child.stdout);
    }
    if (child.stderr && !job.merge) {
      const s = { id: errId };
      socks.set(errId, s);
      connected(errId, s, child.stderr);
    }
    child.once("exit", (code, signal) => {
      p.exited = true;
      p.code = code !== null ? code : -(require("node:os").constants.signals[signal] || 0);
      poke();
    });
    reply(job, { pid: child.pid });
  },
  pkill(job, s) {
    if (s.proc && !s.exited) {
      try { s.proc.kill(job.signal); } catch (e) { /* gone already */ }
    }
    reply(job, {});
  },
  lookup(job) {
    require("node:dns").lookup(job.host, { all: true, family: job.family }, (err, addresses) => {
      if (err) fail(job, err.code || "ENOTFOUND", err.message);
      else reply(job, { addresses });
    });
  },
  reverse(job) {
    // getnameinfo(3) with NI_NAMEREQD: the address's name, or an error where it has none
    require("node:dns").lookupService(job.host, 0, (err, hostname) => {
      if (err) fail(job, err.code || "ENOTFOUND", err.message);
      else reply(job, { hostname });
    });
  },
  dup(job, s) {
    // dup(2): a second descriptor for the same socket, which stays open until both are closed
    s.refs = (s.refs || 1) + 1;
    socks.set(job.newId, s);
    reply(job, {});
  },
  setnodelay(job, s) {
    if (s.conn) s.conn.setNoDelay(job.on);
    reply(job, {});
  },
  pair(job) {
    // socketpair(): two ends joined here, in memory: what one end sends is in the other's
    // buffer as soon as this thread has run the send, as a kernel socketpair's is at once.
    const a = { id: job.id, chunks: [], size: 0, eof: false, err: null };
    const b = { id: job.newId, chunks: [], size: 0, eof: false, err: null };
    a.conn = memoryEnd(b);
    b.conn = memoryEnd(a);
    socks.set(a.id, a);
    socks.set(b.id, b);
    reply(job, {});
  },
};

/** One end of an in-memory socketpair: writes land in the peer's buffer; end() is its EOF. */
function memoryEnd(peer) {
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    peer.eof = true;
    poke();
  };
  return {
    localAddress: "", localPort: 0, remoteAddress: "", remotePort: 0,
    write(data) {
      if (ended) return;
      const chunk = Buffer.from(data);
      peer.chunks.push(chunk);
      peer.size += chunk.length;
      poke();
    },
    end(callback) {
      finish();
      if (typeof callback === "function") callback();
    },
    destroy: finish,
    setNoDelay() {},
  };
}

/** Why \`file\` cannot be run (ENOENT, EACCES), or null when it can (as execvp looks it up). */
function findProgram(file, pathVar, cwd) {
  const fs = require("node:fs");
  const path = require("node:path");
  const dirs = file.includes("/") ? [""] : String(pathVar || "/usr/local/bin:/usr/bin:/bin").split(":");
  let error = "ENOENT";
  for (const dir of dirs) {
    const full = path.resolve(cwd || process.cwd(), dir, file);
    try {
      if (!fs.statSync(full).isFile()) continue;
      fs.accessSync(full, fs.constants.X_OK);
      return null;
    } catch (e) {
      if (e.code === "EACCES") error = "EACCES";
    }
  }
  return error;
}

function udpSocket(s) {
  if (!s.udpSock) {
    s.datagrams = [];
    s.udpSock = dgram.createSocket(s.family === 10 ? "udp6" : "udp4");
    s.udpSock.on("message", (msg, rinfo) => { s.datagrams.push({ msg, rinfo }); poke(); });
    s.udpSock.on("error", () => {});
  }
  return s.udpSock;
}

parentPort.on("message", (job) => {
  const s = socks.get(job.id);
  try {
    if (commands[job.op]) {
      if (!s && job.op !== "create" && job.op !== "pair" && job.op !== "close" && job.op !== "lookup" && job.op !== "reverse" && job.op !== "spawn") return fail(job, "EBADF");
      commands[job.op](job, s);
    } else if (job.op === "select") attempt(job, null);
    else if (!s) fail(job, "EBADF");
    else attempt(job, s);
  } catch (e) {
    fail(job, (e && e.code) || "EIO", String(e && e.message));
  }
});
`;
