import { describe, expect, it } from 'vitest';
import { createFilterGraph, escapeForGraph, escapeOptionValue, filter, renderFilter } from './filter-graph';

describe('filter escaping', () => {
  it('escapes the option level (backslash, quote, colon) and then the graph level', () => {
    expect(escapeOptionValue(`C:\\it's`)).toBe(`C\\:\\\\it\\'s`);
    expect(escapeForGraph(`a,b;c[d]e'f\\g`)).toBe(`a\\,b\\;c\\[d\\]e\\'f\\\\g`);
  });

  it('renders a path with colon, quote, comma and spaces so both parsers give it back', () => {
    const rendered = renderFilter(filter('movie', { filename: "/tmp/my dir/it's: a, b.png" }));
    // level 1: \: and \' ; level 2 then doubles each backslash and escapes quote and comma.
    expect(rendered).toBe("movie=filename=/tmp/my dir/it\\\\\\'s\\\\: a\\, b.png");
  });

  it('renders positional and named options, numbers and booleans, and drops undefined ones', () => {
    expect(renderFilter(filter('scale', [320, 180]))).toBe('scale=320:180');
    expect(renderFilter(filter('ebur128', { peak: 'true', video: false, meter: undefined }))).toBe('ebur128=peak=true:video=0');
    expect(renderFilter(filter('null'))).toBe('null');
    expect(renderFilter(filter('zoompan', { z: 'min(zoom+0.01,1.5)' }))).toBe('zoompan=z=min(zoom+0.01\\,1.5)');
  });

  it('refuses a name that is not a filter name and a number that is not finite', () => {
    expect(() => renderFilter(filter('scale;rm'))).toThrow(/not a filter name/);
    expect(() => renderFilter(filter('scale', [Number.NaN]))).toThrow(/finite/);
  });
});

describe('createFilterGraph', () => {
  it('joins chains with named pads and reports what is left to map', () => {
    const g = createFilterGraph();
    const [v] = g.chain(['0:v'], [filter('scale', [320, 180]), filter('setsar', ['1'])], [g.label('v')]);
    const [a] = g.chain(['1:a'], [filter('volume', ['0.5'])], [g.label('a')]);
    const [mixed] = g.chain([a as string, '2:a'], [filter('amix', { inputs: 2 })], [g.label('mix')]);
    expect(g.toString()).toBe('[0:v]scale=320:180,setsar=1[v0];[1:a]volume=0.5[a1];[a1][2:a]amix=inputs=2[mix2]');
    expect(g.unconsumed()).toEqual([v, mixed]);
  });

  it('rejects a pad used before it is produced, consumed twice, produced twice or not made here', () => {
    const g = createFilterGraph();
    const x = g.label('x');
    expect(() => g.chain([x], [filter('null')], [])).toThrow(/before a chain produces it/);
    g.chain(['0:v'], [filter('null')], [x]);
    expect(() => g.chain(['0:v'], [filter('null')], [x])).toThrow(/produced twice/);
    g.chain([x], [filter('null')], []);
    expect(() => g.chain([x], [filter('null')], [])).toThrow(/consumed twice/);
    expect(() => g.chain(['0:v'], [filter('null')], ['mine'])).toThrow(/not made/);
    expect(() => g.chain(['0:v'], [], [])).toThrow(/at least one filter/);
  });
});
