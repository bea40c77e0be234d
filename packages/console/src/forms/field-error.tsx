/** The problems of one form field, announced politely as they change; `id` is the field's describedby. */
export function FieldError(props: { readonly id: string; readonly messages: readonly string[] }) {
  return (
    <div className="field-error" id={props.id} aria-live="polite">
      {props.messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
