import { execFile } from "node:child_process";

/** What a finished command printed and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Runs a command without a shell and resolves with its exit code and output, also when it
 * fails: tests assert on the code and show the output in the failure message.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`${file} ${args.join(" ")} did not run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Output of a command for a failure message: both streams, ANSI colours removed. */
export function describeOutput(result: CommandResult): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
  const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
  return `exit ${result.code}\n${plain(result.stdout)}\n${plain(result.stderr)}`.trim();
}
