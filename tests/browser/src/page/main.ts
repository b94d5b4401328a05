import { type RelayedTurnReport, readRelayedTurn } from "./read-relayed-turn.js";
import { type BrowserTurnReport, runTurn } from "./run-turn.js";

declare global {
  interface Window {
    /** Called by the test through `page.evaluate`. */
    runTurn: (baseUrl: string, question: string) => Promise<BrowserTurnReport>;
    /** Reads a turn relayed by the page's own server. */
    readRelayedTurn: (question: string) => Promise<RelayedTurnReport>;
  }
}

window.runTurn = runTurn;
window.readRelayedTurn = readRelayedTurn;
document.title = "ready";
