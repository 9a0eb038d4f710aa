import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the functions' code lives: one folder per feature, each function a folder with its `handler.ts`. */
const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));

/**
 * Every function of the pipeline, by name, with the path of its handler: a folder holding
 * `handler.ts` inside a feature folder (`functions/surveys/survey-page/handler.ts`), or a feature
 * that is one function (`functions/console/handler.ts`). Names are the folders' and are unique.
 *
 * @example
 * ```ts
 * functionHandlers().get('survey-page'); // '/…/functions/surveys/survey-page/handler.ts'
 * ```
 *
 * @internal exported for its tests only
 */
export function functionHandlers(functionsDir: string = FUNCTIONS_DIR): ReadonlyMap<string, string> {
  const handlers = new Map<string, string>();
  for (const feature of readdirSync(functionsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const featureDir = join(functionsDir, feature.name);
    if (existsSync(join(featureDir, 'handler.ts'))) handlers.set(feature.name, join(featureDir, 'handler.ts'));
    for (const folder of readdirSync(featureDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      const handler = join(featureDir, folder.name, 'handler.ts');
      if (!existsSync(handler)) continue;
      if (handlers.has(folder.name)) throw new Error(`Two functions are named ${folder.name}: function folder names must be unique.`);
      handlers.set(folder.name, handler);
    }
  }
  return handlers;
}

/**
 * The handler file of the function `name`; throws naming the known functions when there is none.
 *
 * @example
 * ```ts
 * handlerEntryOf('submit-complaint'); // '/…/functions/intake/submit-complaint/handler.ts'
 * ```
 */
export function handlerEntryOf(name: string, functionsDir: string = FUNCTIONS_DIR): string {
  const handlers = functionHandlers(functionsDir);
  const entry = handlers.get(name);
  if (entry === undefined) throw new Error(`No function folder named ${name} under functions/ (there are: ${[...handlers.keys()].sort().join(', ')}).`);
  return entry;
}
