// Node's system errors as CPython's OSError subclasses: errno, strerror and the file names,
// so `str(e)` reads `[Errno 2] No such file or directory: 'x'` and `except FileNotFoundError`
// matches as it does in CPython (which picks the subclass from the errno).

import {
  BlockingIOError,
  BrokenPipeError,
  ChildProcessError,
  ConnectionAbortedError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  IsADirectoryError,
  NotADirectoryError,
  OSError,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
} from "../values/exceptions.js";

type OSErrorClass = new (...args: unknown[]) => OSError;

/** Linux errno and strerror by Node's error code, with the subclass CPython raises. */
const ERRORS: Record<string, [number, string, OSErrorClass?]> = {
  EPERM: [1, "Operation not permitted", PermissionError],
  ENOENT: [2, "No such file or directory", FileNotFoundError],
  ESRCH: [3, "No such process", ProcessLookupError],
  EINTR: [4, "Interrupted system call", InterruptedError],
  EIO: [5, "Input/output error"],
  EBADF: [9, "Bad file descriptor"],
  ECHILD: [10, "No child processes", ChildProcessError],
  EAGAIN: [11, "Resource temporarily unavailable", BlockingIOError],
  ENOMEM: [12, "Cannot allocate memory"],
  EACCES: [13, "Permission denied", PermissionError],
  EBUSY: [16, "Device or resource busy"],
  EEXIST: [17, "File exists", FileExistsError],
  EXDEV: [18, "Invalid cross-device link"],
  ENOTDIR: [20, "Not a directory", NotADirectoryError],
  EISDIR: [21, "Is a directory", IsADirectoryError],
  EINVAL: [22, "Invalid argument"],
  EMFILE: [24, "Too many open files"],
  ENOSPC: [28, "No space left on device"],
  ESPIPE: [29, "Illegal seek"],
  EROFS: [30, "Read-only file system"],
  EPIPE: [32, "Broken pipe", BrokenPipeError],
  ENAMETOOLONG: [36, "File name too long"],
  ENOTEMPTY: [39, "Directory not empty"],
  ELOOP: [40, "Too many levels of symbolic links"],
  EADDRINUSE: [98, "Address already in use"],
  EADDRNOTAVAIL: [99, "Cannot assign requested address"],
  ECONNABORTED: [103, "Software caused connection abort", ConnectionAbortedError],
  ECONNRESET: [104, "Connection reset by peer", ConnectionResetError],
  ETIMEDOUT: [110, "Connection timed out", TimeoutError],
  ECONNREFUSED: [111, "Connection refused", ConnectionRefusedError],
  EHOSTUNREACH: [113, "No route to host"],
  ENETUNREACH: [101, "Network is unreachable"],
  // Name lookups (socket.gaierror in CPython).
  ENOTFOUND: [-2, "Name or service not known"],
  EAI_AGAIN: [-3, "Temporary failure in name resolution"],
};

/** The OSError CPython would raise for Node's error `error` about `filename` (and `filename2`). */
export function osErrorFrom(error: unknown, filename?: unknown, filename2?: unknown): OSError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? "";
  const known = ERRORS[code];
  if (known === undefined) return new OSError(String((error as Error | null)?.message ?? error));
  const [errno, strerror, cls = OSError] = known;
  if (filename === undefined) return new cls(BigInt(errno), strerror);
  if (filename2 === undefined) return new cls(BigInt(errno), strerror, filename);
  return new cls(BigInt(errno), strerror, filename, null, filename2);
}

/** The OSError of a strerror text a command-line tool reported (`mkfifo: ...: File exists`), or null. */
export function osErrorByText(text: string, filename?: unknown): OSError | null {
  const code = Object.keys(ERRORS).find((name) => ERRORS[name]![1] === text);
  return code === undefined ? null : osErrorFrom({ code }, filename);
}

/** Runs a Node file-system call, turning its failure into CPython's OSError. */
export function fsCall<T>(call: () => T, filename?: unknown, filename2?: unknown): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof OSError || (e as NodeJS.ErrnoException | null)?.code === undefined) throw e;
    throw osErrorFrom(e, filename, filename2);
  }
}
