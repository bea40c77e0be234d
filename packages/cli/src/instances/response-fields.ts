import { NscError } from "@nsc/core/errors/nsc-error.js";

/**
 * Reads fields of a JSON object from the server, failing with `unexpected_response` naming the field when
 * one is missing or of the wrong type (a server of another version, or not an nsc server).
 */
export class ResponseFields {
  readonly #value: Readonly<Record<string, unknown>>;
  readonly #what: string;

  constructor(value: unknown, what: string) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new NscError("unexpected_response", `the server's ${what} is not a JSON object`);
    }
    this.#value = value as Readonly<Record<string, unknown>>;
    this.#what = what;
  }

  #fail(name: string, expected: string): never {
    throw new NscError(
      "unexpected_response",
      `the server's ${this.#what} has no valid "${name}" (${expected} expected): is the CLI the same version as the server?`,
    );
  }

  /** The object's own field names, in the server's order. */
  keys(): readonly string[] {
    return Object.keys(this.#value);
  }

  /** The raw value of a field. */
  raw(name: string): unknown {
    return this.#value[name];
  }

  string(name: string): string {
    const value = this.#value[name];
    return typeof value === "string" ? value : this.#fail(name, "a string");
  }

  nullableString(name: string): string | null {
    const value = this.#value[name] ?? null;
    return value === null || typeof value === "string" ? value : this.#fail(name, "a string or null");
  }

  optionalString(name: string): string | undefined {
    const value = this.#value[name];
    return value === undefined || typeof value === "string" ? value : this.#fail(name, "a string");
  }

  boolean(name: string): boolean {
    const value = this.#value[name];
    return typeof value === "boolean" ? value : this.#fail(name, "true or false");
  }

  strings(name: string): readonly string[] {
    const value = this.#value[name];
    if (!Array.isArray(value)) return this.#fail(name, "a list of strings");
    const items: unknown[] = value;
    return items.every((item) => typeof item === "string") ? items : this.#fail(name, "a list of strings");
  }

  nullableStrings(name: string): readonly string[] | null {
    return (this.#value[name] ?? null) === null ? null : this.strings(name);
  }

  /** A string that must be one of `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.#value[name];
    return typeof value === "string" && (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.#fail(name, `one of ${allowed.join(", ")}`);
  }

  /** A nested object, read with its own fields. */
  object(name: string): ResponseFields {
    const value = this.#value[name];
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return this.#fail(name, "an object");
    }
    return new ResponseFields(value, `${this.#what} ${name}`);
  }
}
