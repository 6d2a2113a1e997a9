// Vitest globalSetup: one line per missing system package for the whole run (the test files only skip
// or fail), saying which tests it affects and the command that installs it.
import {
  chromiumAvailability,
  pythonClientsAvailability,
  varnishAvailability,
  virtuosoAvailability,
} from './system-packages.js';

export default function setup(): () => void {
  const hints = [
    chromiumAvailability(),
    pythonClientsAvailability(),
    virtuosoAvailability(),
    varnishAvailability(),
  ].flatMap((found) => found.hint ?? []);
  // Said at the end of the run, after vitest's own summary, where a reader of the output looks last.
  return () => {
    for (const hint of hints) console.log(`\n${hint}`);
  };
}
