import { AgentsRepo } from "./agents-repo.js";
import { type Db, openDatabase } from "./database.js";
import { EventsRepo } from "./events-repo.js";
import { FilesRepo } from "./files-repo.js";
import { ImagesRepo } from "./images-repo.js";
import { MemoriesRepo } from "./memories-repo.js";
import { MessagesRepo } from "./messages-repo.js";
import { SessionsRepo } from "./sessions-repo.js";
import { TurnsRepo } from "./turns-repo.js";
import { WorkspacesRepo } from "./workspaces-repo.js";

/** The dev server's storage: one SQLite database and a repository per table family. */
export class Store {
  readonly db: Db;
  readonly agents: AgentsRepo;
  readonly sessions: SessionsRepo;
  readonly messages: MessagesRepo;
  readonly events: EventsRepo;
  readonly turns: TurnsRepo;
  readonly workspaces: WorkspacesRepo;
  readonly memories: MemoriesRepo;
  /** The entries of every file tree, workspaces' and memories'. */
  readonly files: FilesRepo;
  readonly images: ImagesRepo;

  /** Opens `path` (`":memory:"` or a file) and prepares every statement. */
  constructor(path: string) {
    this.db = openDatabase(path);
    this.agents = new AgentsRepo(this.db);
    this.sessions = new SessionsRepo(this.db);
    this.messages = new MessagesRepo(this.db);
    this.events = new EventsRepo(this.db);
    this.turns = new TurnsRepo(this.db);
    this.workspaces = new WorkspacesRepo(this.db);
    this.memories = new MemoriesRepo(this.db);
    this.files = new FilesRepo(this.db);
    this.images = new ImagesRepo(this.db);
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
