/**
 * Real data sets read from Debian packages installed on this machine.
 *
 * The files are not copied into the repository: the project's set-up installs the
 * packages (`scripts/system-deps.js`, `.ci/run`), and every loader here reads the
 * installed file and fails loudly, naming the package and the command, when it is
 * missing. Sources, licences and citations: datasets/README.md.
 */
import * as fs from "fs";
import * as path from "path";
import { RnnlabError, badArgument } from "../core/errors";

/** A data file shipped by a Debian package. */
export interface SystemDataFile {
  /** Absolute path of the file when the package is installed. */
  path: string;
  /** The Debian package that ships it. */
  debianPackage: string;
}

/** Folder of nitime's example data (Debian `python3-nitime`). */
export const NITIME_DATA_DIR = "/usr/lib/python3/dist-packages/nitime/data";

/**
 * Reads a system data file as text, or throws an error that says which Debian
 * package provides it and how to install it.
 * @param where the calling function (for the message)
 * @param file the file and its package
 */
export function readSystemDataFile(where: string, file: SystemDataFile): string {
  return readSystemDataBytes(where, file).toString("utf8");
}

/** As `readSystemDataFile`, the raw bytes (for binary files). */
export function readSystemDataBytes(where: string, file: SystemDataFile): Buffer {
  if (typeof file?.path !== "string" || !path.isAbsolute(file.path)) badArgument(where, "file.path", "an absolute path", file?.path);
  if (!fs.existsSync(file.path)) {
    throw new RnnlabError(
      `${where}: ${file.path} not found. It ships with the Debian package ${file.debianPackage}: ` +
        `run \`npm install\` as root (the set-up installs it), or \`apt-get install -y ${file.debianPackage}\` as root.`,
    );
  }
  return fs.readFileSync(file.path);
}
