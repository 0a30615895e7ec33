// Python's `fileinput` as Lib/fileinput.py: FileInput over a list of files ("-" is stdin,
// read whole), the module-level input()/filename()/lineno()/... on the active instance, and
// inplace=True editing (stdout goes to the file, backup kept when given).

import { nodeModule } from "../core/host.js";
import { open } from "../lang/files.js";
import { ModuleNotFoundError, PyTypeError, RuntimeError, StopIteration, ValueError } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { gzipModule } from "./gzip.js";
import { ioModule } from "./io.js";
import { jsIterator } from "../values/iteration.js";
import { splitKw } from "../values/kwargs.js";
import { standardStreams, type TextFile } from "../values/print.js";
import { truthy } from "../values/truth.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { fspath, pathModule } from "./os-path.js";
import { callValue } from "./pycall.js";
import { sysModule } from "./sys.js";

const fs = (): typeof import("node:fs") => nodeModule("node:fs");

/** stdin's lines, read once. */
function stdinLines(): string[] {
  let text = "";
  try {
    text = fs().readFileSync(0, "utf8");
  } catch {
    // no stdin
  }
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export class FileInput {
  static readonly __module__ = "fileinput";
  private readonly files: string[];
  private index = 0;
  private currentName: string | null = null;
  private current: Iterator<unknown> | null = null;
  private file: { close(): unknown } | null = null;
  private lineNo = 0;
  private fileLineNo = 0;
  private isStdin = false;
  private readonly inplace: boolean;
  private readonly backup: string;
  private readonly mode: string;
  private readonly openhook: unknown;
  private readonly encoding: unknown;
  private readonly errors: unknown;
  private output: (TextFile & { close(): unknown }) | null = null;
  private savedStdout: TextFile | null = null;
  private backupName: string | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length ? pos[i] : name in kws ? kws[name] : fallback);
    let files = arg(0, "files", null);
    if (typeof files === "string") files = [files];
    else if (files !== null && typeof files === "object" && typeof (files as { __fspath__?: unknown }).__fspath__ === "function") files = [fspath(files)];
    else if (files === null) {
      const argv = (sysModule.argv as string[]).slice(1);
      files = argv.length ? argv : ["-"];
    }
    const list: string[] = [];
    const it = jsIterator(files);
    for (let s = it.next(); !s.done; s = it.next()) list.push(fspath(s.value));
    this.files = list.length ? list : ["-"];
    this.inplace = truthy(arg(1, "inplace", false));
    this.backup = String(arg(2, "backup", "") ?? "");
    this.mode = String(kws["mode"] ?? "r");
    if (!["r", "rb"].includes(this.mode)) throw new ValueError("FileInput opening mode must be 'r' or 'rb'");
    this.openhook = kws["openhook"] ?? null;
    this.encoding = kws["encoding"] ?? null;
    this.errors = kws["errors"] ?? null;
    if (this.inplace && this.openhook !== null) throw new ValueError("FileInput cannot use an opening hook in inplace mode");
    if ((kws["openhook"] ?? null) !== null && typeof this.openhook !== "function") throw new ValueError("FileInput openhook must be callable");
  }

  private openNext(): boolean {
    while (this.index < this.files.length) {
      const name = this.files[this.index++]!;
      this.currentName = name;
      this.fileLineNo = 0;
      this.isStdin = name === "-";
      if (this.isStdin) {
        this.currentName = "<stdin>";
        this.current = stdinLines()[Symbol.iterator]();
        return true;
      }
      if (this.inplace) {
        this.backupName = name + (this.backup || ".bak");
        try {
          fs().unlinkSync(this.backupName);
        } catch {
          // none yet
        }
        fs().renameSync(name, this.backupName);
        this.file = open(this.backupName, this.mode, -1n, ...this.encodingArgs());
        this.output = open(name, this.mode.replace("r", "w"), -1n, ...this.encodingArgs());
        this.savedStdout = standardStreams.stdout;
        standardStreams.stdout = this.output!;
      } else if (this.openhook !== null) {
        this.file = callValue(this.openhook, name, this.mode) as { close(): unknown };
      } else this.file = open(name, this.mode, -1n, ...this.encodingArgs());
      this.current = jsIterator(this.file);
      return true;
    }
    return false;
  }

  private encodingArgs(): unknown[] {
    return this.mode.includes("b") ? [] : [this.encoding, this.errors];
  }

  __next__(): unknown {
    for (;;) {
      if (this.current === null && !this.openNext()) throw new StopIteration();
      const step = this.current!.next();
      if (!step.done) {
        this.lineNo++;
        this.fileLineNo++;
        return step.value;
      }
      this.nextfile();
    }
  }

  __iter__(): this {
    return this;
  }

  *[Symbol.iterator](): Iterator<unknown> {
    for (;;) {
      try {
        yield this.__next__();
      } catch (e) {
        if (e instanceof StopIteration) return;
        throw e;
      }
    }
  }

  readline(): unknown {
    try {
      return this.__next__();
    } catch (e) {
      if (e instanceof StopIteration) return this.mode.includes("b") ? new Uint8Array(0) : "";
      throw e;
    }
  }

  nextfile(): null {
    if (this.output !== null) {
      standardStreams.stdout = this.savedStdout!;
      this.output.close();
      this.output = null;
    }
    if (this.file !== null) {
      const f = this.file;
      this.file = null;
      f.close();
    }
    if (this.backupName !== null) {
      if (!this.backup) {
        try {
          fs().unlinkSync(this.backupName);
        } catch {
          // gone
        }
      }
      this.backupName = null;
    }
    this.current = null;
    this.isStdin = false;
    return null;
  }

  close(): null {
    this.nextfile();
    this.index = this.files.length;
    return null;
  }

  filename(): string | null {
    return this.currentName;
  }

  lineno(): bigint {
    return BigInt(this.lineNo);
  }

  filelineno(): bigint {
    return BigInt(this.fileLineNo);
  }

  fileno(): bigint {
    const f = this.file as { fileno?: () => bigint } | null;
    return f && typeof f.fileno === "function" ? f.fileno() : -1n;
  }

  isfirstline(): boolean {
    return this.fileLineNo === 1;
  }

  isstdin(): boolean {
    return this.isStdin;
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this.close();
    return null;
  }

  __getitem__(_i: unknown): never {
    throw new PyTypeError("'FileInput' object is not subscriptable");
  }
}

