import type { Api } from './api';
import { streamsFor, type StreamFollower, type StreamHandlers } from './stream-follower';

export { createStreams, STREAM_LOST, streamsFor, type StreamEnd, type StreamFollower, type StreamHandlers } from './stream-follower';

/**
 * Follows one stream of `api`'s connection. Subscribe BEFORE starting the stream and pass the id
 * in once known: events that arrive before then are buffered, so no early token is lost; after
 * a reconnect the stream is settled (see {@link createStreams}).
 */
export function followStream(api: Api, handlers: StreamHandlers): StreamFollower {
  return streamsFor(api).follow(handlers);
}

/** Stops a stream; the core answers with stream.end (status cancelled). */
export function cancelStream(api: Api, streamId: string): Promise<unknown> {
  return streamsFor(api).cancel(streamId);
}
