import { useCallback, useEffect, useState } from "react";

/** What a page knows about data it asked for. */
export type Load<T> =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly data: T }
  | { readonly status: "error"; readonly error: unknown };

/**
 * Loads data when the component mounts and whenever `reload` is called; `replace` sets data that a write
 * answered with, without another round trip. `load` must be stable (wrap it in `useCallback`).
 */
export function useLoad<T>(load: () => Promise<T>): {
  readonly state: Load<T>;
  readonly reload: () => Promise<void>;
  readonly replace: (data: T) => void;
} {
  const [state, setState] = useState<Load<T>>({ status: "loading" });
  const run = useCallback(async (): Promise<void> => {
    try {
      const data = await load();
      setState({ status: "ready", data });
    } catch (error) {
      setState({ status: "error", error });
    }
  }, [load]);
  useEffect(() => {
    setState({ status: "loading" });
    void run();
  }, [run]);
  const replace = useCallback((data: T) => {
    setState({ status: "ready", data });
  }, []);
  return { state, reload: run, replace };
}
