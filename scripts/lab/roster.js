// The class roster of a teaching lab: a CSV file with a header line and one account a line.
//
//   username,name,role
//   instructor,Dana Reyes,instructor
//   ann_lee,Ann Lee,student
//
// username: 1-32 characters, a lowercase letter first, then lowercase letters, digits, "_" or
// "-" (what `useradd` accepts everywhere); name: free text (no comma unless quoted); role:
// "student" (default when the column is empty or missing) or "instructor" (a hub admin). Lines
// starting with "#" and empty lines are ignored. Any other problem is an error naming the line.
"use strict";
const fs = require("fs");
const path = require("path");

const USERNAME = /^[a-z][a-z0-9_-]{0,31}$/;
const ROLES = new Set(["student", "instructor"]);

/** One CSV line's fields, trimmed (the grader's RFC 4180 parser: quotes around fields with commas, "" is a quote). */
function csvFields(line) {
  const { parseCsv } = require(path.join(__dirname, "..", "..", "dist", "core", "csv.js"));
  return (parseCsv(line)[0] ?? [""]).map((f) => f.trim());
}

/** Parses roster text; returns [{ username, name, role }]. */
function parseRoster(text, source = "roster") {
  const lines = text.split(/\r?\n/);
  let header = null;
  const people = [];
  const seen = new Map();
  lines.forEach((raw, i) => {
    const where = `${source}:${i + 1}`;
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    let fields;
    try {
      fields = csvFields(line);
    } catch (err) {
      throw new Error(`${where}: ${err.message}`);
    }
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      if (!header.includes("username")) throw new Error(`${where}: the header must name a "username" column (expected "username,name,role"), got ${JSON.stringify(line)}`);
      const unknown = header.filter((h) => !["username", "name", "role"].includes(h));
      if (unknown.length) throw new Error(`${where}: unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(", ")} (expected username, name, role)`);
      return;
    }
    if (fields.length !== header.length) throw new Error(`${where}: expected ${header.length} fields (${header.join(",")}), got ${fields.length}`);
    const row = Object.fromEntries(header.map((h, k) => [h, fields[k]]));
    const username = row.username;
    if (!USERNAME.test(username)) throw new Error(`${where}: username ${JSON.stringify(username)} must be 1-32 characters: a lowercase letter, then lowercase letters, digits, "_" or "-"`);
    const role = (row.role || "student").toLowerCase();
    if (!ROLES.has(role)) throw new Error(`${where}: role must be "student" or "instructor", got ${JSON.stringify(row.role)}`);
    if (seen.has(username)) throw new Error(`${where}: username ${username} is already on line ${seen.get(username)}`);
    seen.set(username, i + 1);
    people.push({ username, name: row.name || "", role });
  });
  if (!header) throw new Error(`${source}: empty roster (expected a header "username,name,role" and one line per account)`);
  if (people.length === 0) throw new Error(`${source}: the roster lists no accounts`);
  return people;
}

function readRoster(file) {
  if (!fs.existsSync(file)) throw new Error(`roster not found: ${file}`);
  return parseRoster(fs.readFileSync(file, "utf8"), file);
}

module.exports = { parseRoster, readRoster, csvFields, USERNAME };
