import { useEffect, useState, type JSX, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { Waveform as WaveformData } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { formatDuration } from './script-figures';

const BARS = 160;

/** Peaks folded down to `count` bars (the loudest peak of each stretch). */
export function foldPeaks(peaks: readonly number[], count: number): number[] {
  if (peaks.length <= count) return [...peaks];
  const bars: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    bars.push(Math.max(...peaks.slice(from, to)));
  }
  return bars;
}

/** Follows a media element's current time (and length), redrawn each frame while it plays. */
function usePlayhead(media: RefObject<HTMLMediaElement | null>): { time: number; duration: number } {
  const [state, setState] = useState({ time: 0, duration: 0 });
  useEffect(() => {
    const element = media.current;
    if (!element) return;
    let frame = 0;
    const read = () => setState({ time: element.currentTime, duration: Number.isFinite(element.duration) ? element.duration : 0 });
    const tick = () => {
      read();
      frame = requestAnimationFrame(tick);
    };
    const play = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      read();
    };
    const events = ['timeupdate', 'seeked', 'loadedmetadata', 'durationchange'] as const;
    for (const name of events) element.addEventListener(name, read);
    element.addEventListener('play', play);
    element.addEventListener('pause', stop);
    element.addEventListener('ended', stop);
    read();
    return () => {
      cancelAnimationFrame(frame);
      for (const name of events) element.removeEventListener(name, read);
      element.removeEventListener('play', play);
      element.removeEventListener('pause', stop);
      element.removeEventListener('ended', stop);
    };
  }, [media]);
  return state;
}

/**
 * The render's sound as bars under the player, with a playhead that follows the video; a click
 * seeks there, and as a slider it takes ←/→ (5 s), Home and End.
 */
export function Waveform({ renderId, media }: { renderId: string; media: RefObject<HTMLVideoElement | null> }): JSX.Element {
  const { useRenders } = useStores();
  const [data, setData] = useState<WaveformData | null>(() => useRenders.getState().waveforms[renderId] ?? null);
  const [error, setError] = useState<string | null>(null);
  const { time, duration: mediaDuration } = usePlayhead(media);

  useEffect(() => {
    let live = true;
    useRenders
      .getState()
      .waveform(renderId)
      .then(
        (waveform) => live && setData(waveform),
        (failure: unknown) => live && setError(errorMessage(failure)),
      );
    return () => {
      live = false;
    };
  }, [renderId, useRenders]);

  const duration = mediaDuration || data?.durationSec || 0;
  const seek = (seconds: number) => {
    const element = media.current;
    if (!element || duration <= 0) return;
    element.currentTime = Math.min(duration, Math.max(0, seconds));
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) seek(((event.clientX - box.left) / box.width) * duration);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const to = event.key === 'ArrowRight' ? time + 5 : event.key === 'ArrowLeft' ? time - 5 : event.key === 'Home' ? 0 : event.key === 'End' ? duration : null;
    if (to === null) return;
    event.preventDefault();
    seek(to);
  };

  if (error) return <p className="video-note">The waveform could not be read: {error}</p>;
  const bars = foldPeaks(data?.peaks ?? [], BARS);
  // Scaled to the loudest bar, so a quiet narration still draws a readable shape.
  const loudest = Math.max(0.05, ...bars);
  const at = duration > 0 ? Math.min(1, time / duration) : 0;
  return (
    <div
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label="Position in the video"
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(time)}
      aria-valuetext={`${formatDuration(time)} of ${formatDuration(duration)}`}
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-testid="waveform"
      data-playhead={at.toFixed(4)}
    >
      <svg viewBox={`0 0 ${Math.max(1, bars.length)} 100`} preserveAspectRatio="none" aria-hidden="true">
        {bars.map((peak, i) => {
          const height = Math.max(2, (peak / loudest) * 96);
          return <rect key={i} className={i / bars.length < at ? 'is-played' : ''} x={i + 0.15} width={0.7} y={50 - height / 2} height={height} />;
        })}
      </svg>
      <span className="waveform__playhead" style={{ left: `${(at * 100).toFixed(3)}%` }} aria-hidden="true" data-testid="waveform-playhead" />
    </div>
  );
}
