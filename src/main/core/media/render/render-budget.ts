/**
 * How many pieces a render draws at once, from a memory budget. A piece's ffmpeg holds x264's
 * frames (lookahead, references, its threads' buffers), the two prescaled stills it moves over,
 * a few frames in the filter graph and its captions' images, all proportional to the frame
 * size; nothing in it grows with the video's length. So the whole render's memory is the core's
 * own and `concurrency` pieces (the soundtrack's ffmpeg in the place of one while it runs),
 * whatever the length.
 */

/** Megabytes. */
const MB = 1024 * 1024;

/**
 * Measured with one x264 thread (the pieces' ffmpeg of bench/media-render.ts and their commands
 * run again alone, peak RSS): 223–284 MB at 1920×1080, x264 ~155 of it, ffmpeg's own ~47; a piece
 * with a crossfade holds the outgoing still's chain too. Per pixel of the output frame, with a
 * fixed part for ffmpeg's code and libraries, and a margin (280 MB measured for a crossfade
 * piece with 4 captions, 290 expected).
 */
const PIECE_FIXED_BYTES = 60 * MB;
const PIECE_BYTES_PER_PIXEL = 105;
/**
 * Each burned caption of a piece is an input of its own: its image decoded (RGBA, the caption
 * band's width) and converted for the overlay. Measured at 1080p: +5.4 MB a caption (280 MB with
 * 4, 324 with 12, 367 with 20), ~2.6 bytes per pixel of the output frame.
 */
const CUE_BYTES_PER_PIXEL = 2.8;
/** Each further x264 thread: its own lookahead and frame buffers (+54 MB at 1080p with 2). */
const THREAD_BYTES_PER_PIXEL = 28;

/** The soundtrack's ffmpeg (mix, ducking, loudness, AAC) runs beside the pieces: 55–58 MB measured. */
export const SOUNDTRACK_BYTES = 80 * MB;

/** A piece's expected peak memory at a frame size, encoding with `threads` x264 threads, with `cues` burned captions. */
export function pieceMemoryBytes(frame: { width: number; height: number }, threads = 1, cues = 0): number {
  const pixels = frame.width * frame.height;
  return PIECE_FIXED_BYTES + pixels * (PIECE_BYTES_PER_PIXEL + THREAD_BYTES_PER_PIXEL * Math.max(0, threads - 1) + CUE_BYTES_PER_PIXEL * cues);
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
  /** The most burned captions one piece holds (0 when none are burned). */
  cues?: number;
}

/** How pieces are drawn: how many ffmpeg processes at once, and x264 threads in each. */
export interface PieceParallelism {
  concurrency: number;
  threads: number;
}

/**
 * As many pieces as cores while they fit the budget beside the core, at least one; each piece
 * gets an equal share of the cores as x264 threads. One thread per piece is also x264's cheapest
 * way to use a core (no frame-threading overhead), so on 2 cores two single-threaded pieces beat
 * one piece with two threads in both memory and CPU (measured: one 2-thread piece kept 1.4–1.7
 * of the 2 cores busy). From two pieces on, the soundtrack's ffmpeg takes the place of one
 * (renderPieces starts that worker once the soundtrack has ended), in memory and on a core; one
 * piece alone runs beside it.
 */
export function pieceParallelism(input: PieceBudgetInput): PieceParallelism {
  const cores = Math.max(1, Math.floor(input.cores));
  const free = input.budgetBytes - input.residentBytes;
  const piece = (concurrency: number) => pieceMemoryBytes(input.frame, Math.max(1, Math.floor(cores / concurrency)), input.cues ?? 0);
  let concurrency = cores;
  while (concurrency > 1 && (concurrency - 1) * piece(concurrency) + Math.max(piece(concurrency), SOUNDTRACK_BYTES) > free) concurrency--;
  const threads = Math.max(1, Math.floor(cores / concurrency));
  // Alone and still over the budget beside the soundtrack: one thread is the least a piece can take.
  if (concurrency === 1 && piece(1) + SOUNDTRACK_BYTES > free) return { concurrency, threads: 1 };
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
  const cues = input.cues ?? 0;
  const others = (concurrency - 1) * pieceMemoryBytes(input.frame, threads, cues);
  return others + pieceMemoryBytes(input.frame, widened, cues) <= input.budgetBytes - input.residentBytes ? widened : threads;
}
