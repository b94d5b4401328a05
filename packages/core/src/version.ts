/** The version of `@everruns/core`, sent in the client header of every request. */
export const SDK_VERSION = "0.1.0";

/** The SDK name sent in the `X-Everruns-Client` header. */
export const SDK_NAME = "everruns-ts";
