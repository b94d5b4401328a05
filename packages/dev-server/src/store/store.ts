import { AgentVersionsRepo } from "./agent-versions-repo.js";
import { AgentsRepo } from "./agents-repo.js";
import { type Db, openDatabase } from "./database.js";
import { DeclarativeCapabilitiesRepo } from "./declarative-capabilities-repo.js";
import { EventsRepo } from "./events-repo.js";
import { FilesRepo } from "./files-repo.js";
import { HarnessesRepo } from "./harnesses-repo.js";
import { HealthChecksRepo } from "./health-checks-repo.js";
import { ImagesRepo } from "./images-repo.js";
import { MemoriesRepo } from "./memories-repo.js";
import { MessagesRepo } from "./messages-repo.js";
import { ResourceStatsRepo } from "./resource-stats-repo.js";
import { SessionStatsRepo } from "./session-stats-repo.js";
import { SessionStorageRepo } from "./session-storage-repo.js";
import { SessionsRepo } from "./sessions-repo.js";
import { TasksRepo } from "./tasks-repo.js";
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
  readonly sessionStorage: SessionStorageRepo;
  readonly sessionStats: SessionStatsRepo;
  readonly tasks: TasksRepo;
  // control plane A
  readonly agentVersions: AgentVersionsRepo;
  readonly healthChecks: HealthChecksRepo;
  readonly harnesses: HarnessesRepo;
  readonly resourceStats: ResourceStatsRepo;
  readonly declarativeCapabilities: DeclarativeCapabilitiesRepo;
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
    this.sessionStorage = new SessionStorageRepo(this.db);
    this.sessionStats = new SessionStatsRepo(this.db);
    this.tasks = new TasksRepo(this.db);
    this.agentVersions = new AgentVersionsRepo(this.db);
    this.healthChecks = new HealthChecksRepo(this.db);
    this.harnesses = new HarnessesRepo(this.db);
    this.resourceStats = new ResourceStatsRepo(this.db);
    this.declarativeCapabilities = new DeclarativeCapabilitiesRepo(this.db);
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
