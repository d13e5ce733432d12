/**
 * The longest file name we hand out, in UTF-8 bytes with the extension. Linux and macOS allow
 * 255 bytes (and macOS stores names decomposed, which can make them longer); browsers and save
 * dialogs add " (1)" to a name that exists. 200 leaves room for both.
 */
export const MAX_FILE_NAME_BYTES = 200;

/*
 * Windows opens a device instead of a file for these names, whatever follows the first dot
 * ("nul.txt.md" is NUL) and with trailing spaces ignored. COM and LPT include 0 and the
 * superscript digits ¹²³, which Windows also maps to devices.
 */
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *$/i;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8 = new TextEncoder();

function trimEdges(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, '');
}

function clean(title: string): string {
  return trimEdges(
    title
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      // Other control and bidi-override characters can disguise a name's real extension.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/[/\\:*?"<>|]/g, ' ')
      .replace(/ {2,}/g, ' '),
  );
}

/** `nul.txt` → `nul_.txt`: an underscore after the device part makes it an ordinary name. */
function avoidDevice(name: string): string {
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  if (!windowsDevice.test(head)) return name;
  return `${head.trimEnd()}_${dot === -1 ? '' : name.slice(dot)}`;
}

/** The longest prefix of `name` within `budget` UTF-8 bytes that ends between two user-perceived characters. */
function capBytes(name: string, budget: number): string {
  if (utf8.encode(name).byteLength <= budget) return name;
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(name)) {
    const size = utf8.encode(segment).byteLength;
    if (used + size > budget) break;
    used += size;
    end = index + segment.length;
  }
  return name.slice(0, end);
}

/**
 * A file name safe on Windows, macOS and Linux for `title` plus `extension` (without the dot):
 * path separators, `:*?"<>|` and control characters go, blanks collapse, leading and trailing
 * dots and spaces go, a Windows device name gets an underscore after its device part, and the
 * whole name fits in {@link MAX_FILE_NAME_BYTES} UTF-8 bytes without splitting a character.
 * Falls back to `manuscript`.
 */
export function exportFileName(title: string, extension: string): string {
  const suffix = `.${extension}`;
  const budget = MAX_FILE_NAME_BYTES - utf8.encode(suffix).byteLength;
  // The cut may leave a trailing dot or space, or (with a long cluster after it) a bare device name.
  const base = avoidDevice(trimEdges(capBytes(avoidDevice(clean(title)), budget)));
  return `${base === '' ? 'manuscript' : base}${suffix}`;
}
