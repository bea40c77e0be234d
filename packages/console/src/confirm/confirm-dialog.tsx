import { useEffect, useId, useRef } from "react";

/**
 * A modal question with a confirm and a cancel button. Escape and Cancel call `onCancel`; focus starts on
 * Cancel so a stray Enter does not destroy anything.
 */
export function ConfirmDialog(props: {
  readonly question: string;
  readonly detail?: string;
  readonly confirmLabel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const detailId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return undefined;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      dialog.close();
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={titleId}
      aria-describedby={props.detail === undefined ? undefined : detailId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.question}</h2>
      {props.detail === undefined ? null : <p id={detailId}>{props.detail}</p>}
      <div className="actions">
        <button type="button" ref={cancelRef} onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={props.busy === true} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
