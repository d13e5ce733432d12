import type { FilterGraph } from './filter-graph';

/** A file input and the demuxer options that precede its `-i`. */
export interface FileInput {
  readonly kind: 'file';
  readonly path: string;
  /** Repeat a still image (`-loop 1`) so it becomes a video stream. */
  readonly loop?: boolean;
  /** Play the input again and again (`-stream_loop -1`): background music shorter than the video. */
  readonly streamLoop?: boolean;
  /** Frame rate of an image input (`-framerate`). */
  readonly framerate?: number;
  /** Read only this many seconds (`-t` before `-i`). */
  readonly durationS?: number;
  /** Start reading at this many seconds (`-ss` before `-i`). */
  readonly seekS?: number;
  /** Force the demuxer (`-f`), e.g. `concat` or `image2`. */
  readonly format?: string;
  /** Decoder threads (`-threads` before `-i`): 1 keeps memory down when many inputs are open at once. */
  readonly threads?: number;
  /** Demuxer options placed before `-i` as given, e.g. `['-safe', '0']` for concat lists with absolute paths. */
  readonly demuxerOptions?: readonly string[];
}

/** A generated source (`-f lavfi -i <graph>`): `color`, `testsrc2`, `sine`, `anullsrc`… */
export interface LavfiInput {
  readonly kind: 'lavfi';
  /** The source graph, built with `renderFilter` so its values are escaped. */
  readonly graph: string;
  readonly durationS?: number;
}

export type FfmpegInput = FileInput | LavfiInput;

/** Video encoding of one output. */
export interface VideoEncoding {
  readonly codec: string;
  readonly preset?: string;
  /** Constant rate factor (x264/x265). */
  readonly crf?: number;
  /** Constant quantiser; `0` with x264 is lossless. */
  readonly qp?: number;
  readonly pixelFormat?: string;
  readonly fps?: number;
}

/** Audio encoding of one output. */
export interface AudioEncoding {
  readonly codec: string;
  /** Bit rate, e.g. `192k`. */
  readonly bitrate?: string;
  readonly sampleRate?: number;
  readonly channels?: number;
  /** The encoder's own options, in order (`-aac_coder fast`…). */
  readonly encoderOptions?: Readonly<Record<string, string | number>>;
}

/** One output file and how it is encoded. */
export interface FfmpegOutput {
  readonly path: string;
  /** Streams to write: `[label]` pads of the graph (without brackets) or stream specifiers (`0:a`). */
  readonly maps: readonly string[];
  /** `null` writes no video (`-vn`); absent leaves ffmpeg's default for the container. */
  readonly video?: VideoEncoding | null;
  /** `null` writes no audio (`-an`). */
  readonly audio?: AudioEncoding | null;
  /** Stop writing after this many seconds (`-t` after the inputs). */
  readonly durationS?: number;
  /** Stop after this many video frames (`-frames:v`). */
  readonly frames?: number;
  /** Move the MP4 index to the front so playback starts before the file is fully read. */
  readonly faststart?: boolean;
  /** Force the muxer (`-f`), e.g. `null` for measuring passes. */
  readonly format?: string;
  /** Anything the typed options do not cover, placed just before the path. */
  readonly extra?: readonly string[];
}

/** A whole ffmpeg invocation. */
export interface FfmpegCommand {
  readonly inputs: readonly FfmpegInput[];
  readonly filterGraph?: FilterGraph | string;
  /** A simple audio filter chain for a single-input job (`-af`), when no graph is needed. */
  readonly audioFilter?: string;
  /**
   * Threads of the graph's slice-threaded filters (`-filter_complex_threads`; ffmpeg's default is
   * one per core). Not `-filter_threads`, which ffmpeg 5.1 applies only to `-vf`/`-af` chains.
   */
  readonly filterThreads?: number;
  /**
   * Stop at the first error (`-xerror`). By default ffmpeg treats an input it cannot read further
   * (a concat list's broken file) as its end, and exits 0 with what it wrote.
   */
  readonly exitOnError?: boolean;
  readonly output: FfmpegOutput;
  /** Report progress as `key=value` blocks on stdout (`-progress pipe:1 -nostats`); on by default. */
  readonly progress?: boolean;
  /** Overwrite the output (`-y`); on by default — callers write to fresh temporary paths. */
  readonly overwrite?: boolean;
}

