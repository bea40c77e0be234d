declare const jsonOf: unique symbol;

/**
 * The JSON text of a `T`, as stored in a TEXT column. Only {@link toJsonColumn} makes one, and every
 * column of this type is written only with it, so reading the column back gives a `T`: the row is
 * parsed at the storage edge, and the code above sees typed values.
 */
export type JsonColumn<T> = string & { readonly [jsonOf]: T };

/** Serialises a value for a {@link JsonColumn}. */
export function toJsonColumn<T>(value: T): JsonColumn<T> {
  return JSON.stringify(value) as JsonColumn<T>;
}

/** Reads a {@link JsonColumn} back; the column's type says what it holds. */
export function fromJsonColumn<T>(text: JsonColumn<T>): T {
  return JSON.parse(text) as T;
}
