import { type RelayedTurnReport, readRelayedTurn } from "./read-relayed-turn.js";
import { type BrowserStorageReport, runStorage } from "./run-storage.js";
import { type BrowserTurnReport, runTurn } from "./run-turn.js";

declare global {
  interface Window {
    /** Called by the test through `page.evaluate`. */
    runTurn: (baseUrl: string, question: string) => Promise<BrowserTurnReport>;
    /** Reads a turn relayed by the page's own server. */
    readRelayedTurn: (question: string) => Promise<RelayedTurnReport>;
    /** Called by the test through `page.evaluate`. */
    runStorage: (baseUrl: string, png: number[]) => Promise<BrowserStorageReport>;
  }
}

window.runTurn = runTurn;
window.readRelayedTurn = readRelayedTurn;
window.runStorage = runStorage;
document.title = "ready";
