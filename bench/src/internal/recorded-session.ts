/** Characters of `accumulated` kept in the recorded session (the cap). */
export const ACCUMULATED_CAP = 200;

/**
 * Builds the SSE frames of a recorded session of `count` `output.message.delta` events, about
 * 600 bytes each, with `accumulated` capped at 200 characters (so the total grows linearly).
 */
export function recordedFrames(count: number, sessionId: string): string[] {
  const frames: string[] = [];
  let text = "";
  const turnId = "turn_0192f0a0b1c27d3e8f90a1b2c3d4e5f6";
  for (let n = 1; n <= count; n++) {
    const delta = `word${n % 97} and another ${n % 13} `;
    text = (text + delta).slice(-ACCUMULATED_CAP);
    const id = `event_0192f0a0b1c27d3e${n.toString(16).padStart(16, "0")}`;
    const event = {
      id,
      type: "output.message.delta",
      ts: "2025-01-01T00:00:00.000Z",
      session_id: sessionId,
      sequence: n,
      context: { turn_id: turnId },
      data: { turn_id: turnId, delta, accumulated: text },
    };
    frames.push(
      `event: output.message.delta\nid: ${id}\nretry: 100\ndata: ${JSON.stringify(event)}\n\n`,
    );
  }
  return frames;
}
