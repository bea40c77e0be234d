declare const brand: unique symbol;

/** A string that only the parsing layer can produce, tagged with what it identifies. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };
