/**
 * Copies text to the clipboard. The Clipboard API needs a secure context; on plain http from another host
 * a hidden textarea and the older copy command do the job.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && "clipboard" in navigator) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall through to the older way.
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only way outside a secure context
    copied = document.execCommand("copy");
  } finally {
    area.remove();
  }
  return copied;
}
