import { useEffect, useState } from 'react';
import type { RunStep } from '../../../../shared/models/runs';
import { useApi } from '../../app/services';
import { streamsFor } from '../../lib/stream-follower';

/**
 * The text of a step: while it runs, followed live on its `streamId` (the follower replays
 * what it missed after a reconnect, or when the first event it sees is not the stream's
 * first); otherwise, and until the stream has said anything, the text the run record holds.
 */
export function useStepText(step: RunStep): { text: string; streaming: boolean } {
  const api = useApi();
  const live = step.status === 'running' && step.streamId !== null;
  const [followed, setFollowed] = useState<{ streamId: string; text: string; ended: boolean } | null>(null);
  const streamId = live ? step.streamId : null;

  useEffect(() => {
    if (streamId === null) return undefined;
    setFollowed(null);
    const follower = streamsFor(api).follow({
      onDelta: (text) => setFollowed((current) => ({ streamId, text: (current?.streamId === streamId ? current.text : '') + text, ended: false })),
      onResync: (text) => setFollowed({ streamId, text, ended: false }),
      onEnd: () => setFollowed((current) => (current?.streamId === streamId ? { ...current, ended: true } : current)),
    });
    follower.bind(streamId);
    return () => follower.dispose();
  }, [api, streamId]);

  if (!live || followed === null || followed.streamId !== streamId) return { text: step.text, streaming: live };
  // The follower's text starts at the stream's first event, so it is never shorter than what the record held for long.
  const text = followed.text.length >= step.text.length ? followed.text : step.text;
  return { text, streaming: !followed.ended };
}
