/**
 * Java submissions: compile every .java file beside the main one into a temporary directory with
 * javac and run the main class from there. Nothing is written next to the student's sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConformError } from '../errors.ts';
import { cleanupOf, makeBuildDir, removeBuildDir, runBuild, summariseFailure } from './build.ts';
import { findOnPath } from './command.ts';
import type { Submission } from './submission.ts';

const JAVAC_TIMEOUT_MS = 120_000;

export type JavaOptions = {
  /** Absolute path of the file holding `main`, e.g. /abs/P2P.java. */
  readonly source: string;
  readonly buildRoot?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
};

/** The package a Java source declares, or undefined for the default package. */
export function declaredPackage(text: string): string | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const match = /^\s*package\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*;/m.exec(code);
  return match ? match[1].replace(/\s+/g, '') : undefined;
}

export async function compileJava(options: JavaOptions): Promise<Submission> {
  const { source } = options;
  for (const tool of ['javac', 'java']) {
    if (!findOnPath(tool)) {
      throw new ConformError('unstartable', `${tool} is not on PATH, needed for ${source}: install a JDK (e.g. openjdk-17-jdk)`);
    }
  }
  const dir = dirname(source);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.java'))
    .map((e) => e.name)
    .sort();
  const pkg = declaredPackage(readFileSync(source, 'latin1'));
  const className = basename(source, '.java');
  const mainClass = pkg ? `${pkg}.${className}` : className;

  const build = await makeBuildDir(options.buildRoot);
  try {
    const javac = (encoding: string) =>
      runBuild({
        command: 'javac',
        // Relative names (cwd = the sources) keep javac's error lines short.
        args: ['-d', build, '-encoding', encoding, ...files],
        cwd: dir,
        timeoutMs: options.timeoutMs ?? JAVAC_TIMEOUT_MS,
        signal: options.signal,
      });
    let result = await javac('UTF-8');
    // Sources saved on Windows are often Latin-1/CP-1252 (accents in comments); javac rejects
    // those bytes as UTF-8, so try again reading them as Latin-1, which accepts any byte.
    if (result.code !== 0 && !result.timedOut && /unmappable character/.test(result.output)) {
      result = await javac('ISO-8859-1');
    }
    if (result.timedOut) {
      throw new ConformError('unstartable', `javac did not finish compiling ${source} within ${(options.timeoutMs ?? JAVAC_TIMEOUT_MS) / 1000} s`);
    }
    if (result.code !== 0) {
      const { line, details } = summariseFailure(result.output);
      throw new ConformError('unstartable', `could not compile ${source} with javac: ${line}`, details);
    }
    const classFile = join(build, ...mainClass.split('.')) + '.class';
    if (!existsSync(classFile)) {
      throw new ConformError(
        'unstartable',
        `javac compiled ${source} but produced no ${mainClass}.class: the file must declare class ${className}`,
      );
    }
  } catch (error) {
    await removeBuildDir(build);
    throw error;
  }
  const note = pkg ? `; package ${pkg}` : '';
  return {
    kind: 'java',
    program: ['java', '-cp', build, mainClass],
    description: `java -cp <build> ${mainClass} (compiled from ${source}${note})`,
    cleanup: cleanupOf(build),
  };
}
