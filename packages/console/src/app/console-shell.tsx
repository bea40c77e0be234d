import type { MouseEvent, ReactNode } from "react";
import { CONSOLE_ROUTES, type ConsolePath } from "../routing/console-routes.js";
import type { Session } from "../session/session.js";

/** Header, navigation and the signed-in page. */
export function ConsoleShell(props: {
  readonly session: Session;
  readonly path: ConsolePath;
  readonly onNavigate: (path: ConsolePath) => void;
  readonly onSignOut: () => void;
  readonly children: ReactNode;
}) {
  const { workspace } = props.session;
  const follow = (path: ConsolePath) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    props.onNavigate(path);
    // Move keyboard and screen-reader focus to the new page, as a full page load would.
    document.getElementById("main")?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">nsc console</span>
        <span className="who">
          <span className="workspace-name">{workspace.name}</span>
          <span className="role-badge">{workspace.role}</span>
        </span>
        <button type="button" className="small" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="nav" aria-label="Console">
        <ul>
          {CONSOLE_ROUTES.map((route) => (
            <li key={route.path}>
              <a
                href={route.path}
                aria-current={route.path === props.path ? "page" : undefined}
                onClick={follow(route.path)}
              >
                {route.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
