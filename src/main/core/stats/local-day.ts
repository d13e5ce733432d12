/**
 * The local calendar day of a moment, `YYYY-MM-DD`, in the time zone of the process. The core
 * runs on the writer's machine (the desktop app's main process, or the browser mode's server
 * beside the browser), so its local day is the writer's.
 */
export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
