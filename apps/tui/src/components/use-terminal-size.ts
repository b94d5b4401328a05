import { useStdout } from "ink";
import { useEffect, useState } from "react";

/** Size of the terminal in columns and rows. */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size, updated on resize (80×24 when the output is not a terminal). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const onResize = () => setSize(readSize(stdout));
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return size;
}

function readSize(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
