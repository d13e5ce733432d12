import { Upload, X } from 'lucide-react';
import { useRef, type JSX } from 'react';
import type { MediaAsset, MediaAssetKind } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, IconButton, ProgressBar } from '../../ui';
import { formatBytes } from './script-figures';

export interface AssetImportProps {
  projectId: string;
  kind: MediaAssetKind;
  /** Where this import shows its progress (one per scene, one for the music). */
  slot: string;
  label: string;
  onImported(asset: MediaAsset): void;
  'data-testid'?: string;
}

/**
 * Imports one of the writer's files: a button opening the system's file picker (images or audio),
 * then the upload's progress bar, or why it failed.
 */
export function AssetImport({ projectId, kind, slot, label, onImported, 'data-testid': testId }: AssetImportProps): JSX.Element {
  const { useMediaAssets } = useStores();
  const upload = useMediaAssets((s) => s.uploads[slot]);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = upload !== undefined && upload.error === null;
  return (
    <div className="asset-import">
      <Button size="sm" icon={<Upload size={14} />} disabled={busy} onClick={() => inputRef.current?.click()}>
        {label}
      </Button>
      <input
        ref={inputRef}
        type="file"
        className="ui-visually-hidden"
        tabIndex={-1}
        aria-label={label}
        accept={kind === 'image' ? 'image/*' : 'audio/*'}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          void useMediaAssets
            .getState()
            .upload(projectId, slot, file)
            .then((asset) => asset && onImported(asset));
        }}
        data-testid={testId}
      />
      {upload && (
        <div className="asset-import__status" aria-live="polite" data-testid="asset-upload">
          {upload.error ? (
            <>
              <span className="video-error" role="alert">
                {upload.fileName}: {upload.error}
              </span>
              <IconButton size="sm" label="Dismiss" icon={<X size={13} />} onClick={() => useMediaAssets.getState().dismissUpload(slot)} />
            </>
          ) : (
            <>
              <span className="asset-import__name">
                Importing {upload.fileName} — {formatBytes(upload.sentBytes)} of {formatBytes(upload.totalBytes)}
              </span>
              <ProgressBar size="sm" value={upload.sentBytes} max={upload.totalBytes} label={`Importing ${upload.fileName}`} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