let state: FileInput | null = null;

function active(): FileInput {
  if (state === null) throw new RuntimeError("no active input()");
  return state;
}

function input(...args: unknown[]): FileInput {
  if (state !== null && (state as unknown as { file: unknown }).file !== null) throw new RuntimeError("input() already active");
  state = new FileInput(...args);
  return state;
}

function hook_encoded(encoding: unknown, errors: unknown = null): (name: unknown, mode: unknown) => unknown {
  return (name, mode) => open(name, mode, -1n, encoding, errors);
}

/**
 * `fileinput.hook_compressed(filename, mode, *, encoding=None, errors=None)`: a `.gz` file
 * through gzip (text modes wrapped in a TextIOWrapper), others by open(); pyts has no bz2
 * module, so a `.bz2` file fails at that import as it would where bz2 is missing.
 */
function hook_compressed(...args: unknown[]): unknown {
  const [pos, kws] = splitKw(args);
  const [filename, mode] = [pos[0] ?? kws.filename, toStr(pos[1] ?? kws.mode)];
  // (None: the locale's encoding, as CPython's "locale" gives)
  const encoding = kws.encoding ?? null;
  const errors = kws.errors ?? null;
  const ext = (pathModule.splitext(filename) as Tuple).items[1];
  if (ext === ".bz2") throw new ModuleNotFoundError("No module named 'bz2'", kw({ name: "bz2" }));
  if (ext !== ".gz") return open(filename, mode, -1n, encoding, errors);
  const stream = callValue(gzipModule.open, filename, mode);
  return mode.includes("b") ? stream : callValue(ioModule.TextIOWrapper, stream, kw({ encoding, errors }));
}

export const fileinputModule = moduleObject("fileinput", {
  hook_compressed,
  FileInput: pyClass(FileInput),
  input,
  close: (): null => {
    const s = state;
    state = null;
    if (s !== null) s.close();
    return null;
  },
  nextfile: () => active().nextfile(),
  filename: () => active().filename(),
  lineno: () => active().lineno(),
  filelineno: () => active().filelineno(),
  fileno: () => active().fileno(),
  isfirstline: () => active().isfirstline(),
  isstdin: () => active().isstdin(),
  hook_encoded,
});
