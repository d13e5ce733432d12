import { describe, expect, it } from 'vitest';
import { testRender } from '../../testing/video-fixture';
import { activeRender, etaText, loudnessText, stageText } from './render-format';
import { foldPeaks } from './Waveform';

describe('render figures', () => {
  it('names the stage, the time left and the loudness as a person reads them', () => {
    expect(stageText(testRender({ status: 'queued', stage: null }))).toBe('Waiting to start…');
    expect(stageText(testRender({ status: 'running', stage: null }))).toBe('Starting');
    expect(stageText(testRender({ status: 'running', stage: 'audio' }))).toBe('Mixing sound');
    expect(etaText(testRender({ status: 'running', etaSec: null }))).toBeNull();
    expect(etaText(testRender({ status: 'running', etaSec: 0.4 }))).toBe('almost done');
    expect(etaText(testRender({ status: 'running', etaSec: 125 }))).toBe('about 2:05 left');
    expect(etaText(testRender({ status: 'done', etaSec: 3 }))).toBeNull();
    expect(loudnessText(testRender({ loudness: { integratedLufs: -14.04, truePeakDb: -1.26 } }))).toBe('−14.0 LUFS · −1.3 dBTP');
    expect(loudnessText(testRender({ loudness: null }))).toBeNull();
  });

  it('finds the render under way', () => {
    const done = testRender();
    const running = testRender({ id: '00000000-0000-4000-8000-00000000e0c9', status: 'running' });
    expect(activeRender([done])).toBeNull();
    expect(activeRender([running, done])).toBe(running);
  });

  it('folds peaks into bars keeping each stretch’s loudest', () => {
    expect(foldPeaks([0.1, 0.2], 4)).toEqual([0.1, 0.2]);
    expect(foldPeaks([0.1, 0.9, 0.3, 0.2, 0.5, 0.4], 3)).toEqual([0.9, 0.3, 0.5]);
    expect(foldPeaks(Array.from({ length: 4000 }, (_, i) => (i === 3999 ? 1 : 0)), 160).at(-1)).toBe(1);
  });
});
