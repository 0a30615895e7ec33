// calendar's locale-aware calendars and `different_locale`: the weekday and month names are
// formatted with LC_TIME switched to the calendar's locale and then restored, through pyts's
// locale module, which provides the C locale only (so the names are the English ones, and a
// locale it does not have raises locale.Error when the calendar formats a name).

import { splitKw } from "../values/kwargs.js";
import { localeModule } from "./locale.js";
import { calendarModule, HTMLCalendar, TextCalendar } from "./calendar.js";
import { pyClass } from "./callable-class.js";

const LC_TIME = 2n;
const setlocale = (value: unknown): string => (localeModule.setlocale as (c: unknown, v: unknown) => string)(LC_TIME, value);

/** `calendar.different_locale(locale)`: LC_TIME set to `locale` inside the `with`. */
export class different_locale {
  static readonly __module__ = "calendar";
  locale: unknown;
  oldlocale: unknown = null;
  constructor(locale: unknown) {
    this.locale = locale;
  }
  __enter__(): null {
    this.oldlocale = setlocale(null);
    setlocale(this.locale);
    return null;
  }
  __exit__(..._args: unknown[]): null {
    if (this.oldlocale !== null) setlocale(this.oldlocale);
    return null;
  }
}

function inLocale<T>(locale: unknown, body: () => T): T {
  const switched = new different_locale(locale);
  switched.__enter__();
  try {
    return body();
  } finally {
    switched.__exit__();
  }
}

/** The (firstweekday=0, locale=None) arguments; None means LC_TIME's current setting. */
function localeArgs(args: unknown[]): [unknown, unknown] {
  const [pos, kws] = splitKw(args);
  const first = pos[0] ?? kws.firstweekday ?? 0n;
  const locale = pos[1] ?? kws.locale ?? null;
  return [first, locale === null ? setlocale(null) : locale];
}

/** `LocaleTextCalendar(firstweekday=0, locale=None)`. */
export class LocaleTextCalendar extends TextCalendar {
  static readonly __module__ = "calendar";
  locale: unknown;
  constructor(...args: unknown[]) {
    const [first, locale] = localeArgs(args);
    super(first);
    this.locale = locale;
  }
  override formatweekday(day: unknown, width: unknown): string {
    return inLocale(this.locale, () => super.formatweekday(day, width));
  }
  override formatmonthname(theyear: unknown, themonth: unknown, width: unknown, withyear: unknown = true): string {
    return inLocale(this.locale, () => super.formatmonthname(theyear, themonth, width, withyear));
  }
}

/** `LocaleHTMLCalendar(firstweekday=0, locale=None)`. */
export class LocaleHTMLCalendar extends HTMLCalendar {
  static readonly __module__ = "calendar";
  locale: unknown;
  constructor(...args: unknown[]) {
    const [first, locale] = localeArgs(args);
    super(first);
    this.locale = locale;
  }
  override formatweekday(day: unknown): string {
    return inLocale(this.locale, () => super.formatweekday(day));
  }
  override formatmonthname(theyear: unknown, themonth: unknown, withyear: unknown = true): string {
    return inLocale(this.locale, () => super.formatmonthname(theyear, themonth, withyear));
  }
}

/** The calendar module with these names added (stdlib.ts exports this one). */
export const calendarLocaleModule = Object.defineProperties(calendarModule, {
  LocaleTextCalendar: { value: pyClass(LocaleTextCalendar), enumerable: true, configurable: true, writable: true },
  LocaleHTMLCalendar: { value: pyClass(LocaleHTMLCalendar), enumerable: true, configurable: true, writable: true },
  different_locale: { value: pyClass(different_locale), enumerable: true, configurable: true, writable: true },
}) as typeof calendarModule & {
  LocaleTextCalendar: ReturnType<typeof pyClass<typeof LocaleTextCalendar>>;
  LocaleHTMLCalendar: ReturnType<typeof pyClass<typeof LocaleHTMLCalendar>>;
  different_locale: ReturnType<typeof pyClass<typeof different_locale>>;
};
