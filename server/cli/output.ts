// Buffered line output for the CLI: a 1,000-agent run prints tens of thousands of lines, so lines are joined
// into large chunks and written with back-pressure. A closed reader (`| head`) ends output quietly.
// Invariant: lines reach the sink in order, each followed by exactly one "\n".
import type { Writable } from 'node:stream';

/** Where chunks go: a stream, a string collector in tests, a byte counter in benchmarks. */
export interface ChunkSink {
  /** Resolves when the sink can take more (back-pressure). */
  write(chunk: string): void | Promise<void>;
  /** True once the reader went away; writers stop producing. */
  readonly closed: boolean;
}

export const FLUSH_CHARS = 64 * 1024;

export class LineWriter {
  private parts: string[] = [];
  private size = 0;
  lines = 0;

  constructor(private readonly sink: ChunkSink) {}

  get closed(): boolean {
    return this.sink.closed;
  }

  /** Queue one line; returns a promise only when a flush had to wait for the sink. */
  line(text: string): void | Promise<void> {
    this.parts.push(text);
    this.size += text.length + 1;
    this.lines += 1;
    if (this.size >= FLUSH_CHARS) return this.flush();
  }

  flush(): void | Promise<void> {
    if (this.parts.length === 0 || this.sink.closed) {
      this.parts = [];
      this.size = 0;
      return;
    }
    // One part per line and the newlines from join (an empty last part ends the chunk with one): half the array.
    this.parts.push('');
    const chunk = this.parts.join('\n');
    this.parts = [];
    this.size = 0;
    return this.sink.write(chunk);
  }
}

/** A sink over process.stdout (or any Writable) that waits for 'drain' and treats EPIPE as "reader done". */
export function streamSink(stream: Writable): ChunkSink {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return {
    get closed() {
      return closed;
    },
    write(chunk) {
      if (closed) return;
      // stdout on a Linux pipe writes synchronously and reports EPIPE on a later tick: yield once per chunk
      // (64 KB) so a closed reader is noticed before the whole run is rendered for nobody.
      if (stream.write(chunk)) return new Promise<void>((resolve) => setImmediate(resolve));
      return new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
    },
  };
}

/** Collects everything (tests, golden logs). */
export function stringSink(): ChunkSink & { text(): string } {
  const chunks: string[] = [];
  return {
    closed: false,
    write(chunk) {
      chunks.push(chunk);
    },
    text: () => chunks.join(''),
  };
}

/** Counts characters only (benchmarks: the cost of producing output without a terminal). */
export function countingSink(): ChunkSink & { chars: number; chunks: number } {
  const sink = {
    closed: false,
    chars: 0,
    chunks: 0,
    write(chunk: string) {
      sink.chars += chunk.length;
      sink.chunks += 1;
    },
  };
  return sink;
}
