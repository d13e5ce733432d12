/**
 * Opens a web address outside the app: in Electron the window-open handler (main/app/security.ts)
 * hands http(s) addresses to the system browser and denies the window; in browser mode it is a
 * new tab. Anything but http(s) is refused here too. Returns false when nothing was opened.
 */
export function openExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  window.open(parsed.href, '_blank', 'noopener,noreferrer');
  return true;
}

/** A name for this device that the writer recognises in the devices list ("Mac", "Windows PC"…). */
export function defaultDeviceName(): string {
  const platform = typeof navigator === 'undefined' ? '' : `${navigator.platform} ${navigator.userAgent}`;
  if (/Mac/i.test(platform)) return 'Mac';
  if (/Win/i.test(platform)) return 'Windows PC';
  if (/CrOS/i.test(platform)) return 'Chromebook';
  if (/Linux/i.test(platform)) return 'Linux computer';
  return 'This computer';
}
