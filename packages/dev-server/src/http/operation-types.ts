import type { operations } from "@everruns/core";
import type { Context } from "hono";
import type { ServerContext } from "./server-context.js";

/** An operationId of our spec. */
export type OperationId = keyof operations;

type Params<Op extends OperationId> = operations[Op]["parameters"];

/** Validated path parameters of an operation. */
export type PathOf<Op extends OperationId> = NonNullable<Params<Op>["path"]>;
/** Validated query parameters of an operation, with the spec's defaults applied. */
export type QueryOf<Op extends OperationId> = NonNullable<Params<Op>["query"]>;
/** Validated JSON body of an operation (`undefined` for operations without one). */
export type BodyOf<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { "application/json": infer Body } };
}
  ? Body
  : operations[Op] extends { requestBody?: { content: { "application/json": infer Body } } }
    ? Body | undefined
    : undefined;

/** What a handler gets: the request, the shared server state and validated inputs. */
export interface OperationInput<Op extends OperationId> {
  c: Context;
  server: ServerContext;
  path: PathOf<Op>;
  query: QueryOf<Op>;
  body: BodyOf<Op>;
  /** The API base the request came in on (see `apiBase`). */
  base: string;
}

/** A handler of one operation. */
export type OperationHandler<Op extends OperationId> = (
  input: OperationInput<Op>,
) => Response | Promise<Response>;

/** One handler per operation of the spec: the compiler refuses a missing one. */
export type OperationHandlers = { [Op in OperationId]: OperationHandler<Op> };
