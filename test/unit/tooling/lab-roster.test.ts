import * as path from "path";

const { parseRoster } = require(path.join(__dirname, "..", "..", "..", "scripts", "lab", "roster.js")) as {
  parseRoster: (text: string, source?: string) => { username: string; name: string; role: string }[];
};

describe("teaching-lab roster (scripts/lab/roster.js)", () => {
  test("reads username, name, role; quoted names; comments; role defaults to student", () => {
    const r = parseRoster('# class of 2026\nusername,name,role\ndreyes,Dana Reyes,instructor\nalee,"Lee, Ann",\n\nb_chen-2,Bo Chen,Student\n');
    expect(r).toEqual([
      { username: "dreyes", name: "Dana Reyes", role: "instructor" },
      { username: "alee", name: "Lee, Ann", role: "student" },
      { username: "b_chen-2", name: "Bo Chen", role: "student" },
    ]);
    expect(parseRoster("username\nann\n")).toEqual([{ username: "ann", name: "", role: "student" }]);
  });

  test("every problem is an error naming the line", () => {
    expect(() => parseRoster("name,role\nx,student\n", "c.csv")).toThrow(/c.csv:1: the header must name a "username" column/);
    expect(() => parseRoster("username,email\nann,a@b\n", "c.csv")).toThrow(/c.csv:1: unknown column\(s\) "email"/);
    expect(() => parseRoster("username,name,role\nAnn,Ann,student\n", "c.csv")).toThrow(/c.csv:2: username "Ann" must be/);
    expect(() => parseRoster("username,name,role\nroot;rm,Ann,student\n", "c.csv")).toThrow(/c.csv:2: username/);
    expect(() => parseRoster("username,name,role\nann,Ann,teacher\n", "c.csv")).toThrow(/c.csv:2: role must be "student" or "instructor", got "teacher"/);
    expect(() => parseRoster("username,name,role\nann,Ann\n", "c.csv")).toThrow(/c.csv:2: expected 3 fields/);
    expect(() => parseRoster("username,name,role\nann,Ann,student\nann,Ann B,student\n", "c.csv")).toThrow(/c.csv:3: username ann is already on line 2/);
    expect(() => parseRoster('username,name\nann,"Ann\n', "c.csv")).toThrow(/c.csv:2: CSV: a quoted cell is not closed/);
    expect(() => parseRoster("username,name,role\n", "c.csv")).toThrow(/lists no accounts/);
    expect(() => parseRoster("", "c.csv")).toThrow(/empty roster/);
    expect(() => parseRoster(`username\n${"a".repeat(33)}\n`, "c.csv")).toThrow(/1-32 characters/);
  });
});
