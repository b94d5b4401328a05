/** What the simulated model answers from. */
export interface ReplyInput {
  systemPrompt: string;
  question: string;
  toolOutcomes: readonly { name: string; outcome: string }[];
  /** Images the input message carried (`image_file` parts), by id and file name. */
  images?: readonly { id: string; filename: string | null | undefined }[];
  long: boolean;
  minChunks: number;
}

/** Words per streamed delta. */
export const WORDS_PER_CHUNK = 3;

/**
 * The simulated model's reply: short markdown bullets that say plainly that no real model
 * wrote them, and echo the system prompt, the question and any tool results.
 */
export function composeReply(input: ReplyInput): string {
  const lines = [
    "- This answer comes from the **simulated model** of the Everruns dev server: rules wrote it, not an LLM.",
    `- My system prompt says: "${clip(input.systemPrompt, 160) || "(none)"}"`,
    `- You asked: "${clip(input.question, 240) || "(nothing)"}"`,
    ...(input.images ?? []).map(
      (image) =>
        `- You sent the image \`${image.id}\`${image.filename ? ` (${image.filename})` : ""}; a simulated model cannot see it, but it arrived.`,
    ),
    ...input.toolOutcomes.map((tool) => `- The \`${tool.name}\` tool answered: ${tool.outcome}`),
    "- For real answers, start the dev server with `--model openai` and an OpenAI-compatible endpoint.",
  ];
  let text = lines.join("\n");
  if (input.long) text += `\n\n${longDocument()}`;
  // Count words as lines are added: re-chunking the whole text per line made a reply of N
  // chunks cost O(N²), a visible share of the server's CPU under load (bench 3).
  let words = wordCount(text);
  for (let n = 1; Math.ceil(words / WORDS_PER_CHUNK) < input.minChunks; n++) {
    const filler = `\n- Filler line ${n}, streamed slowly on purpose so that there is time to cancel.`;
    text += filler;
    words += wordCount(filler);
  }
  return text;
}

/** The text the `[simulate:think]` directive streams as thinking. */
export function composeThinking(question: string): string {
  return [
    "The user asked:",
    `"${clip(question, 120)}".`,
    "I am a simulated model, so I will not pretend to reason about it.",
    "I will restate the question, mention my system prompt,",
    "and answer in a few short bullet points.",
  ].join(" ");
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** Splits text into deltas of a few words each, keeping the whitespace after each word. */
export function chunkText(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) {
    chunks.push(words.slice(i, i + WORDS_PER_CHUNK).join(""));
  }
  return chunks;
}

/** Removes `[simulate:...]` directives (also `[simulate:name=value]`) and squeezes whitespace. */
export function stripDirectives(text: string): string {
  return text
    .replace(/\[simulate:[a-z]+(?:=[^\]\s]+)?\]/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const TOPICS = [
  "sessions",
  "turns",
  "events",
  "streams",
  "tools",
  "harnesses",
  "agents",
  "capabilities",
];

// About 2,000 words of markdown with headings, lists, tables of facts and a fenced code block,
// for testing renderers and long streams (`[simulate:long]`).
function longDocument(): string {
  const sections = TOPICS.map((topic, index) => {
    const paragraph = Array.from(
      { length: 5 },
      (_, n) =>
        `Sentence ${n + 1} about ${topic}: the simulated model writes this text so that long replies, scrolling and markdown rendering can be tried without a real model or a network connection.`,
    ).join(" ");
    const bullets = Array.from(
      { length: 6 },
      (_, n) => `- Point ${n + 1} on ${topic}, kept short and deterministic.`,
    ).join("\n");
    const code =
      index === 0
        ? `\n\n\`\`\`ts\nimport { Everruns } from "@everruns/core";\n\nconst client = new Everruns({ baseUrl: "http://127.0.0.1:9000", apiKey: "dev" });\nconst session = await client.sessions.create({ title: "Long reply" });\nawait client.messages.create(session.id, "Hello");\n\`\`\``
        : "";
    return `## ${index + 1}. About ${topic}\n\n${paragraph}\n\n${bullets}${code}\n\n${paragraph}`;
  });
  return `# A long simulated reply\n\n${sections.join("\n\n")}\n\n_End of the long simulated reply._`;
}
