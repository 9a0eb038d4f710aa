import { execFile } from 'node:child_process';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';

const installHint = 'install it with `apt-get install openjdk-17-jre-headless` (or from https://adoptium.net) and make sure `java` is on PATH';

class JavaRequiredError extends PrerequisiteError {
  constructor(found: string, options?: ErrorOptions) {
    super('JAVA_REQUIRED', `DynamoDB Local needs Java 17 or newer (found: ${found}); ${installHint}.`, options);
    this.name = 'JavaRequiredError';
  }
}

export interface JavaFound {
  readonly major: number;
  /** A JDK (module jdk.compiler) runs `java File.java`; a bare JRE does not. */
  readonly runsSourceFiles: boolean;
}

/**
 * Fails fast with one readable line when Java 17+ is missing, before anything else starts:
 * DynamoDB Local is a Java program and otherwise dies later with an obscure exit code.
 *
 * @example
 * const java = await requireJava(); // throws JavaRequiredError
 */
export async function requireJava(): Promise<JavaFound> {
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      // `java -version` writes its banner to stderr.
      execFile('java', args, (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}${stderr}`)));
    });
  const [banner, modules] = await Promise.all([
    run(['-version']).catch((error: unknown) => {
      throw new JavaRequiredError('no `java` command', { cause: error });
    }),
    run(['--list-modules']).catch(() => ''),
  ]);
  const major = javaMajorVersion(banner);
  if (major === undefined || major < 17) throw new JavaRequiredError(major === undefined ? 'an unknown version' : `Java ${major}`);
  return { major, runsSourceFiles: /^jdk\.compiler@/m.test(modules) };
}

/**
 * `version "1.8.0_392"` is Java 8, `version "17.0.15"` is Java 17.
 *
 * @internal exported for its tests only
 */
export function javaMajorVersion(banner: string): number | undefined {
  const version = /version "([^"]+)"/.exec(banner)?.[1];
  if (version === undefined) return undefined;
  const [first, second] = version.split('.');
  return Number(first === '1' ? second : first);
}
