import { Download, Play } from 'lucide-react';
import { useMemo, useState, type JSX } from 'react';
import { TTS_ENGINE_IDS, TTS_ENGINE_LABELS, type TtsEngineId, type VoiceEntry, type VoiceProfile } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, ProgressBar, Select, Spinner } from '../../ui';
import { formatBytes } from './script-figures';
import { defaultVoiceFor, voicesFor } from './voices.store';

/** Engines whose voices follow the pitch setting (Piper and OpenAI speak at the voice's own pitch). */
export const PITCH_ENGINES: readonly TtsEngineId[] = ['espeak-ng'];
/** The voice an engine is given when none of its voices is installed (Piper: the catalogue's usual one, to install). */
const PREFERRED_FALLBACK: Record<TtsEngineId, string> = { piper: 'en_US-lessac-medium', 'espeak-ng': 'en-us', openai: 'alloy' };
/** How many catalogue voices the list shows before the filter narrows it. */
const CATALOGUE_SHOWN = 8;

const label = (voice: VoiceEntry) => [voice.name, voice.language, voice.quality].filter(Boolean).join(' · ');

/** Who narrates: engine, voice (installed first; Piper voices to download), speed, pitch, and a Preview (of `sample`: the script's opening, when it has one). */
export function VoicePicker({ voice, sample, onChange }: { voice: VoiceProfile; sample?: string; onChange(voice: VoiceProfile): void }): JSX.Element {
  const { useVoices } = useStores();
  const store = useVoices();
  const [filter, setFilter] = useState('');
  const forEngine = useMemo(() => voicesFor(store.voices, voice.engine), [store.voices, voice.engine]);
  const installed = forEngine.filter((v) => v.installed);
  const catalogue = forEngine.filter((v) => !v.installed && (!filter.trim() || label(v).toLowerCase().includes(filter.trim().toLowerCase())));
  const current = forEngine.find((v) => v.id === voice.voice);
  const options = installed.map((v) => ({ value: v.id, label: label(v) }));
  if (!current?.installed) options.unshift({ value: voice.voice, label: current ? `${label(current)} (not installed)` : voice.voice });
  const pitchWorks = PITCH_ENGINES.includes(voice.engine);

  const pickEngine = (engine: TtsEngineId) => {
    const next = defaultVoiceFor(store.voices, engine, current?.language);
    onChange({ ...voice, engine, voice: next?.id ?? PREFERRED_FALLBACK[engine] });
  };

  return (
    <section className="video-section" aria-labelledby="voice-title" data-testid="voice-picker">
      <h2 id="voice-title">Voice</h2>
      {store.status === 'loading' && store.voices.length === 0 && <Spinner label="Loading voices…" />}
      {store.status === 'error' && (
        <p className="video-error" role="alert">
          {store.error} <Button size="sm" onClick={() => void store.load()}>Try again</Button>
        </p>
      )}
      <Select label="Engine" value={voice.engine} options={TTS_ENGINE_IDS.map((id) => ({ value: id, label: TTS_ENGINE_LABELS[id] }))} onChange={pickEngine} data-testid="voice-engine" />
      <Select
        label="Voice"
        value={voice.voice}
        options={options}
        onChange={(id) => onChange({ ...voice, voice: id })}
        hint={installed.length === 0 && voice.engine === 'piper' ? (forEngine.some((v) => !v.installed) ? 'No Piper voice is installed yet: install one from the list below, or pick eSpeak NG.' : 'No Piper voice is installed, and the list of voices to download could not be fetched (offline?). eSpeak NG speaks without one.') : undefined}
        data-testid="voice-voice"
      />
      {voice.engine === 'piper' && store.catalogue?.problem && (
        <p className="video-note" role="status" data-testid="voice-catalogue-problem">
          {store.catalogue.problem.message} <Button size="sm" onClick={() => void store.load({ refresh: true })}>Try again</Button>
        </p>
      )}
      {voice.engine === 'piper' && (forEngine.some((v) => !v.installed) || filter) && <Catalogue voices={catalogue} filter={filter} onFilter={setFilter} onUse={(id) => onChange({ ...voice, voice: id })} />}
      <div className="voice-sliders">
        <label className="video-slider">
          <span>
            Speed <output data-testid="voice-speed-value">{voice.speed.toFixed(2)}×</output>
          </span>
          <input type="range" min={0.5} max={2} step={0.05} value={voice.speed} onChange={(e) => onChange({ ...voice, speed: Number(e.target.value) })} data-testid="voice-speed" />
        </label>
        <label className="video-slider">
          <span>
            Pitch <output>{voice.pitch > 0 ? '+' : ''}{voice.pitch.toFixed(2)}</output>
          </span>
          <input type="range" min={-1} max={1} step={0.05} value={voice.pitch} disabled={!pitchWorks} aria-describedby="voice-pitch-note" onChange={(e) => onChange({ ...voice, pitch: Number(e.target.value) })} data-testid="voice-pitch" />
          {!pitchWorks && (
            <small id="voice-pitch-note" className="video-note">
              {TTS_ENGINE_LABELS[voice.engine]} speaks at the voice’s own pitch.
            </small>
          )}
        </label>
      </div>
      <div className="voice-preview">
        <Button size="sm" icon={<Play size={14} />} busy={store.previewBusy} disabled={current !== undefined && !current.installed} onClick={() => void store.speak(voice, sample)} data-testid="voice-preview">
          Preview
        </Button>
        {store.preview && <audio key={store.preview.url} controls autoPlay src={store.preview.url} aria-label="Voice preview" data-testid="voice-preview-audio" />}
      </div>
      <div aria-live="polite">
        {store.preview?.notice && <p className="video-notice">{store.preview.notice}</p>}
        {store.previewError && (
          <p className="video-error" role="alert">
            {store.previewError}
          </p>
        )}
      </div>
    </section>
  );
}

