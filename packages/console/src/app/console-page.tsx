import type { ConsolePath } from "../routing/console-routes.js";
import type { Session } from "../session/session.js";
import { ActivityPage } from "../pages/activity/activity-page.js";
import { DevboxDefaultsPage } from "../pages/devboxes/devbox-defaults-page.js";
import { InstancesPage } from "../pages/instances/instances-page.js";
import { IntegrationsPage } from "../pages/integrations/integrations-page.js";
import { WorkspacePage } from "../pages/workspace/workspace-page.js";

/** The page component for a console path. */
export function ConsolePage(props: { readonly path: ConsolePath; readonly session: Session }) {
  switch (props.path) {
    case "/workspace":
      return <WorkspacePage session={props.session} />;
    case "/integrations":
      return <IntegrationsPage session={props.session} />;
    case "/devboxes":
      return <DevboxDefaultsPage session={props.session} />;
    case "/instances":
      return <InstancesPage session={props.session} />;
    case "/activity":
      return <ActivityPage session={props.session} />;
    default: {
      return props.path satisfies never;
    }
  }
}
