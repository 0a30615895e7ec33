import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { loggingModule } from "../../../runtime/modules/logging.js";
import { ZeroDivisionError } from "../../../runtime/values/exceptions.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { standardStreams, type TextFile } from "../../../runtime/values/print.js";
import { repr } from "../../../runtime/values/repr.js";
import { Dict } from "../../../runtime/values/dict.js";
import { python } from "./python-oracle.js";
import { setFrameProvider } from "../../../runtime/values/traceback.js";

/** Logging keeps global state, as Python's does: each test starts from an unconfigured root. */
async function freshLogging(): Promise<typeof loggingModule> {
  loggingModule.root.handlers = [];
  loggingModule.root.setLevel(loggingModule.WARNING);
  return loggingModule;
}

class Collector implements TextFile {
  text = "";
  write(s: string): bigint {
    this.text += s;
    return BigInt(s.length);
  }
}

let out: Collector;
let err: Collector;
let saved: { stdout: TextFile; stderr: TextFile };

beforeEach(() => {
  saved = { ...standardStreams };
  out = new Collector();
  err = new Collector();
  standardStreams.stdout = out;
  standardStreams.stderr = err;
});
afterEach(() => {
  standardStreams.stdout = saved.stdout;
  standardStreams.stderr = saved.stderr;
});

function pythonStreams(code: string): { stdout: string; stderr: string } {
  const r = execFileSync("python3", ["-c", `${code}\nimport sys; sys.stdout.write('\\x00'); sys.stdout.write(sys.stderr.getvalue())`], {
    encoding: "utf8",
  });
  const [stdout, stderr] = r.split("\0") as [string, string];
  return { stdout, stderr };
}
const CAPTURE = "import io, sys\nsys.stderr = io.StringIO()\n";

describe("logging", () => {
  it("module-level calls use basicConfig defaults: WARNING:root:msg on stderr", async () => {
    const logging = await freshLogging();
    const expected = pythonStreams(`${CAPTURE}import logging
logging.debug('hidden'); logging.info('hidden'); logging.warning('careful %s', 'now')
logging.error('bad %d%%', 5); logging.critical('down'); logging.log(45, 'custom level')`);
    logging.debug("hidden");
    logging.info("hidden");
    logging.warning("careful %s", "now");
    logging.error("bad %d%%", 5n);
    logging.critical("down");
    logging.log(45n, "custom level");
    expect(err.text).toBe(expected.stderr);
    expect(out.text).toBe(expected.stdout);
  });

  it("basicConfig(level, format, stream), named loggers, propagation, handler levels, reprs", async () => {
    const logging = await freshLogging();
    const expected = python(`import logging, sys
logging.basicConfig(level=logging.DEBUG, format='%(levelname)s|%(name)s|%(levelno)s|%(message)s', stream=sys.stdout)
logging.debug('d %s', {'k': 1}); logging.info('%(a)s-%(b)s', {'a': 1, 'b': 2})
app = logging.getLogger('app'); db = logging.getLogger('app.db')
print(db.parent is app, app.parent is logging.root, logging.getLogger('app') is app, repr(db), repr(logging.root))
h = logging.StreamHandler(sys.stdout); h.setLevel(logging.ERROR); h.setFormatter(logging.Formatter('H:%(name)s:%(message)s'))
db.addHandler(h); db.warning('w1'); db.error('e1')
db.propagate = False; db.error('e2'); app.setLevel(logging.CRITICAL); app.error('no'); db.setLevel('INFO')
print(db.getEffectiveLevel(), app.getEffectiveLevel(), logging.getLevelName(25), logging.getLevelName('INFO'), db.isEnabledFor(10))`);
    const L = logging;
    L.basicConfig(kw({ level: L.DEBUG, format: "%(levelname)s|%(name)s|%(levelno)s|%(message)s", stream: standardStreams.stdout }));
    L.debug("d %s", Dict.fromRecord({ k: 1n }));
    L.info("%(a)s-%(b)s", Dict.fromRecord({ a: 1n, b: 2n }));
    const app = L.getLogger("app");
    const db = L.getLogger("app.db");
    out.write(`${repr(db.parent === app)} ${repr(app.parent === L.root)} ${repr(L.getLogger("app") === app)} ${db.__repr__()} ${L.root.__repr__()}\n`);
    const h = L.StreamHandler(standardStreams.stdout);
    h.setLevel(L.ERROR);
    h.setFormatter(L.Formatter("H:%(name)s:%(message)s"));
    db.addHandler(h);
    db.warning("w1");
    db.error("e1");
    db.propagate = false;
    db.error("e2");
    app.setLevel(L.CRITICAL);
    app.error("no");
    db.setLevel("INFO");
    out.write(`${db.getEffectiveLevel()} ${app.getEffectiveLevel()} ${L.getLevelName(25n)} ${L.getLevelName("INFO")} ${repr(db.isEnabledFor(10n))}\n`);
    expect(out.text).toBe(expected);
  });

  it("a logger without handlers anywhere falls back to bare messages on stderr", async () => {
    const logging = await freshLogging();
    const expected = pythonStreams(`${CAPTURE}import logging
lg = logging.getLogger('x'); lg.info('quiet'); lg.warning('loud %s', 1)`);
    const lg = logging.getLogger("x");
    lg.info("quiet");
    lg.warning("loud %s", 1n);
    expect(err.text).toBe(expected.stderr);
  });

  it("asctime with datefmt, and exception() appending the traceback", async () => {
    const logging = await freshLogging();
    logging.basicConfig(kw({ format: "%(asctime)s %(message)s", datefmt: "%Y", stream: standardStreams.stdout }));
    logging.warning("year");
    expect(out.text).toBe(`${new Date().getFullYear()} year\n`);
    const e = new ZeroDivisionError("division by zero");
    logging.exception("boom", kw({ exc_info: e }));
    expect(out.text).toMatch(/year\n\d{4} boom\nTraceback \(most recent call last\):\n(.*\n)*ZeroDivisionError: division by zero\n$/);
  });

  it("default asctime looks like CPython's (milliseconds after a comma)", async () => {
    const logging = await freshLogging();
    logging.basicConfig(kw({ format: "%(asctime)s|%(funcName)s", stream: standardStreams.stdout }));
    logging.warning("t");
    expect(out.text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\|/);
  });

  it("funcName / lineno come from the innermost .py frame the traceback provider reports", async () => {
    const logging = await freshLogging();
    setFrameProvider(() => ['  File "app.py", line 3, in <module>', '  File "app.py", line 7, in main', '  File "runtime/x.ts", line 9, in f']);
    try {
      logging.basicConfig(kw({ format: "%(filename)s:%(module)s:%(funcName)s:%(lineno)d %(message)s", stream: standardStreams.stdout }));
      logging.warning("here");
    } finally {
      setFrameProvider(() => []);
    }
    expect(out.text).toBe("app.py:app:main:7 here\n");
  });
});
