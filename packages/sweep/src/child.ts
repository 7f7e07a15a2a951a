/**
 * The entry of a trial process (forked by `LocalPool`): runs the trials its
 * parent sends, one at a time, and answers with each result or failure.
 * Stop signals from a terminal reach the whole process group: the parent
 * decides what stops, so this process ignores them and exits when its parent
 * disconnects.
 */
import { ready } from '@tsnets/core';
import { runTrial } from './run-trial';
import { capThreads } from './threads';
import type { ChildReply, ChildRequest } from './pool';

for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => undefined);
process.on('SIGTERM', () => process.exit(143));
process.on('disconnect', () => process.exit(0));

const send = (reply: ChildReply): void => {
  if (process.connected) process.send?.(reply);
};

let queue: Promise<void> = ready().then(capThreads);

process.on('message', (request: ChildRequest) => {
  queue = queue.then(async () => {
    try {
      const result = await runTrial(request.trial, undefined, request.save);
      send({ task: request.task, result });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      send({ task: request.task, error: { name: failure.name, message: failure.message } });
    }
  });
});
