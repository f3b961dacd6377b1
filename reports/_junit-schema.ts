/** Validates a junit.xml against reports/junit-10.xsd with xmllint (WebAssembly: no binary). */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(new URL('./junit-10.xsd', import.meta.url), 'utf8');

/** The schema errors of `xml`, one line each; none when it is valid. */
export async function junitErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [XSD] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
