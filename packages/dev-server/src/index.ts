export {
  DEFAULT_DB_PATH,
  type DevServer,
  type DevServerOptions,
  startDevServer,
} from "./start-dev-server.js";
