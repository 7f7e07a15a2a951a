/** One timed run of one runner: the JSON line a child prints and `--json` passes on. */
export interface Measurement {
  /** `workload/runner`, e.g. `autoencoder/tsnets`. */
  name: string;
  backend: string;
  steps_per_s: number;
  /** This process's peak resident memory. */
  peak_rss_mb: number;
  /** The threads the runner computed with. */
  threads: number;
}

/** Prints the measurement of this (child) process as its one line of output. */
export function report(name: string, backend: string, stepsPerSecond: number, threads: number): void {
  // Linux reports maxRSS in kilobytes.
  const measurement: Measurement = {
    name,
    backend,
    steps_per_s: stepsPerSecond,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    threads,
  };
  console.log(JSON.stringify(measurement));
}

/** Runs a child's `main`, printing an error to stderr and failing the process's exit code. */
export function runChild(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
