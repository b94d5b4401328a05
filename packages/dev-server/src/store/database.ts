import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { connect, type Db } from "./sqlite-connection.js";

export type { Db, Statement } from "./sqlite-connection.js";

// Rows keep the full API object as JSON in `doc`, plus the columns that queries filter or sort
// on. The API shapes are wide and evolve with the spec; only what we search needs a column.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  agent_id TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_agent ON sessions (agent_id);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (session_id, sequence)
);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  type TEXT NOT NULL,
  ts TEXT NOT NULL,
  turn_id TEXT,
  exec_id TEXT,
  trace_id TEXT,
  tool_name TEXT,
  tags TEXT,
  doc TEXT NOT NULL,
  UNIQUE (session_id, sequence)
);
CREATE TABLE IF NOT EXISTS turns (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  input_message_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_status ON turns (status);
CREATE TABLE IF NOT EXISTS session_secrets (
  session_id TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, name)
);
CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  state TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_by_session ON tasks (session_id);
CREATE TABLE IF NOT EXISTS task_messages (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (task_id, seq)
);
CREATE TABLE IF NOT EXISTS session_kv (
  session_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (session_id, key)
);
-- control plane A: agent versions, health-check runs, user harnesses, declarative capabilities
CREATE TABLE IF NOT EXISTS agent_versions (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  version_number INTEGER NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (agent_id, version_number)
);
CREATE TABLE IF NOT EXISTS health_check_runs (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS health_check_runs_by_agent ON health_check_runs (agent_id);
CREATE TABLE IF NOT EXISTS harnesses (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE, -- NULL once deleted: the name is free again
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS declarative_capabilities (
  id TEXT PRIMARY KEY,
  capability_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
-- Agent and harness stats count turns per session.
CREATE INDEX IF NOT EXISTS turns_by_session ON turns (session_id);
-- end control plane A
-- storage: workspaces, memories, their file trees, images
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS memories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
-- The entries of every file tree (workspaces and memories), keyed by owner id and normalized
-- path; file content is stored once, as bytes.
CREATE TABLE IF NOT EXISTS files (
  owner_id TEXT NOT NULL,
  path TEXT NOT NULL,
  id TEXT NOT NULL,
  is_directory INTEGER NOT NULL,
  is_readonly INTEGER NOT NULL,
  content BLOB,
  size_bytes INTEGER NOT NULL,
  content_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (owner_id, path)
);
CREATE TABLE IF NOT EXISTS images (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  content BLOB NOT NULL,
  thumbnail BLOB NOT NULL
);
`;

/**
 * Opens (creating if needed) the dev server's SQLite database: `":memory:"` or a file path,
 * whose folder is created. File databases use WAL with `synchronous = NORMAL`: a committed
 * event survives a killed process (only an OS crash can lose the last commits).
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = connect(path);
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // 16 MB of page cache instead of SQLite's 2 MB default: inserts spread over many sessions
  // otherwise re-read index pages.
  db.pragma("cache_size = -16000");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  return db;
}
