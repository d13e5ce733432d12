import { Clapperboard, RotateCcw, X } from 'lucide-react';
import { useEffect, useRef, useState, type JSX } from 'react';
import type { CaptionMode, Render } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, notify, ProgressBar } from '../../ui';
import { activeRender, etaText, stageText } from './render-format';
import { RendersList } from './RendersList';
import { Waveform } from './Waveform';

/**
 * Render and watch: the Render button, the render under way (stage, percent, ETA, Cancel), the
 * last failure with Retry, the preview player with captions, waveform and thumbnail, and the
 * list of renders with their files.
 */
export function RenderPanel({ videoId, captions, empty, beforeRender }: { videoId: string; captions: CaptionMode; empty: boolean; beforeRender(): Promise<boolean> }): JSX.Element {
  const { useRenders } = useStores();
  const store = useRenders();
  const renders = store.videoId === videoId ? store.renders : [];
  const active = activeRender(renders);
  const [starting, setStarting] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const done = renders.filter((r) => r.status === 'done' && r.files);
  const preview = done.find((r) => r.id === chosen) ?? done[0] ?? null;
  const latest = renders[0];
  const failed = latest && (latest.status === 'failed' || latest.status === 'cancelled') ? latest : null;

  const start = async () => {
    setStarting(true);
    try {
      if (await beforeRender()) await useRenders.getState().start(videoId);
    } catch (error) {
      notify.error(error, { title: 'Could not start the render' });
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="video-section render-panel" aria-labelledby="render-title" data-testid="render-panel">
      <div className="render-panel__head">
        <h2 id="render-title">Render</h2>
        <Button variant="primary" icon={<Clapperboard size={15} />} busy={starting} disabled={active !== null || empty} title={empty ? 'Add a scene to the script first.' : undefined} onClick={() => void start()} data-testid="render-start">
          {done.length > 0 ? 'Render again' : 'Render'}
        </Button>
      </div>
      {store.videoId === videoId && store.status === 'error' && (
        <p className="video-error" role="alert" data-testid="renders-error">
          The renders could not be read: {store.error}{' '}
          <Button size="sm" variant="ghost" onClick={() => void useRenders.getState().load(videoId)}>
            Try again
          </Button>
        </p>
      )}
      {active && <RenderProgress render={active} />}
      {!active && failed && (
        <div className={`video-banner ${failed.status === 'failed' ? 'is-error' : ''}`} role="status" data-testid="render-failed">
          <p>{failed.status === 'failed' ? (failed.error?.message ?? 'The render failed.') : 'The render was cancelled. Finished scenes are kept, so the next render picks up from there.'}</p>
          <Button size="sm" icon={<RotateCcw size={14} />} onClick={() => void start()} data-testid="render-retry">
            {failed.status === 'failed' ? 'Retry' : 'Render again'}
          </Button>
        </div>
      )}
      {preview ? (
        <PreviewPlayer render={preview} burned={captions === 'burned'} />
      ) : (
        !active && (
          <p className="video-note" data-testid="render-empty">
            {empty ? 'Nothing to render yet: add a scene to the script, then press Render.' : 'Nothing rendered yet. Press Render: the studio narrates the script, times the captions to the voice and makes the video — you watch it here.'}
          </p>
        )
      )}
      <RendersList renders={renders} previewId={preview?.id ?? null} onPreview={setChosen} />
    </section>
  );
}

function RenderProgress({ render }: { render: Render }): JSX.Element {
  const { useRenders } = useStores();
  const eta = etaText(render);
  return (
    <div className="render-progress" data-testid="render-progress" data-status={render.status}>
      <div className="render-progress__line">
        <span>
          {/* The stage is announced when it changes; the percent lives in the progress bar's value. */}
          <span aria-live="polite" data-testid="render-stage">
            {stageText(render)}
          </span>
          {render.status === 'running' && <span data-testid="render-percent"> — {Math.floor(render.progress * 100)}%</span>}
        </span>
        {eta && <span className="render-progress__eta" data-testid="render-eta">{eta}</span>}
      </div>
      <ProgressBar value={Math.round(render.progress * 100)} max={100} label="Render progress" />
      {render.notices.length > 0 && (
        <ul className="video-notices">
          {render.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      <Button size="sm" variant="ghost" icon={<X size={13} />} onClick={() => void useRenders.getState().cancel(render.id).catch((error: unknown) => notify.error(error, { title: 'Could not cancel the render' }))} data-testid="render-cancel">
        Cancel
      </Button>
    </div>
  );
}

/**
 * The render in a player, with its captions track, waveform and thumbnail. With captions burned
 * into the picture the track is loaded but hidden (the viewer can still turn it on), so the
 * words are not shown twice.
 */
export function PreviewPlayer({ render, burned = false }: { render: Render; burned?: boolean }): JSX.Element | null {
  const videoRef = useRef<HTMLVideoElement>(null);
  const files = render.files;
  useEffect(() => {
    const track = videoRef.current?.textTracks[0];
    if (track) track.mode = burned ? 'hidden' : 'showing';
  }, [burned, render.id]);
  if (!files) return null;
  return (
    <figure className={`preview-player preview-player--${render.format}`} data-testid="preview-player">
      <video key={render.id} ref={videoRef} className="preview-player__video" controls preload="metadata" src={files.video.url} poster={files.thumbnail?.url} aria-label={`Preview of ${render.title}`} data-testid="preview-video">
        {files.vtt && <track kind="captions" srcLang="en" label="Captions" default={!burned} src={files.vtt.url} />}
      </video>
      <Waveform key={render.id} renderId={render.id} media={videoRef} />
      {files.thumbnail && (
        <figcaption className="preview-player__thumb">
          <img src={files.thumbnail.url} alt={`Thumbnail of ${render.title}`} data-testid="preview-thumbnail" />
          <span>Thumbnail</span>
        </figcaption>
      )}
      {render.notices.length > 0 && (
        <ul className="video-notices">
          {render.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}
