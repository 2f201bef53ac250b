// A socket.io client socket for tests of web/socket.ts: its server side is a table of command -> answer.
type Handler = (...args: never[]) => void;
type AckCb = (err: Error | null, result?: unknown) => void;

/** A socket whose server side is a table of command -> answer (undefined: never answers). */
export class FakeSocket {
  handlers = new Map<string, Handler>();
  ioHandlers = new Map<string, () => void>();
  sent: { event: string; payload: unknown }[] = [];
  answers: Record<string, unknown> = {};
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
    return this;
  }
  emit() {
    throw new Error('the client must always use timeout() so commands cannot hang');
  }
  timeout() {
    return {
      emit: (event: string, payload: unknown, cb: AckCb) => {
        this.sent.push({ event, payload });
        const answer = this.answers[event];
        if (answer === 'timeout') cb(new Error('operation has timed out'));
        else if (answer !== undefined) cb(null, answer);
      },
    };
  }
  connects = 0;
  disconnect() {
    return this;
  }
  connect() {
    this.connects++;
    return this;
  }
  io = { on: (event: string, fn: () => void) => this.ioHandlers.set(event, fn) };
  fire(event: string, ...args: unknown[]) {
    (this.handlers.get(event) as (...a: unknown[]) => void)(...args);
  }
}
