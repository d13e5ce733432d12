/**
 * How many pieces a render draws at once, from a memory budget. A piece's ffmpeg holds x264's
 * frames (lookahead, references, its threads' buffers), the two prescaled stills it moves over
 * and a few frames in the filter graph, all proportional to the frame size; nothing in it grows
 * with the video's length. So the whole render's memory is the core's own, the soundtrack's
 * ffmpeg and `concurrency` pieces, whatever the length.
 */

/** Megabytes. */
const MB = 1024 * 1024;

/**
 * Measured with one x264 thread (bench/media-render.ts, peak RSS of each piece's ffmpeg):
 * 270–295 MB at 1920×1080 (x264 ~215 of it), 10–20 MB more since a piece also holds the fade's
 * own chain of the outgoing still and its caption images. Per pixel of the output frame, with a
 * fixed part for ffmpeg's own code and libraries, and a margin.
 */
const PIECE_FIXED_BYTES = 60 * MB;
const PIECE_BYTES_PER_PIXEL = 130;
/** Each further x264 thread: its own lookahead and frame buffers (~+25 % at 1080p with 2). */
const THREAD_BYTES_PER_PIXEL = 28;

/** The soundtrack's ffmpeg (mix, ducking, loudness, AAC) runs beside the pieces: ~60 MB measured. */
export const SOUNDTRACK_BYTES = 80 * MB;

/** A piece's expected peak memory at a frame size, encoding with `threads` x264 threads. */
export function pieceMemoryBytes(frame: { width: number; height: number }, threads = 1): number {
  const pixels = frame.width * frame.height;
  return PIECE_FIXED_BYTES + pixels * (PIECE_BYTES_PER_PIXEL + THREAD_BYTES_PER_PIXEL * Math.max(0, threads - 1));
}

/** What the choice is made from. */
export interface PieceBudgetInput {
  frame: { width: number; height: number };
  /** Cores of the machine: more pieces than cores only adds memory. */
  cores: number;
  /** The whole render's budget (core + ffmpeg children), bytes. */
  budgetBytes: number;
  /** Memory already taken: the core's resident set now, bytes. */
  residentBytes: number;
}

/** How pieces are drawn: how many ffmpeg processes at once, and x264 threads in each. */
export interface PieceParallelism {
  concurrency: number;
  threads: number;
}

/**
 * As many pieces as cores while they fit the budget beside the core and the soundtrack, at
 * least one; each piece gets an equal share of the cores as x264 threads. One thread per piece
 * is also x264's cheapest way to use a core (no frame-threading overhead), so on 2 cores two
 * single-threaded pieces beat one piece with two threads in both memory and CPU.
 */
export function pieceParallelism(input: PieceBudgetInput): PieceParallelism {
  const cores = Math.max(1, Math.floor(input.cores));
  const free = input.budgetBytes - input.residentBytes - SOUNDTRACK_BYTES;
  let concurrency = cores;
  while (concurrency > 1 && concurrency * pieceMemoryBytes(input.frame, Math.max(1, Math.floor(cores / concurrency))) > free) concurrency--;
  const threads = Math.max(1, Math.floor(cores / concurrency));
  // Alone and still over the budget: one thread is the least a piece can take.
  if (concurrency === 1 && pieceMemoryBytes(input.frame, threads) > free) return { concurrency, threads: 1 };
  return { concurrency, threads };
}

/**
 * x264 threads for the last piece of a render, started once no other piece waits and the
 * soundtrack's ffmpeg has ended: the cores the other pieces give back as they finish, so the
 * render's last seconds do not run on one core (x264 frame threads cost ~2 % more CPU than one
 * thread). It holds the memory the soundtrack gave back: the whole render's never goes over
 * what {@link pieceParallelism} planned.
 */
export function lastPieceThreads(input: PieceBudgetInput, parallelism: PieceParallelism): number {
  const { concurrency, threads } = parallelism;
  // Every thread the pieces had between them: the others' as they finish (briefly more threads than cores until then).
  const widened = Math.max(threads, concurrency * threads);
  const others = (concurrency - 1) * pieceMemoryBytes(input.frame, threads);
  return others + pieceMemoryBytes(input.frame, widened) <= input.budgetBytes - input.residentBytes ? widened : threads;
}
