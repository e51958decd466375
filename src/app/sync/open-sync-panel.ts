/**
 * Opens the sync panel under the header's sync status, where a device connects to the venue
 * server (the organizer's claim or login, the projector's code), and moves the focus there: the
 * way a screen that needs a login points to that step.
 */
export function openSyncPanel(): void {
  const panel = document.querySelector<HTMLDetailsElement>('details.sync-status');
  if (!panel) return;
  panel.open = true;
  panel.querySelector('summary')?.focus();
  panel.scrollIntoView?.({ block: 'start' });
}