const num = (n: number) => {
  if (!Number.isFinite(n) || n < 0) throw new Error(`Expected a non-negative number, got ${n}.`);
  return String(n);
};

function inputArgs(input: FfmpegInput): string[] {
  if (input.kind === 'lavfi') {
    const duration = input.durationS === undefined ? [] : ['-t', num(input.durationS)];
    return ['-f', 'lavfi', ...duration, '-i', input.graph];
  }
  const args: string[] = [];
  if (input.format !== undefined) args.push('-f', input.format);
  if (input.loop === true) args.push('-loop', '1');
  if (input.streamLoop === true) args.push('-stream_loop', '-1');
  if (input.framerate !== undefined) args.push('-framerate', num(input.framerate));
  if (input.seekS !== undefined) args.push('-ss', num(input.seekS));
  if (input.durationS !== undefined) args.push('-t', num(input.durationS));
  if (input.threads !== undefined) args.push('-threads', num(input.threads));
  if (input.demuxerOptions !== undefined) args.push(...input.demuxerOptions);
  // A path starting with '-' would be read as an option; `file:` makes it a path whatever its name.
  args.push('-i', input.path.startsWith('-') ? `file:${input.path}` : input.path);
  return args;
}

function mapArg(map: string): string {
  return /^\d+(:[vas](:\d+)?)?\??$/.test(map) ? map : `[${map}]`;
}

function videoArgs(video: VideoEncoding | null | undefined): string[] {
  if (video === null) return ['-vn'];
  if (video === undefined) return [];
  const args = ['-c:v', video.codec];
  if (video.preset !== undefined) args.push('-preset', video.preset);
  if (video.crf !== undefined) args.push('-crf', num(video.crf));
  if (video.qp !== undefined) args.push('-qp', num(video.qp));
  if (video.pixelFormat !== undefined) args.push('-pix_fmt', video.pixelFormat);
  if (video.fps !== undefined) args.push('-r', num(video.fps));
  return args;
}

function audioArgs(audio: AudioEncoding | null | undefined): string[] {
  if (audio === null) return ['-an'];
  if (audio === undefined) return [];
  const args = ['-c:a', audio.codec];
  if (audio.bitrate !== undefined) args.push('-b:a', audio.bitrate);
  if (audio.sampleRate !== undefined) args.push('-ar', num(audio.sampleRate));
  if (audio.channels !== undefined) args.push('-ac', num(audio.channels));
  for (const [name, value] of Object.entries(audio.encoderOptions ?? {})) args.push(`-${name}`, typeof value === 'number' ? num(value) : value);
  return args;
}

function outputArgs(output: FfmpegOutput): string[] {
  const args = output.maps.flatMap((m) => ['-map', mapArg(m)]);
  args.push(...videoArgs(output.video), ...audioArgs(output.audio));
  if (output.durationS !== undefined) args.push('-t', num(output.durationS));
  if (output.frames !== undefined) args.push('-frames:v', num(output.frames));
  if (output.faststart === true) args.push('-movflags', '+faststart');
  if (output.format !== undefined) args.push('-f', output.format);
  args.push(...(output.extra ?? []));
  args.push(output.path === '-' || !output.path.startsWith('-') ? output.path : `file:${output.path}`);
  return args;
}

/**
 * The argument array for `spawn(ffmpeg, args)` — never a shell string, so no value is ever
 * re-parsed by a shell. Order matters to ffmpeg: global options, then each input's options
 * before its `-i`, then the graph, then the output's options before its path.
 */
export function buildFfmpegArgs(command: FfmpegCommand): string[] {
  const args = ['-hide_banner', '-nostdin'];
  if (command.overwrite ?? true) args.push('-y');
  else args.push('-n');
  if (command.progress ?? true) args.push('-progress', 'pipe:1', '-nostats');
  if (command.filterThreads !== undefined) args.push('-filter_complex_threads', num(command.filterThreads));
  if (command.exitOnError === true) args.push('-xerror');
  for (const input of command.inputs) args.push(...inputArgs(input));
  if (command.filterGraph !== undefined) {
    const graph = command.filterGraph.toString();
    if (graph.length > 0) args.push('-filter_complex', graph);
  }
  if (command.audioFilter !== undefined) args.push('-af', command.audioFilter);
  args.push(...outputArgs(command.output));
  return args;
}
