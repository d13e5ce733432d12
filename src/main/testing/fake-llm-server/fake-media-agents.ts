import { firstSentence, lines, tagged, type AgentRequestText } from './fake-agent-parts';

/**
 * Deterministic answers for the media crew's prompts (ideation → outline → script → rewrite →
 * scene describer), each built from what the request carries so a chain of them stays consistent.
 */
export const mediaAnswers: Record<string, (request: AgentRequestText) => unknown> = {
  'agent-ideation-generate-ideas': ({ user }) => {
    const seed = tagged(user, 'seed') || 'the book';
    const kinds = [
      ['Trailer', 'a 30-second trailer', 'short vertical'],
      ['Character spotlight', 'one character, in their own words', 'short vertical'],
      ['Behind the pages', 'how the story came to be', 'long-form'],
      ['The world explained', 'the rules of the world in three images', 'explainer'],
    ] as const;
    return {
      ideas: kinds.map(([kind, angle, format]) => ({
        title: `${kind}: ${seed}`.slice(0, 200),
        angle: `${angle} — about ${seed}`,
        hook: `Open on one striking image from ${seed} and a question.`,
        themes: ['mystery', 'belonging'],
        audience: 'readers of the genre',
        format,
      })),
    };
  },
  'agent-outline-outline-sections': ({ user }) => {
    const idea = firstSentence(ideaTitle(tagged(user, 'idea')) || 'The idea');
    const headings = ['Hook', 'Build', 'Turn', 'Close'];
    return {
      title: idea.slice(0, 200),
      sections: headings.map((heading, index) => ({
        heading,
        summary: `${heading} of “${idea}”.`,
        beats: [`${heading}: the first beat of ${idea}`, `${heading}: the second beat`],
        transition: index < headings.length - 1 ? `Cut to the ${headings[index + 1]?.toLowerCase()}.` : 'Fade out on the title.',
        pacing: index === 0 ? 'fast' : index === headings.length - 1 ? 'slow' : 'steady',
      })),
    };
  },
  'agent-script-write-script': ({ user }) => {
    const outline = outlineParts(tagged(user, 'outline')).slice(0, 8);
    const parts = outline.length > 0 ? outline : ['The hook', 'The build', 'The close'];
    return {
      title: firstSentence(parts[0] ?? 'Script').slice(0, 200),
      scenes: parts.map((part) => ({
        narration: `${part.replace(/[.!?]+$/u, '')}. And nothing would be the same again.`,
        caption: part.split(/\s+/).slice(0, 4).join(' '),
        visualDescription: `A slow shot that shows ${part.toLowerCase()}.`,
        durationSeconds: Math.max(3, Math.ceil(`${part} And nothing would be the same again.`.split(/\s+/).length / 2.5)),
      })),
    };
  },
  'agent-rewrite-refine-script': ({ user }) => {
    const scenes = scriptScenes(tagged(user, 'script'));
    return {
      title: 'Refined script',
      scenes: scenes.map((narration) => ({
        narration: `${narration.replace(/\s+/g, ' ').trim()} Listen.`,
        caption: narration.split(/\s+/).slice(0, 3).join(' '),
        visualDescription: 'The same shot, held a beat longer.',
        durationSeconds: Math.max(3, Math.ceil(narration.split(/\s+/).length / 2.5) + 1),
      })),
      changes: ['Ended each scene on a shorter line.', 'Held the shots a beat longer for the new narration.'],
    };
  },
  'agent-scene-describer-describe-visuals': ({ user, system }) => {
    const style = /The whole video's style: ([^.]+)\./.exec(system)?.[1] ?? 'muted film look';
    return {
      scenes: scriptScenes(tagged(user, 'script')).map((narration, index) => ({
        index: index + 1,
        camera: index === 0 ? 'Slow push-in, close-up' : 'Wide shot, gentle pan',
        style,
        mood: index === 0 ? 'expectant' : 'reflective',
        lighting: 'Low, warm side light',
        background: `Imagery for: ${firstSentence(narration).slice(0, 200)}`,
        transition: 'Cross-fade',
      })),
    };
  },
};

/** A script's scenes' narration, from its JSON (`scenes[].narration`) or one per line of text. */
function scriptScenes(script: string): string[] {
  try {
    const parsed = JSON.parse(script) as { scenes?: Array<{ narration?: unknown }> };
    const narration = (parsed.scenes ?? []).map((s) => (typeof s.narration === 'string' ? s.narration : '')).filter(Boolean);
    if (narration.length > 0) return narration;
  } catch {
    // Not JSON: one scene per line.
  }
  const fromLines = lines(script);
  return fromLines.length > 0 ? fromLines.slice(0, 20) : ['The opening scene.'];
}

/** An idea's title when it came as the ideation agent's JSON (`{title, angle, …}`), else the text. */
function ideaTitle(idea: string): string {
  try {
    const parsed = JSON.parse(idea) as { title?: unknown };
    if (typeof parsed.title === 'string' && parsed.title.trim()) return parsed.title;
  } catch {
    // Plain text.
  }
  return idea;
}

/** An outline's parts: its sections (`{sections: [{heading, summary}]}`, the outline agent's JSON) or its lines. */
function outlineParts(outline: string): string[] {
  try {
    const parsed = JSON.parse(outline) as { sections?: Array<{ heading?: unknown; summary?: unknown }> };
    const sections = (parsed.sections ?? []).map((s) => [s.heading, s.summary].filter((v) => typeof v === 'string' && v.trim()).join(': ')).filter(Boolean);
    if (sections.length > 0) return sections;
  } catch {
    // Not JSON: one part per line.
  }
  return lines(outline);
}
