// Proleptic Gregorian calendar arithmetic shared by `time` and `datetime`
// (ordinal 1 is 0001-01-01, as in Python's date.toordinal()).

const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const MONTH_NAMES = [
  "", "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
/** Monday first, as Python's weekday() counts. */
export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month]!;
}

function daysBeforeYear(year: number): number {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Day of the year, 1-based. */
export function dayOfYear(year: number, month: number, day: number): number {
  return DAYS_BEFORE_MONTH[month]! + (month > 2 && isLeap(year) ? 1 : 0) + day;
}

export function toOrdinal(year: number, month: number, day: number): number {
  return daysBeforeYear(year) + dayOfYear(year, month, day);
}

export function fromOrdinal(ordinal: number): [number, number, number] {
  // Estimate the year, then correct it; cheap and exact for Python's range (years 1..9999).
  let year = Math.floor((ordinal - 1) / 365.2425) + 1;
  while (daysBeforeYear(year) >= ordinal) year--;
  while (daysBeforeYear(year + 1) < ordinal) year++;
  let rest = ordinal - daysBeforeYear(year);
  let month = 1;
  while (rest > daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month++;
  }
  return [year, month, rest];
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return (toOrdinal(year, month, day) + 6) % 7;
}

/** Ordinal of 1970-01-01, the Unix epoch. */
export const EPOCH_ORDINAL = toOrdinal(1970, 1, 1);