function Catalogue({ voices, filter, onFilter, onUse }: { voices: VoiceEntry[]; filter: string; onFilter(text: string): void; onUse(id: string): void }): JSX.Element {
  const { useVoices } = useStores();
  const installs = useVoices((s) => s.installs);
  return (
    <details className="voice-catalogue" data-testid="voice-catalogue">
      <summary>More Piper voices to download</summary>
      <input className="ui-input" type="search" aria-label="Filter voices by name or language" placeholder="Filter: en_GB, female, high…" value={filter} onChange={(e) => onFilter(e.target.value)} />
      <ul>
        {voices.slice(0, CATALOGUE_SHOWN).map((v) => {
          const install = installs[v.id];
          return (
            <li key={v.id} className="voice-catalogue__item" data-testid="voice-catalogue-item">
              <span className="voice-catalogue__name">
                {label(v)}
                {v.sizeBytes !== undefined && <small> · {formatBytes(v.sizeBytes)}</small>}
                {v.license && <small> · {v.license}</small>}
              </span>
              {install?.status === 'downloading' ? (
                <span className="voice-catalogue__progress" aria-live="polite">
                  <ProgressBar size="sm" value={install.receivedBytes} max={install.totalBytes ?? v.sizeBytes ?? 0} label={`Downloading ${v.name}`} />
                  <small data-testid="voice-install-progress">{install.totalBytes ? `${Math.floor((install.receivedBytes / install.totalBytes) * 100)}%` : formatBytes(install.receivedBytes)}</small>
                </span>
              ) : install?.status === 'installed' ? (
                <Button size="sm" onClick={() => onUse(v.id)}>
                  Use
                </Button>
              ) : (
                <Button size="sm" icon={<Download size={13} />} onClick={() => void useVoices.getState().install(v.id)} data-testid="voice-install">
                  {install?.status === 'failed' ? 'Try again' : 'Install'}
                </Button>
              )}
              {install?.status === 'failed' && install.error && (
                <span className="video-error" role="alert">
                  {install.error.message}
                </span>
              )}
            </li>
          );
        })}
        {voices.length > CATALOGUE_SHOWN && <li className="video-note">{voices.length - CATALOGUE_SHOWN} more — narrow the filter.</li>}
        {voices.length === 0 && <li className="video-note">No voice matches “{filter}”.</li>}
      </ul>
    </details>
  );
}
