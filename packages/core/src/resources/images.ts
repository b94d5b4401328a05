import { ValidationError } from "../errors/client-errors.js";
import type { ApiPromise } from "../http/api-promise.js";
import { Page } from "../pagination/page.js";
import type { PagePromise } from "../pagination/page-promise.js";
import type { RequestOptions } from "../request-options.js";
import type { ImageInfo, ImageListQuery, ImageUploadResponse } from "../types.js";
import { ApiResource } from "./api-resource.js";

/** What {@link Images.upload} accepts: a `Blob`/`File`, or bytes (then give `filename`). */
export type ImageSource = Blob | Uint8Array;

/** Options of {@link Images.upload}. */
export interface ImageUploadOptions {
  /** The file name sent with the bytes (default: a `File`'s own name, else `image`). */
  filename?: string;
  /** The session the image belongs to. */
  sessionId?: string;
}

/**
 * Images: upload one (`multipart/form-data`, part `file`), then send it in a message as
 * `{ type: "image_file", image_id }`. In Node, `uploadImageFromPath` (from
 * `@everruns/core/node`) reads a file from disk first.
 */
export class Images extends ApiResource {
  /** Uploads an image from a `Blob`/`File` or from bytes with a `filename`. */
  upload(
    source: ImageSource,
    uploadOptions: ImageUploadOptions = {},
    options?: RequestOptions,
  ): ApiPromise<ImageUploadResponse> {
    const form = new FormData();
    const check = () => {
      if (!(source instanceof Blob) && !(source instanceof Uint8Array)) {
        throw new ValidationError("the image must be a Blob, a File or a Uint8Array", "source");
      }
      const blob = source instanceof Blob ? source : new Blob([source as Uint8Array<ArrayBuffer>]);
      const ownName = typeof File !== "undefined" && source instanceof File ? source.name : "";
      form.append("file", blob, uploadOptions.filename ?? (ownName || "image"));
    };
    const query = uploadOptions.sessionId ? { session_id: uploadOptions.sessionId } : {};
    return this.request(
      "post",
      "/v1/images",
      // openapi-fetch sends a FormData body as is, and lets fetch set the multipart boundary.
      { params: { query }, body: form as unknown as { file: string }, check },
      options,
    );
  }

  /**
   * Lists images, newest first. The API answers a bare array per page; `for await` walks
   * later pages by `offset` until a short page.
   */
  list(query: ImageListQuery = {}, options?: RequestOptions): PagePromise<ImageInfo> {
    const limit = query.limit ?? 20;
    const pageAt = (offset: number): PagePromise<ImageInfo> =>
      this.pagedList("/v1/images", { params: { query: { ...query, offset } } }, options, (body) =>
        imagePage(body, offset, limit, pageAt),
      );
    return pageAt(query.offset ?? 0);
  }

  /** An image's bytes, as a `Blob` with its content type. */
  get(imageId: string, options?: RequestOptions): ApiPromise<Blob> {
    return this.request(
      "get",
      "/v1/images/{image_id}",
      { params: { path: { image_id: imageId } }, parseAs: "blob" },
      options,
    ) as ApiPromise<Blob>;
  }

  /** A smaller image of the same kind, as a `Blob`. */
  thumbnail(imageId: string, options?: RequestOptions): ApiPromise<Blob> {
    return this.request(
      "get",
      "/v1/images/{image_id}/thumbnail",
      { params: { path: { image_id: imageId } }, parseAs: "blob" },
      options,
    ) as ApiPromise<Blob>;
  }

  /** Deletes an image. */
  delete(imageId: string, options?: RequestOptions): ApiPromise<undefined> {
    return this.request(
      "delete",
      "/v1/images/{image_id}",
      { params: { path: { image_id: imageId } } },
      options,
    ) as ApiPromise<undefined>;
  }
}

function imagePage(
  data: ImageInfo[],
  offset: number,
  limit: number,
  pageAt: (offset: number) => PagePromise<ImageInfo>,
): Page<ImageInfo> {
  const full = data.length >= limit;
  return new Page({
    data,
    // The API does not count images; a full page means there may be more.
    total: offset + data.length + (full ? 1 : 0),
    offset,
    limit,
    fetchNext: full ? () => pageAt(offset + data.length) : undefined,
  });
}
