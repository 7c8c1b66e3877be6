/**
 * Runs cells one at a time. Unlike tslab's queue, which aborts every request arriving within
 * 200 ms of an error, `abortWaiting()` aborts only the requests already waiting (what ipykernel
 * does for `stop_on_error`), so a runner that continues after an error is never refused.
 */
export class CellQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<{ aborted: boolean }>();

  add<T>(run: () => Promise<T>, aborted: () => T): Promise<T> {
    const ticket = { aborted: false };
    this.waiting.add(ticket);
    const result = this.tail.then(() => {
      this.waiting.delete(ticket);
      return ticket.aborted ? aborted() : run();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  abortWaiting(): void {
    for (const ticket of this.waiting) ticket.aborted = true;
  }
}
