import type { ImageInfo } from "@everruns/core";
import type { Db } from "./database.js";

/** A stored image: its description, its bytes and its thumbnail's bytes. */
export interface ImageRecord {
  info: ImageInfo;
  content: Uint8Array;
  thumbnail: Uint8Array;
}

/** Images table: the description as JSON, the image and its thumbnail as BLOBs. */
export class ImagesRepo {
  readonly #insert;
  readonly #info;
  readonly #blob;
  readonly #thumbnail;
  readonly #list;
  readonly #delete;

  constructor(db: Db) {
    this.#insert = db.prepare(
      "INSERT INTO images (id, created_at, doc, content, thumbnail) VALUES (@id, @created_at, @doc, @content, @thumbnail)",
    );
    this.#info = db.prepare<[string], { doc: string }>("SELECT doc FROM images WHERE id = ?");
    this.#blob = db.prepare<[string], { doc: string; content: Buffer }>(
      "SELECT doc, content FROM images WHERE id = ?",
    );
    this.#thumbnail = db.prepare<[string], { doc: string; content: Buffer }>(
      "SELECT doc, thumbnail AS content FROM images WHERE id = ?",
    );
    this.#list = db.prepare<[number, number], { doc: string }>(
      "SELECT doc FROM images ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
    );
    this.#delete = db.prepare<[string]>("DELETE FROM images WHERE id = ?");
  }

  /** Stores a new image. */
  insert(record: ImageRecord): void {
    this.#insert.run({
      id: record.info.id,
      created_at: record.info.created_at,
      doc: JSON.stringify(record.info),
      content: Buffer.from(record.content),
      thumbnail: Buffer.from(record.thumbnail),
    });
  }

  /** The description of an image. */
  get(id: string): ImageInfo | undefined {
    const row = this.#info.get(id);
    return row ? (JSON.parse(row.doc) as ImageInfo) : undefined;
  }

  /** An image's description and bytes (`thumbnail`: the thumbnail's bytes). */
  bytes(id: string, thumbnail: boolean): { info: ImageInfo; bytes: Uint8Array } | undefined {
    const row = (thumbnail ? this.#thumbnail : this.#blob).get(id);
    return row
      ? { info: JSON.parse(row.doc) as ImageInfo, bytes: new Uint8Array(row.content) }
      : undefined;
  }

  /** One page of images, newest first. */
  list(offset: number, limit: number): ImageInfo[] {
    return this.#list.all(limit, offset).map((row) => JSON.parse(row.doc) as ImageInfo);
  }

  /** Deletes an image; false when there was none. */
  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }
}
