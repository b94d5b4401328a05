import { type BrowserTurnReport, runTurn } from "./run-turn.js";

declare global {
  interface Window {
    /** Called by the test through `page.evaluate`. */
    runTurn: (baseUrl: string, question: string) => Promise<BrowserTurnReport>;
  }
}

window.runTurn = runTurn;
document.title = "ready";
