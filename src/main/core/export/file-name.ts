// Windows refuses these as file names, with or without an extension.
const reservedWindowsNames = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_BASE_LENGTH = 120;

/**
 * A file name safe on Windows, macOS and Linux for `title` plus `extension` (without the dot):
 * path separators, `:*?"<>|` and control characters go, blanks collapse, leading and trailing
 * dots and spaces go, reserved Windows device names get a trailing underscore, and the name is
 * kept short. Falls back to `manuscript`.
 */
export function exportFileName(title: string, extension: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    // Other control and bidi-override characters can disguise a name's real extension.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[/\\:*?"<>|]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  // Cut by code points so a surrogate pair is never split; trim again in case the cut left a dot.
  const short = Array.from(cleaned).slice(0, MAX_BASE_LENGTH).join('').replace(/[\s.]+$/, '');
  const base = short === '' ? 'manuscript' : reservedWindowsNames.test(short) ? `${short}_` : short;
  return `${base}.${extension}`;
}
