import { useCallback, useEffect, useState } from "react";
import { routeFor, type ConsolePath } from "./console-routes.js";

/**
 * History-based routing without a library: the current console page, and a function that moves to
 * another one (pushing a history entry so Back works).
 */
export function usePath(): [ConsolePath, (path: ConsolePath) => void] {
  const [path, setPath] = useState<ConsolePath>(() => routeFor(window.location.pathname));
  useEffect(() => {
    const onPop = (): void => {
      setPath(routeFor(window.location.pathname));
    };
    window.addEventListener("popstate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
    };
  }, []);
  const navigate = useCallback((next: ConsolePath) => {
    if (window.location.pathname !== next) window.history.pushState(null, "", next);
    setPath(next);
  }, []);
  return [path, navigate];
}
