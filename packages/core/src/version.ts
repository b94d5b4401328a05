import { PACKAGE_VERSION } from "./generated/version.js";

/** The version of `@everruns/core`, sent in the client header of every request. */
export const SDK_VERSION: string = PACKAGE_VERSION;

/** The SDK name sent in the `X-Everruns-Client` and `User-Agent` headers. */
export const SDK_NAME = "everruns-ts";
