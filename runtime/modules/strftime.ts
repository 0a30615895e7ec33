// strftime() for `time` and `datetime`, following glibc's C locale (what CPython on Linux
// prints), plus Python's own `%f` (microseconds).

import { DAY_NAMES, MONTH_NAMES, fromOrdinal, toOrdinal } from "./calendar-math.js";
import { pad } from "./callable-class.js";

export interface BrokenDownTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  weekday: number; // 0 = Monday
  yday: number; // 1-based
  /** Offset east of UTC in seconds (fractions allowed); null for a naive datetime (then %z prints nothing). */
  utcOffset: number | null;
  /** Time zone name for %Z ("" for a naive datetime). */
  zoneName: string;
}

function isoWeek(t: BrokenDownTime): [number, number] {
  const ordinal = toOrdinal(t.year, t.month, t.day);
  const thursday = ordinal - t.weekday + 3;
  const isoYear = fromOrdinal(thursday)[0];
  return [isoYear, Math.floor((thursday - toOrdinal(isoYear, 1, 1)) / 7) + 1];
}

/** `%z`: `+HHMM`, with seconds and microseconds only when the offset has them. */
function offsetText(seconds: number | null): string {
  if (seconds === null) return "";
  const sign = seconds < 0 ? "-" : "+";
  const totalUs = Math.round(Math.abs(seconds) * 1e6);
  const micro = totalUs % 1e6;
  const whole = (totalUs - micro) / 1e6;
  let text = sign + pad(Math.floor(whole / 3600)) + pad(Math.floor(whole / 60) % 60);
  if (whole % 60 !== 0 || micro !== 0) text += pad(whole % 60);
  if (micro !== 0) text += "." + pad(micro, 6);
  return text;
}

function field(t: BrokenDownTime, code: string): string | undefined {
  const sundayWeekday = (t.weekday + 1) % 7;
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (code) {
    case "a": return DAY_NAMES[t.weekday]!.slice(0, 3);
    case "A": return DAY_NAMES[t.weekday]!;
    case "b": case "h": return MONTH_NAMES[t.month]!.slice(0, 3);
    case "B": return MONTH_NAMES[t.month]!;
    case "c": return format(t, "%a %b %e %H:%M:%S %Y");
    case "C": return pad(Math.floor(t.year / 100));
    case "d": return pad(t.day);
    case "D": case "x": return format(t, "%m/%d/%y");
    case "e": return String(t.day).padStart(2, " ");
    case "f": return pad(t.microsecond, 6);
    case "F": return format(t, "%Y-%m-%d");
    case "G": return String(isoWeek(t)[0]);
    case "g": return pad(isoWeek(t)[0] % 100);
    case "H": return pad(t.hour);
    case "I": return pad(hour12);
    case "j": return pad(t.yday, 3);
    case "k": return String(t.hour).padStart(2, " ");
    case "l": return String(hour12).padStart(2, " ");
    case "m": return pad(t.month);
    case "M": return pad(t.minute);
    case "n": return "\n";
    case "p": return t.hour < 12 ? "AM" : "PM";
    case "r": return format(t, "%I:%M:%S %p");
    case "R": return format(t, "%H:%M");
    case "S": return pad(t.second);
    case "t": return "\t";
    case "T": case "X": return format(t, "%H:%M:%S");
    case "u": return String(t.weekday + 1);
    case "U": return pad(Math.floor((t.yday - 1 + 7 - sundayWeekday) / 7));
    case "V": return pad(isoWeek(t)[1]);
    case "w": return String(sundayWeekday);
    case "W": return pad(Math.floor((t.yday - 1 + 7 - t.weekday) / 7));
    case "y": return pad(t.year % 100);
    case "Y": return String(t.year);
    case "z": return offsetText(t.utcOffset);
    case "Z": return t.zoneName;
    case "%": return "%";
  }
  return undefined;
}

/** Expands every `%x` code of `pattern`; unknown codes stay as written (glibc does the same). */
export function format(t: BrokenDownTime, pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch !== "%" || i + 1 >= pattern.length) {
      out += ch;
      continue;
    }
    const code = pattern[i + 1]!;
    const text = field(t, code);
    out += text ?? "%" + code;
    i++;
  }
  return out;
}
