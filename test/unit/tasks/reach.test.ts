import { reachByModel } from "../../../course/experiments";
test("reachByModel: largest dial reached with every shorter one", () => {
  const rec = (model: string, dial: number, a: number) => ({ model, dial, seed: 0, testAccuracy: a, trainAccuracy: a, parameters: 1, seconds: 0 });
  expect(reachByModel([rec("a", 4, 1), rec("a", 8, 0.95), rec("a", 16, 0.5), rec("a", 32, 0.95), rec("b", 4, 0.6)], 0.9)).toEqual([{ model: "a", reach: 8 }, { model: "b", reach: 0 }]);
});
