// calendar.main(args): the command line of `python -m calendar` as Lib/calendar.py parses it
// (argparse, args[0] being the program), printing a month or a year as text, or a year as an
// HTML page (bytes written to sys.stdout.buffer).

import { int } from "../values/builtin-types.js";
import { kw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { getattr } from "../values/builtin-functions.js";
import { standardStreams, StdStream } from "../values/print.js";
import { nodeModule } from "../core/host.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { argparseModule } from "./argparse.js";
import { calendarLocaleModule } from "./calendar-locale.js";
import { callValue } from "./pycall.js";

/** sys.stdout.buffer.write(data): the process's stdout takes the bytes on its descriptor. */
function writeBytes(data: unknown): void {
  const out = standardStreams.stdout;
  if (out instanceof StdStream) {
    nodeModule("node:fs").writeSync(Number(out.fileno()), data as Uint8Array);
    return;
  }
  callMethod(getattr(out, "buffer"), "write", data);
}

function todayYear(): bigint {
  return BigInt(new Date().getFullYear());
}

function main(args: unknown): null {
  const parser = callValue(argparseModule.ArgumentParser);
  const textgroup = callMethod(parser, "add_argument_group", "text only arguments");
  const htmlgroup = callMethod(parser, "add_argument_group", "html only arguments");
  callMethod(textgroup, "add_argument", "-w", "--width", kw({ type: int, default: 2n, help: "width of date column (default 2)" }));
  callMethod(textgroup, "add_argument", "-l", "--lines", kw({ type: int, default: 1n, help: "number of lines for each week (default 1)" }));
  callMethod(textgroup, "add_argument", "-s", "--spacing", kw({ type: int, default: 6n, help: "spacing between months (default 6)" }));
  callMethod(textgroup, "add_argument", "-m", "--months", kw({ type: int, default: 3n, help: "months per row (default 3)" }));
  callMethod(htmlgroup, "add_argument", "-c", "--css", kw({ default: "calendar.css", help: "CSS to use for page" }));
  callMethod(parser, "add_argument", "-L", "--locale", kw({ default: null, help: "locale to be used from month and weekday names" }));
  callMethod(parser, "add_argument", "-e", "--encoding", kw({ default: null, help: "encoding to use for output" }));
  callMethod(parser, "add_argument", "-t", "--type", kw({ default: "text", choices: new Tuple(["text", "html"]), help: "output type (text or html)" }));
  callMethod(parser, "add_argument", "year", kw({ nargs: "?", type: int, help: "year number (1-9999)" }));
  callMethod(parser, "add_argument", "month", kw({ nargs: "?", type: int, help: "month number (1-12, text only)" }));
  const options = callMethod(parser, "parse_args", [...(args as Iterable<unknown>)].slice(1));
  const option = (name: string): any => getattr(options, name);
  if (truthy(option("locale")) && !truthy(option("encoding"))) callMethod(parser, "error", "if --locale is specified --encoding is required");
  const locale = new Tuple([option("locale"), option("encoding")]);
  const year = option("year");
  const month = option("month");
  if (option("type") === "html") {
    const cal = truthy(option("locale")) ? callValue(calendarLocaleModule.LocaleHTMLCalendar, kw({ locale })) : callValue(calendarLocaleModule.HTMLCalendar);
    const encoding = option("encoding") ?? "utf-8";
    if (year !== null && month !== null) callMethod(parser, "error", "incorrect number of arguments");
    const page = callMethod(cal, "formatyearpage", year ?? todayYear(), kw({ encoding, css: option("css") }));
    writeBytes(page);
    return null;
  }
  const cal = truthy(option("locale")) ? callValue(calendarLocaleModule.LocaleTextCalendar, kw({ locale })) : callValue(calendarLocaleModule.TextCalendar);
  const layout: Record<string, unknown> = { w: option("width"), l: option("lines") };
  if (month === null) Object.assign(layout, { c: option("spacing"), m: option("months") });
  const result =
    year !== null && month !== null
      ? callMethod(cal, "formatmonth", year, month, kw(layout))
      : callMethod(cal, "formatyear", year ?? todayYear(), kw(layout));
  if (truthy(option("encoding"))) writeBytes(callMethod(result, "encode", option("encoding")));
  else callMethod(standardStreams.stdout, "write", result);
  return null;
}

/** The calendar module with main added (stdlib.ts exports this one). */
export const calendarMainModule = Object.defineProperties(calendarLocaleModule, {
  main: { value: main, enumerable: true, configurable: true, writable: true },
}) as typeof calendarLocaleModule & { main: typeof main };
