/**
 * Calls `onHide` when the page is hidden or unloaded (`visibilitychange` to hidden, `pagehide`:
 * the last moments events can leave) and `onShow` when it is visible again. Returns a function
 * removing the listeners.
 */
export function onPageLifecycle(onHide: () => void, onShow: () => void): () => void {
  if (typeof document === "undefined" || typeof addEventListener !== "function") return () => {};
  const visibility = () => (document.visibilityState === "hidden" ? onHide() : onShow());
  document.addEventListener("visibilitychange", visibility);
  addEventListener("pagehide", onHide);
  return () => {
    document.removeEventListener("visibilitychange", visibility);
    removeEventListener("pagehide", onHide);
  };
}
