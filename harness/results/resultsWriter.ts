// Writes successive versions of one results file in order: a write never overtakes a later one, so a
// slow partial flush can never overwrite the final results. Versions queued behind a write collapse
// into the newest, so a slow disk never builds a backlog.

import type { RunResults } from './runResults.ts';
import { writeResultsAtomic } from './resultsFile.ts';

export class ResultsWriter {
  readonly #path: string;
  #pending: RunResults | undefined;
  #writing: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(path: string) {
    this.#path = path;
  }

  /** Queues `results` to be written after any write in progress; a newer call replaces it if not yet started. */
  write(results: RunResults): Promise<void> {
    const idle = this.#pending === undefined;
    this.#pending = results;
    if (idle) {
      this.#writing = this.#writing.then(async () => {
        const next = this.#pending!;
        this.#pending = undefined;
        try {
          await writeResultsAtomic(this.#path, next);
        } catch (error) {
          this.#failure ??= error;
        }
      });
    }
    return this.#writing;
  }

  /** Waits for every queued write; rejects with the first write failure, if any. */
  async flush(): Promise<void> {
    await this.#writing;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
