/** Names Windows reserves for devices, with or without an extension (`CON`, `con.mp4`, `COM1`…). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
/** Characters no file name may hold on one of Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Room for " (999)" and an extension within the 255 bytes every file system allows. */
const MAX_BASE_BYTES = 200;

/**
 * A file name base (no extension) that is valid on Windows, macOS and Linux: forbidden
 * characters become dashes, no leading dot (hidden) or trailing dot/space (Windows
 * drops them), no device names, at most 200 UTF-8 bytes, never empty.
 */
export function safeFileBase(name: string, fallback = 'Video'): string {
  let base = name.normalize('NFC').replace(FORBIDDEN, '-').replace(/\s+/g, ' ');
  base = base.replace(/^[\s.]+/, '');
  base = truncateUtf8(base, MAX_BASE_BYTES);
  base = base.replace(/[\s.]+$/, '');
  if (base === '') return fallback;
  if (RESERVED.test(base)) base = `_${base}`;
  return base;
}

/** A file extension kept only when it is plain (`.mp4`), lower-cased. */
export function safeExtension(extension: string): string {
  const lower = extension.toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(lower) ? lower : '';
}

/** Cuts at a code point boundary so the UTF-8 form has at most `maxBytes` bytes. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}
