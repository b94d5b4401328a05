import type { ImageInfo } from "@everruns/core";
import { checkImage, imageSize, thumbnailOf } from "../../domain/images.js";
import { newId, nowIso } from "../../ids.js";
import type { OperationHandlers } from "../operation-types.js";
import { ApiProblem, notFound } from "../problem.js";
import { attachment } from "./file-tree.js";
import { findSession } from "./sessions.js";

type ImageHandlers = Pick<
  OperationHandlers,
  "uploadImage" | "listImages" | "getImage" | "getImageThumbnail" | "deleteImage"
>;

/** Images: multipart upload (part `file`), list, download, thumbnail, delete. */
export const imageHandlers: ImageHandlers = {
  async uploadImage({ c, server, query }) {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (!type.startsWith("multipart/form-data")) {
      throw new ApiProblem(
        415,
        "unsupported_media_type",
        "Send the image as multipart/form-data with a part named file.",
      );
    }
    if (query.session_id) findSession(server, query.session_id);
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new ApiProblem(400, "invalid_multipart", "The multipart body could not be parsed.");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") {
      throw new ApiProblem(400, "missing_file_part", "The form has no file part named file.");
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = checkImage(bytes);
    const info: ImageInfo = {
      id: newId("img"),
      filename: (file.name || "image").slice(0, 255),
      content_type: contentType,
      size_bytes: bytes.byteLength,
      metadata: imageSize(bytes, contentType),
      session_id: query.session_id ?? null,
      created_at: nowIso(),
    };
    server.store.images.insert({
      info,
      content: bytes,
      thumbnail: thumbnailOf(bytes, contentType),
    });
    const { id, filename, content_type, size_bytes, created_at } = info;
    return c.json({ id, filename, content_type, size_bytes, created_at }, 201);
  },
  listImages({ c, server, query }) {
    return c.json(server.store.images.list(query.offset ?? 0, query.limit ?? 20));
  },
  getImage({ server, path }) {
    return imageResponse(server.store.images.bytes(path.image_id, false), path.image_id);
  },
  getImageThumbnail({ server, path }) {
    return imageResponse(server.store.images.bytes(path.image_id, true), path.image_id);
  },
  deleteImage({ c, server, path }) {
    if (!server.store.images.delete(path.image_id)) throw notFound("image", path.image_id);
    return c.body(null, 204);
  },
};

function imageResponse(
  found: { info: ImageInfo; bytes: Uint8Array } | undefined,
  id: string,
): Response {
  if (!found) throw notFound("image", id);
  return new Response(found.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": found.info.content_type,
      "content-length": String(found.bytes.byteLength),
      "content-disposition": attachment(found.info.filename).replace("attachment", "inline"),
      "x-content-type-options": "nosniff",
    },
  });
}
