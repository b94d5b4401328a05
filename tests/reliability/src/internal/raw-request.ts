import { request } from "node:http";

/** A request exactly as sent: raw path, raw header list (duplicates allowed), raw body. */
export interface RawRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string | Buffer | undefined;
}

/** What came back. SSE bodies are not read: the answer is over once its headers are in. */
export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Sends a request with node:http, which (unlike fetch) sends duplicated headers and paths with
 * `..` or `%2F` as they are. Rejects on network errors, which for a local server means it died
 * or dropped the connection.
 */
export function sendRaw(port: number, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A header given several values is sent as several lines, duplicates included.
    const headers: Record<string, string[]> = {};
    for (const [name, value] of raw.headers) headers[name] = [...(headers[name] ?? []), value];
    if (raw.body !== undefined) headers["content-length"] = [String(Buffer.byteLength(raw.body))];
    const req = request(
      { host: "127.0.0.1", port, method: raw.method, path: raw.path, headers, agent: false },
      (res) => {
        const contentType = String(res.headers["content-type"] ?? "");
        if (contentType.startsWith("text/event-stream")) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, contentType, body: "" });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${raw.method} ${raw.path}`)));
    req.end(raw.body);
  });
}
