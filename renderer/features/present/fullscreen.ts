/**
 * Full screen when the host allows it. The desktop shell refuses every permission request,
 * 'fullscreen' included, and a browser refuses without a user gesture: presentation mode fills
 * the window with a fixed layout either way, so a refusal is ignored (the native F11 still works).
 */
export function requestFullscreenQuietly(doc: Document = document): void {
  try {
    const el = doc.documentElement;
    if (doc.fullscreenElement || typeof el.requestFullscreen !== 'function') return;
    el.requestFullscreen().catch(() => undefined);
  } catch {
    /* refused synchronously by an older engine: the fixed layout still fills the window */
  }
}

export function leaveFullscreenQuietly(doc: Document = document): void {
  try {
    if (doc.fullscreenElement && typeof doc.exitFullscreen === 'function') doc.exitFullscreen().catch(() => undefined);
  } catch {
    /* nothing to leave */
  }
}
