/** Says why the controls on a page are disabled for a member token. */
export function ReadOnlyNotice(props: { readonly role: string; readonly id?: string }) {
  return (
    <p className="notice notice-info" id={props.id ?? "read-only-reason"}>
      Read-only: your token has the {props.role} role. Ask a workspace admin to make changes.
    </p>
  );
}

/** The element id controls point at with `aria-describedby` when they are disabled. */
export const READ_ONLY_REASON_ID = "read-only-reason";
