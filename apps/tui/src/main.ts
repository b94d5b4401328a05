import { join, resolve } from "node:path";
import { HELP_TEXT, parseCliArgs } from "./cli-args.js";
import { connect } from "./connect.js";
import { dataDir } from "./data-dir.js";
import { describeError, EXIT, exitCodeOf } from "./error-message.js";
import { fileHistory, memoryHistory } from "./input-history.js";
import { createLocalToolRunner } from "./local-tools/local-tool-runner.js";
import { localTools } from "./local-tools/tool-set.js";
import { runPrint } from "./print-mode.js";
import { resolveAgent } from "./resolve-agent.js";
import { latestSessionId, resolveSessionId } from "./resolve-session.js";
import { resumeCommand } from "./resume-command.js";
import { runChatUi } from "./run-chat-ui.js";
import { SessionController } from "./session-controller.js";

/** The process streams and environment `main` runs with. */
export interface MainIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs `everruns-tui` and resolves with its exit code: the chat UI when stdin is a terminal,
 * else (or with `-p`) one answer printed to stdout. Reads `EVERRUNS_API_URL`,
 * `EVERRUNS_API_KEY` and `EVERRUNS_ORG_ID`; starts the embedded dev server without either
 * of the first two.
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === "help") {
    io.stdout.write(`${HELP_TEXT}\n`);
    return 0;
  }
  if (parsed.kind === "error") {
    io.stderr.write(`everruns-tui: ${parsed.message}\nTry everruns-tui --help.\n`);
    return EXIT.usage;
  }
  const { options } = parsed;
  let question = options.print;
  // Only without -p: an open pipe that never ends must not hang `everruns-tui -p`.
  if (question === undefined && !io.stdin.isTTY) {
    question = (await readAll(io.stdin)).trim();
    if (!question) {
      io.stderr.write('everruns-tui: no question given (use -p "question" or pipe one in)\n');
      return EXIT.usage;
    }
  }

  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    connection = await connect(options, io.env);
    const { client, server } = connection;
    const agent = await resolveAgent(client, options.agent, { local: server.local });
    let sessionId: string | undefined;
    if (options.resume?.sessionId) {
      sessionId = await resolveSessionId(client, options.resume.sessionId);
    } else if (options.continue) {
      sessionId = await latestSessionId(client);
      if (!sessionId)
        io.stderr.write("everruns-tui: no session to continue yet; starting a new one.\n");
    }
    if (question !== undefined) {
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once("SIGINT", onSigint);
      try {
        return await runPrint({
          client,
          agentId: agent.id,
          question,
          sessionId,
          harness: options.harness,
          format: options.outputFormat,
          stdout: io.stdout,
          stderr: io.stderr,
          signal: abort.signal,
        });
      } finally {
        process.off("SIGINT", onSigint);
      }
    }
    const controller = new SessionController({
      client,
      server,
      agent,
      sessionId,
      deferSession: options.resume !== undefined && sessionId === undefined,
      localTools: options.localTools
        ? createLocalToolRunner(localTools({ commands: options.allowCommands === true }), {
            roots: [process.cwd(), ...(options.allowDirs ?? []).map((dir) => resolve(dir))],
          })
        : undefined,
      harness: options.harness,
    });
    let resumable: string | undefined;
    try {
      await runChatUi(controller, io, {
        pickSessionAtStart: options.resume !== undefined && !sessionId,
        // Inputs are the user's own across servers and sessions; --ephemeral keeps nothing.
        history: options.ephemeral
          ? memoryHistory()
          : fileHistory(join(dataDir(io.env), "input-history.jsonl")),
      });
    } finally {
      resumable = await controller.finish();
    }
    const command = resumable ? resumeCommand(server, resumable) : undefined;
    if (command) io.stdout.write(`Resume this session with: ${command}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`everruns-tui: ${describeError(error)}\n`);
    return exitCodeOf(error);
  } finally {
    await connection?.close().catch(() => {});
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
