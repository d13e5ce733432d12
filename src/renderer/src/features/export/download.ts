import type { ExportFile } from '../../../../shared/models/export';

/** Decodes base64 into bytes (atob gives a binary string; one byte per character). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands an exported file to the user as a download. An <a download> on a blob URL works in
 * Chromium and in Electron (which shows its save dialog or saves to Downloads).
 */
export function downloadFile(file: ExportFile): void {
  saveBlob(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }), file.fileName);
}

/** Hands a text the core produced (an audit log as JSON) to the user as a download, like {@link downloadFile}. */
export function downloadText(fileName: string, text: string, mimeType = 'application/json'): void {
  saveBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName);
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download starts asynchronously and still needs the URL for a moment.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "23 KB", "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
