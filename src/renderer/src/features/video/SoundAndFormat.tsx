import { useMemo, type JSX } from 'react';
import { CAPTION_MODES, VIDEO_FORMAT_LABELS, VIDEO_FORMATS, type CaptionMode, type VideoMusic } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Select, TextField } from '../../ui';
import { AssetImport } from './AssetImport';
import { assetsOfKind } from './assets.store';
import { formatDuration } from './script-figures';
import type { VideoEdits } from './video-edits';

const NONE = 'none';
const CAPTION_LABELS: Record<CaptionMode, string> = { burned: 'Burned into the picture', soft: 'A subtitle track viewers can turn on', none: 'No captions' };

/** Background music: none, or one of the project's audio files (or a new one), and its level. */
export function MusicPicker({ projectId, music, onChange }: { projectId: string; music: VideoMusic | null; onChange(music: VideoMusic | null): void }): JSX.Element {
  const { useMediaAssets } = useStores();
  const assets = useMediaAssets((s) => (s.projectId === projectId ? s.assets : null));
  const tracks = useMemo(() => assetsOfKind(assets ?? [], 'audio'), [assets]);
  const options = [{ value: NONE, label: 'No music' }, ...tracks.map((t) => ({ value: t.id, label: t.durationSec ? `${t.fileName} (${formatDuration(t.durationSec)})` : t.fileName }))];
  if (music && !tracks.some((t) => t.id === music.assetId)) options.push({ value: music.assetId, label: 'A track no longer in the project' });
  return (
    <section className="video-section" aria-labelledby="music-title" data-testid="music-picker">
      <h2 id="music-title">Music</h2>
      <Select label="Track" value={music?.assetId ?? NONE} options={options} onChange={(id) => onChange(id === NONE ? null : { assetId: id, gainDb: music?.gainDb ?? -18 })} data-testid="music-track" />
      <AssetImport projectId={projectId} kind="audio" slot="music" label="Import music…" onImported={(asset) => onChange({ assetId: asset.id, gainDb: music?.gainDb ?? -18 })} data-testid="music-input" />
      <label className="video-slider">
        <span>
          Level <output data-testid="music-level-value">{music ? `${music.gainDb} dB` : '—'}</output>
        </span>
        <input type="range" min={-40} max={6} step={1} value={music?.gainDb ?? -18} disabled={!music} onChange={(e) => music && onChange({ ...music, gainDb: Number(e.target.value) })} data-testid="music-level" />
        <small className="video-note">The music ducks under the voice by itself; −18 dB sits well under it.</small>
      </label>
    </section>
  );
}

/** Format, captions and the thumbnail. */
export function OutputSettings({ edits, onChange }: { edits: VideoEdits; onChange(patch: Partial<VideoEdits>): void }): JSX.Element {
  return (
    <section className="video-section" aria-labelledby="output-title" data-testid="output-settings">
      <h2 id="output-title">Format and captions</h2>
      <Select label="Format" value={edits.format} options={VIDEO_FORMATS.map((value) => ({ value, label: VIDEO_FORMAT_LABELS[value] }))} onChange={(format) => onChange({ format })} data-testid="video-format" />
      <Select label="Captions" value={edits.captions} options={CAPTION_MODES.map((value) => ({ value, label: CAPTION_LABELS[value] }))} onChange={(captions) => onChange({ captions })} data-testid="video-captions" />
      <fieldset className="video-fieldset">
        <legend>Thumbnail</legend>
        <div className="video-fields-row">
          <TextField
            label="Frame at (s)"
            type="number"
            min={0}
            step={0.5}
            value={edits.thumbnail.atSec}
            onChange={(e) => {
              const atSec = Number(e.target.value);
              if (Number.isFinite(atSec) && atSec >= 0) onChange({ thumbnail: { ...edits.thumbnail, atSec } });
            }}
            data-testid="thumbnail-at"
          />
          <TextField label="Title on it" value={edits.thumbnail.title} maxLength={200} placeholder="None" onChange={(e) => onChange({ thumbnail: { ...edits.thumbnail, title: e.target.value } })} data-testid="thumbnail-title" />
        </div>
      </fieldset>
    </section>
  );
}
