import { createContext, useContext } from "react";
import { createTheme, type Theme } from "../internal/theme.js";

/** The theme every component reads; the app provides one built from the environment. */
export const ThemeContext = createContext<Theme>(createTheme());

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
