/** Stops gracefully on SIGINT/SIGTERM (drain workers, close the database); a second signal forces exit. */
export function runUntilSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (sig: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${sig}: stopping (draining work in progress)…`);
    stop().then(
      () => process.exit(0),
      (e) => {
        console.error('Error while stopping', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
