import { execFile } from 'node:child_process';

/**
 * Runs a child process to its end and parses the last line of its stdout as JSON. Rejects with the child's stderr
 * when it fails or prints no JSON.
 */
export function runJsonChild<T>(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        if (error) throw error;
        resolve(JSON.parse(last) as T);
      } catch (failure) {
        const why = failure instanceof Error ? failure.message : String(failure);
        reject(new Error(`${command} ${args[0]} failed: ${why}\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
      }
    });
  });
}
