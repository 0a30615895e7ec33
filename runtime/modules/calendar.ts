// Python's `calendar`, following Lib/calendar.py (3.11) in the C locale: the date helpers
// (isleap, leapdays, weekday, monthrange, timegm), Calendar's iterators and matrices,
// TextCalendar's and HTMLCalendar's layouts (methods call each other through `this`, so a
// program's subclass overriding formatday or formatweek changes the output as in CPython),
// the module-level functions over a shared TextCalendar, and the localized name sequences.
// Not provided: LocaleTextCalendar/LocaleHTMLCalendar and different_locale (pyts has no
// locale database).

import { IndexError, ValueError } from "../values/exceptions.js";
import { iterable, PyIterator } from "../values/iteration.js";
import { acceptNames, acceptNamesOn, Kwargs, splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { print } from "../values/print.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { addressOf, repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { initInstance } from "../lang/mro.js";
import { shareClassAttributes } from "../lang/objects.js";
import { pyClass } from "./callable-class.js";
import { date } from "./datetime.js";
import { DAY_NAMES, MONTH_NAMES, toOrdinal } from "./calendar-math.js";
import { moduleObject } from "./module-object.js";
import { callMethod } from "../values/methods.js";
import { getitem } from "../values/subscript.js";

export class IllegalMonthError extends ValueError {
  static readonly __module__ = "calendar";
  declare month: unknown;
  constructor(month: unknown) {
    super(month);
    this.month = month;
  }
  __str__(): string {
    return `bad month number ${repr(this.month)}; must be 1-12`;
  }
}

export class IllegalWeekdayError extends ValueError {
  static readonly __module__ = "calendar";
  declare weekday: unknown;
  constructor(weekday: unknown) {
    super(weekday);
    this.weekday = weekday;
  }
  __str__(): string {
    return `bad weekday number ${repr(this.weekday)}; must be 0 (Monday) to 6 (Sunday)`;
  }
}

const MDAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function int(x: unknown): number {
  return Number(toBigInt(x as bigint));
}

const pmod = (a: number, b: number): number => ((a % b) + b) % b;
const fdiv = (a: number, b: number): number => Math.floor(a / b);

function isleapNumber(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isleap(year: unknown): boolean {
  const y = toBigInt(year as bigint);
  return y % 4n === 0n && (y % 100n !== 0n || y % 400n === 0n);
}

function leapdays(y1: unknown, y2: unknown): bigint {
  const a = int(y1) - 1;
  const b = int(y2) - 1;
  return BigInt(fdiv(b, 4) - fdiv(a, 4) - (fdiv(b, 100) - fdiv(a, 100)) + (fdiv(b, 400) - fdiv(a, 400)));
}

function weekdayNumber(year: number, month: number, day: number): number {
  if (!(year >= 1 && year <= 9999)) year = 2000 + pmod(year, 400);
  return Number((new date(BigInt(year), BigInt(month), BigInt(day)).weekday()));
}

function monthlen(year: number, month: number): number {
  return MDAYS[month]! + (month === 2 && isleapNumber(year) ? 1 : 0);
}

function monthrangeNumbers(yearArg: unknown, monthArg: unknown): [number, number] {
  const month = int(monthArg);
  if (!(month >= 1 && month <= 12)) throw new IllegalMonthError(monthArg);
  const year = int(yearArg);
  return [weekdayNumber(year, month, 1), monthlen(year, month)];
}

/** `_localized_month` / `_localized_day`: names by index (C locale), sliceable. */
class NameSequence {
  constructor(
    private readonly names: string[],
    private readonly kind: string,
  ) {}
  __getitem__(i: unknown): unknown {
    if (isIntLike(i)) {
      let k = Number(toBigInt(i));
      if (k < 0) k += this.names.length;
      if (k < 0 || k >= this.names.length) throw new IndexError("list index out of range");
      return this.names[k]!;
    }
    return getitem(this.names.slice(), i);
  }
  __len__(): bigint {
    return BigInt(this.names.length);
  }
  [Symbol.iterator](): Iterator<string> {
    return this.names[Symbol.iterator]();
  }
  __repr__(): string {
    return `<calendar.${this.kind} object at ${addressOf(this)}>`;
  }
}

const month_name = new NameSequence(MONTH_NAMES, "_localized_month");
const month_abbr = new NameSequence(MONTH_NAMES.map((m) => m.slice(0, 3)), "_localized_month");
const day_name = new NameSequence(DAY_NAMES, "_localized_day");
const day_abbr = new NameSequence(DAY_NAMES.map((d) => d.slice(0, 3)), "_localized_day");

function center(s: string, width: number): string {
  return callMethod(s, "center", BigInt(width)) as string;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class Calendar {
  static readonly __module__ = "calendar";
  declare _firstweekday: unknown;

  constructor(...args: unknown[]) {
    initInstance(this, args);
  }

  __init__(...args: unknown[]): null {
    const [[first], kws] = splitKw(args);
    this._firstweekday = first ?? kws.firstweekday ?? 0n;
    return null;
  }

  getfirstweekday(): bigint {
    return BigInt(pmod(int(this._firstweekday), 7));
  }
  setfirstweekday(firstweekday: unknown): null {
    this._firstweekday = firstweekday;
    return null;
  }
  get firstweekday(): bigint {
    return this.getfirstweekday();
  }
  set firstweekday(value: unknown) {
    this.setfirstweekday(value);
  }

  private first(): number {
    return Number(this.firstweekday);
  }

  iterweekdays(): PyIterator<bigint> {
    const first = this.first();
    return new PyIterator(Array.from({ length: 7 }, (_, i) => BigInt((first + i) % 7))[Symbol.iterator]());
  }

  private days3(year: unknown, month: unknown): [number, number, number][] {
    const [day1, ndays] = monthrangeNumbers(year, month);
    const first = this.first();
    const before = pmod(day1 - first, 7);
    const after = pmod(first - day1 - ndays, 7);
    const [y, m] = [int(year), int(month)];
    const out: [number, number, number][] = [];
    const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
    const end = monthlen(py, pm) + 1;
    for (let d = end - before; d < end; d++) out.push([py, pm, d]);
    for (let d = 1; d <= ndays; d++) out.push([y, m, d]);
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    for (let d = 1; d <= after; d++) out.push([ny, nm, d]);
    return out;
  }

  private days(year: unknown, month: unknown): number[] {
    const [day1, ndays] = monthrangeNumbers(year, month);
    const first = this.first();
    const out: number[] = new Array(pmod(day1 - first, 7)).fill(0);
    for (let d = 1; d <= ndays; d++) out.push(d);
    for (let k = pmod(first - day1 - ndays, 7); k > 0; k--) out.push(0);
    return out;
  }

  private days2(year: unknown, month: unknown): Tuple[] {
    const first = this.first();
    return this.days(year, month).map((d, i) => Tuple.from([BigInt(d), BigInt((first + i) % 7)]));
  }

  itermonthdates(year: unknown, month: unknown): PyIterator<date> {
    return new PyIterator(this.days3(year, month).map(([y, m, d]) => new date(BigInt(y), BigInt(m), BigInt(d)))[Symbol.iterator]());
  }
  itermonthdays(year: unknown, month: unknown): PyIterator<bigint> {
    return new PyIterator(this.days(year, month).map(BigInt)[Symbol.iterator]());
  }
  itermonthdays2(year: unknown, month: unknown): PyIterator<Tuple> {
    return new PyIterator(this.days2(year, month)[Symbol.iterator]());
  }
  itermonthdays3(year: unknown, month: unknown): PyIterator<Tuple> {
    return new PyIterator(this.days3(year, month).map((t) => Tuple.from(t.map(BigInt)))[Symbol.iterator]());
  }
  itermonthdays4(year: unknown, month: unknown): PyIterator<Tuple> {
    const first = this.first();
    return new PyIterator(this.days3(year, month).map((t, i) => Tuple.from([...t.map(BigInt), BigInt((first + i) % 7)]))[Symbol.iterator]());
  }

  monthdatescalendar(year: unknown, month: unknown): date[][] {
    return chunks(Array.from(this.itermonthdates(year, month)), 7);
  }
  monthdays2calendar(year: unknown, month: unknown): Tuple[][] {
    return chunks(this.days2(year, month), 7);
  }
  monthdayscalendar(year: unknown, month: unknown): bigint[][] {
    return chunks(this.days(year, month).map(BigInt), 7);
  }
  yeardatescalendar(year: unknown, width: unknown = 3n): date[][][][] {
    return chunks(Array.from({ length: 12 }, (_, i) => this.monthdatescalendar(year, BigInt(i + 1))), Math.max(1, int(width)));
  }
  yeardays2calendar(year: unknown, width: unknown = 3n): Tuple[][][][] {
    return chunks(Array.from({ length: 12 }, (_, i) => this.monthdays2calendar(year, BigInt(i + 1))), Math.max(1, int(width)));
  }
  yeardayscalendar(year: unknown, width: unknown = 3n): bigint[][][][] {
    return chunks(Array.from({ length: 12 }, (_, i) => this.monthdayscalendar(year, BigInt(i + 1))), Math.max(1, int(width)));
  }
}

/** `formatstring`: columns centered in colwidth, joined by `spacing` spaces. */
function formatstring(cols: Iterable<unknown>, colwidth: unknown = 20n, spacing: unknown = 6n): string {
  const sep = " ".repeat(Math.max(0, int(spacing)));
  return Array.from(cols, (c) => center(c as string, int(colwidth))).join(sep);
}

function pair(x: unknown): [unknown, unknown] {
  const t = Array.from(iterable(x));
  return [t[0], t[1]];
}

export class TextCalendar extends Calendar {
  prweek(theweek: unknown, width: unknown): null {
    print(this.formatweek(theweek, width), new EndKw());
    return null;
  }

  formatday(day: unknown, _weekday: unknown, width: unknown): string {
    const s = int(day) === 0 ? "" : String(int(day)).padStart(2, " ");
    return center(s, int(width));
  }

  formatweek(theweek: unknown, width: unknown): string {
    return Array.from(iterable(theweek), (item) => {
      const [d, wd] = pair(item);
      return this.formatday(d, wd, width);
    }).join(" ");
  }

  formatweekday(day: unknown, width: unknown): string {
    const w = int(width);
    const names = w >= 9 ? day_name : day_abbr;
    return center((names.__getitem__(day) as string).slice(0, w), w);
  }

  formatweekheader(width: unknown): string {
    return Array.from(this.iterweekdays(), (i) => this.formatweekday(i, width)).join(" ");
  }

  formatmonthname(theyear: unknown, themonth: unknown, width: unknown, withyear: unknown = true): string {
    let s = month_name.__getitem__(themonth) as string;
    if (truthy(withyear)) s = `${s} ${repr(theyear)}`;
    return center(s, int(width));
  }

  prmonth(theyear: unknown, themonth: unknown, w: unknown = 0n, l: unknown = 0n): null {
    print(this.formatmonth(theyear, themonth, w, l), new EndKw());
    return null;
  }

  formatmonth(theyear: unknown, themonth: unknown, wArg: unknown = 0n, lArg: unknown = 0n): string {
    const w = Math.max(2, int(wArg));
    const l = Math.max(1, int(lArg));
    const nl = "\n".repeat(l);
    let s = this.formatmonthname(theyear, themonth, BigInt(7 * (w + 1) - 1)).trimEnd();
    s += nl;
    s += this.formatweekheader(BigInt(w)).trimEnd();
    s += nl;
    for (const week of this.monthdays2calendar(theyear, themonth)) {
      s += this.formatweek(week, BigInt(w)).trimEnd();
      s += nl;
    }
    return s;
  }

  formatyear(theyear: unknown, wArg: unknown = 2n, lArg: unknown = 1n, cArg: unknown = 6n, mArg: unknown = 3n): string {
    const w = Math.max(2, int(wArg));
    const l = Math.max(1, int(lArg));
    const c = Math.max(2, int(cArg));
    const m = int(mArg);
    const colwidth = (w + 1) * 7 - 1;
    const nl = "\n".repeat(l);
    const v: string[] = [center(repr(theyear), colwidth * m + c * (m - 1)).trimEnd(), nl];
    const header = this.formatweekheader(BigInt(w));
    this.yeardays2calendar(theyear, BigInt(m)).forEach((row, i) => {
      const months: number[] = [];
      for (let k = m * i + 1; k < Math.min(m * (i + 1) + 1, 13); k++) months.push(k);
      v.push(nl);
      v.push(formatstring(months.map((k) => this.formatmonthname(theyear, BigInt(k), BigInt(colwidth), false)), BigInt(colwidth), BigInt(c)).trimEnd());
      v.push(nl);
      v.push(formatstring(months.map(() => header), BigInt(colwidth), BigInt(c)).trimEnd());
      v.push(nl);
      const height = Math.max(...row.map((cal) => cal.length));
      for (let j = 0; j < height; j++) {
        const weeks = row.map((cal) => (j >= cal.length ? "" : this.formatweek(cal[j], BigInt(w))));
        v.push(formatstring(weeks, BigInt(colwidth), BigInt(c)).trimEnd());
        v.push(nl);
      }
    });
    return v.join("");
  }

  pryear(theyear: unknown, w: unknown = 0n, l: unknown = 0n, c: unknown = 6n, m: unknown = 3n): null {
    print(this.formatyear(theyear, w, l, c, m), new EndKw());
    return null;
  }
}

/** The `end=''` of CPython's print calls here. */
class EndKw extends Kwargs {
  constructor() {
    super(Object.assign(Object.create(null) as Record<string, unknown>, { end: "" }));
  }
}

const CSS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export class HTMLCalendar extends Calendar {
  static cssclasses: unknown = CSS.slice();
  static cssclasses_weekday_head: unknown = HTMLCalendar.cssclasses;
  static cssclass_noday: unknown = "noday";
  static cssclass_month_head: unknown = "month";
  static cssclass_month: unknown = "month";
  static cssclass_year_head: unknown = "year";
  static cssclass_year: unknown = "year";
  static {
    // (class attributes, read through instances and replaceable by subclasses)
    shareClassAttributes(this, ["cssclasses", "cssclasses_weekday_head", "cssclass_noday", "cssclass_month_head", "cssclass_month", "cssclass_year_head", "cssclass_year"]);
  }
  declare cssclasses: unknown;
  declare cssclasses_weekday_head: unknown;
  declare cssclass_noday: unknown;
  declare cssclass_month_head: unknown;
  declare cssclass_month: unknown;
  declare cssclass_year_head: unknown;
  declare cssclass_year: unknown;

  /** A class attribute, read through the instance's class (a subclass may override it). */
  private css(name: string): any {
    const own = (this as Record<string, unknown>)[name];
    return own !== undefined ? own : (this.constructor as unknown as Record<string, unknown>)[name];
  }

  formatday(day: unknown, weekday: unknown): string {
    if (int(day) === 0) return `<td class="${this.css("cssclass_noday")}">&nbsp;</td>`;
    return `<td class="${getitem(this.css("cssclasses"), weekday)}">${int(day)}</td>`;
  }

  formatweek(theweek: unknown): string {
    const s = Array.from(iterable(theweek), (item) => {
      const [d, wd] = pair(item);
      return this.formatday(d, wd);
    }).join("");
    return `<tr>${s}</tr>`;
  }

  formatweekday(day: unknown): string {
    return `<th class="${getitem(this.css("cssclasses_weekday_head"), day)}">${day_abbr.__getitem__(day)}</th>`;
  }

  formatweekheader(): string {
    return `<tr>${Array.from(this.iterweekdays(), (i) => this.formatweekday(i)).join("")}</tr>`;
  }

  formatmonthname(theyear: unknown, themonth: unknown, withyear: unknown = true): string {
    const name = month_name.__getitem__(themonth) as string;
    const s = truthy(withyear) ? `${name} ${toStr(theyear)}` : name;
    return `<tr><th colspan="7" class="${this.css("cssclass_month_head")}">${s}</th></tr>`;
  }

  formatmonth(...args: unknown[]): string {
    const [[theyear, themonth, withyearArg], kws] = splitKw(args);
    const withyear = withyearArg ?? kws.withyear ?? true;
    const v = [`<table border="0" cellpadding="0" cellspacing="0" class="${this.css("cssclass_month")}">`, "\n"];
    v.push(this.formatmonthname(theyear, themonth, withyear), "\n");
    v.push(this.formatweekheader(), "\n");
    for (const week of this.monthdays2calendar(theyear, themonth)) v.push(this.formatweek(week), "\n");
    v.push("</table>", "\n");
    return v.join("");
  }

  formatyear(theyear: unknown, widthArg: unknown = 3n): string {
    const width = Math.max(int(widthArg), 1);
    const v = [`<table border="0" cellpadding="0" cellspacing="0" class="${this.css("cssclass_year")}">`, "\n"];
    v.push(`<tr><th colspan="${width}" class="${this.css("cssclass_year_head")}">${int(theyear)}</th></tr>`);
    for (let i = 1; i < 13; i += width) {
      v.push("<tr>");
      for (let m = i; m < Math.min(i + width, 13); m++) v.push("<td>", this.formatmonth(theyear, BigInt(m), false), "</td>");
      v.push("</tr>");
    }
    v.push("</table>");
    return v.join("");
  }

  formatyearpage(...args: unknown[]): Bytes {
    const [[theyear, width, cssArg, encodingArg], kws] = splitKw(args);
    const encoding = (encodingArg ?? kws.encoding ?? "utf-8") as string;
    const css = cssArg !== undefined ? cssArg : kws.css !== undefined ? kws.css : "calendar.css";
    const v = [`<?xml version="1.0" encoding="${encoding}"?>\n`, '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n', "<html>\n", "<head>\n"];
    v.push(`<meta http-equiv="Content-Type" content="text/html; charset=${encoding}" />\n`);
    if (css !== null) v.push(`<link rel="stylesheet" type="text/css" href="${css}" />\n`);
    v.push(`<title>Calendar for ${int(theyear)}</title>\n`, "</head>\n", "<body>\n", this.formatyear(theyear, width ?? kws.width ?? 3n), "</body>\n", "</html>\n");
    return callMethod(v.join(""), "encode", encoding, "xmlcharrefreplace") as Bytes;
  }
}

// Their parameters may be named (`formatmonth(2025, 3, w=3)`), as CPython's defs allow.
acceptNamesOn(Calendar.prototype, {
  yeardatescalendar: ["year", "width"],
  yeardays2calendar: ["year", "width"],
  yeardayscalendar: ["year", "width"],
});
acceptNamesOn(TextCalendar.prototype, {
  formatmonthname: ["theyear", "themonth", "width", "withyear"],
  prmonth: ["theyear", "themonth", "w", "l"],
  formatmonth: ["theyear", "themonth", "w", "l"],
  formatyear: ["theyear", "w", "l", "c", "m"],
  pryear: ["theyear", "w", "l", "c", "m"],
});
acceptNamesOn(HTMLCalendar.prototype, {
  formatday: ["day", "weekday"],
  formatweek: ["theweek"],
  formatweekday: ["day"],
  formatmonthname: ["theyear", "themonth", "withyear"],
  formatyear: ["theyear", "width"],
});

const shared = new TextCalendar();

function setfirstweekday(firstweekday: unknown): null {
  const n = toBigInt(firstweekday as bigint);
  if (!(n >= 0n && n <= 6n)) throw new IllegalWeekdayError(firstweekday);
  shared.firstweekday = firstweekday;
  return null;
}

const EPOCH_ORD = toOrdinal(1970, 1, 1);

function timegm(tuple: unknown): bigint {
  const [year, month, day, hour, minute, second] = Array.from(iterable(tuple)).slice(0, 6);
  // date() checks the year and month as CPython's does.
  const days = BigInt(new date(year, month, 1n).toordinal()) - BigInt(EPOCH_ORD) + toBigInt(day as bigint) - 1n;
  return ((days * 24n + toBigInt(hour as bigint)) * 60n + toBigInt(minute as bigint)) * 60n + toBigInt(second as bigint);
}

export const calendarModule = moduleObject("calendar", {
  // the module's own TextCalendar, behind its month/calendar/prmonth functions
  c: shared,
  IllegalMonthError,
  IllegalWeekdayError,
  error: ValueError,
  Calendar: pyClass(Calendar),
  TextCalendar: pyClass(TextCalendar),
  HTMLCalendar: pyClass(HTMLCalendar),
  isleap,
  leapdays,
  weekday: (year: unknown, month: unknown, day: unknown): bigint => BigInt(weekdayNumber(int(year), int(month), int(day))),
  monthrange: (year: unknown, month: unknown): Tuple => Tuple.from(monthrangeNumbers(year, month).map(BigInt)),
  setfirstweekday,
  firstweekday: (): bigint => shared.getfirstweekday(),
  monthcalendar: (year: unknown, month: unknown): bigint[][] => shared.monthdayscalendar(year, month),
  prweek: (theweek: unknown, width: unknown): null => shared.prweek(theweek, width),
  week: (theweek: unknown, width: unknown): string => shared.formatweek(theweek, width),
  weekheader: (width: unknown): string => shared.formatweekheader(width),
  prmonth: acceptNames(function prmonth(theyear: unknown, themonth: unknown, w: unknown = 0n, l: unknown = 0n): null {
    return shared.prmonth(theyear, themonth, w, l);
  }, ["theyear", "themonth", "w", "l"]),
  month: acceptNames(function month(theyear: unknown, themonth: unknown, w: unknown = 0n, l: unknown = 0n): string {
    return shared.formatmonth(theyear, themonth, w, l);
  }, ["theyear", "themonth", "w", "l"]),
  calendar: acceptNames(function calendar(theyear: unknown, w: unknown = 2n, l: unknown = 1n, c: unknown = 6n, m: unknown = 3n): string {
    return shared.formatyear(theyear, w, l, c, m);
  }, ["theyear", "w", "l", "c", "m"]),
  prcal: acceptNames(function prcal(theyear: unknown, w: unknown = 0n, l: unknown = 0n, c: unknown = 6n, m: unknown = 3n): null {
    return shared.pryear(theyear, w, l, c, m);
  }, ["theyear", "w", "l", "c", "m"]),
  format: (cols: unknown, colwidth: unknown = 20n, spacing: unknown = 6n): null => {
    print(formatstring(iterable(cols), colwidth, spacing));
    return null;
  },
  formatstring: (cols: unknown, colwidth: unknown = 20n, spacing: unknown = 6n): string => formatstring(iterable(cols), colwidth, spacing),
  timegm,
  month_name,
  month_abbr,
  day_name,
  day_abbr,
  mdays: MDAYS.map(BigInt),
  January: 1n,
  February: 2n,
  EPOCH: 1970n,
  MONDAY: 0n,
  TUESDAY: 1n,
  WEDNESDAY: 2n,
  THURSDAY: 3n,
  FRIDAY: 4n,
  SATURDAY: 5n,
  SUNDAY: 6n,
});
