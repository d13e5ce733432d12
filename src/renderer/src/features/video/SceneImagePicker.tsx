import { useId, useMemo, type JSX } from 'react';
import type { ScriptScene, SceneImage } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { TextField } from '../../ui';
import { AssetImport } from './AssetImport';
import { assetsOfKind } from './assets.store';

const DEFAULT_CARD = { kind: 'title-card', text: '', background: '#1d2433' } as const;

/** What a scene shows: a title card (text and colour) or one of the writer's images, with its thumbnail. */
export function SceneImagePicker({ projectId, scene, onChange }: { projectId: string; scene: ScriptScene; onChange(image: SceneImage | null): void }): JSX.Element {
  const { useMediaAssets } = useStores();
  const assets = useMediaAssets((s) => (s.projectId === projectId ? s.assets : null));
  const images = useMemo(() => assetsOfKind(assets ?? [], 'image'), [assets]);
  const name = useId();
  const image = scene.image;
  const usesAsset = image?.kind === 'asset';
  const chosen = usesAsset ? images.find((a) => a.id === image.assetId) : undefined;
  return (
    <fieldset className="video-fieldset scene-image" data-testid="scene-image">
      <legend>Picture</legend>
      <div className="video-choices" role="radiogroup" aria-label="Picture">
        <label className={`video-choice${!usesAsset ? ' is-active' : ''}`}>
          <input type="radio" name={name} checked={!usesAsset} onChange={() => onChange(DEFAULT_CARD)} data-testid="scene-image-card" />
          Title card
        </label>
        <label className={`video-choice${usesAsset ? ' is-active' : ''}`}>
          <input type="radio" name={name} checked={usesAsset} disabled={images.length === 0 && !usesAsset} onChange={() => images[0] && onChange({ kind: 'asset', assetId: images[0].id })} data-testid="scene-image-asset" />
          An image
        </label>
      </div>
      {!usesAsset ? (
        <div className="scene-image__card">
          <span className="scene-image__swatch" style={{ background: image?.background ?? DEFAULT_CARD.background }} aria-hidden="true">
            {(image?.text || scene.caption || '').slice(0, 40)}
          </span>
          <TextField
            label="Card text"
            value={image?.text ?? ''}
            maxLength={300}
            placeholder={scene.caption || 'The caption, if empty'}
            onChange={(e) => onChange({ ...DEFAULT_CARD, ...image, text: e.target.value })}
            data-testid="scene-card-text"
          />
          <label className="scene-image__colour">
            <span>Colour</span>
            <input type="color" value={image?.background ?? DEFAULT_CARD.background} onChange={(e) => onChange({ ...DEFAULT_CARD, ...image, background: e.target.value })} data-testid="scene-card-colour" />
          </label>
        </div>
      ) : (
        <div className="scene-image__asset">
          {chosen ? <img className="scene-image__thumb" src={chosen.file.url} alt={`Chosen image: ${chosen.fileName}`} /> : <span className="scene-image__missing">This image is no longer in the project: pick another.</span>}
          <div className="scene-image__gallery" role="radiogroup" aria-label="Project images">
            {images.map((asset) => (
              <label key={asset.id} className={`scene-image__option${asset.id === chosen?.id ? ' is-active' : ''}`} title={asset.fileName}>
                <input type="radio" className="ui-visually-hidden" name={`${name}-asset`} checked={asset.id === chosen?.id} onChange={() => onChange({ kind: 'asset', assetId: asset.id })} />
                <img src={asset.file.url} alt={asset.fileName} loading="lazy" />
              </label>
            ))}
          </div>
        </div>
      )}
      <AssetImport projectId={projectId} kind="image" slot={`scene:${scene.id}`} label="Import an image…" onImported={(asset) => onChange({ kind: 'asset', assetId: asset.id })} data-testid="scene-image-input" />
    </fieldset>
  );
}
