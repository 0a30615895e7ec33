// Rich comparisons from one three-way `compare`, for the value types of datetime.
import { NotImplementedValue } from "./callable-class.js";

/** `compare` gives -1/0/1, or undefined when the other value is of a kind it cannot order. */
export abstract class Ordered {
  protected abstract compare(other: unknown): number | undefined;

  __eq__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c === 0;
  }
  __ne__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c !== 0;
  }
  __lt__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c < 0;
  }
  __le__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c <= 0;
  }
  __gt__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c > 0;
  }
  __ge__(other: unknown): any {
    const c = this.compare(other);
    return c === undefined ? NotImplementedValue : c >= 0;
  }
}
