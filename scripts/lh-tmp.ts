import { lighthouseScores } from "./lib/lighthouse";
const pages = [
  { name: "public overview", path: "/public/en" },
  { name: "public pillar page", path: "/public/en/pillars/1" },
];
const scores = await lighthouseScores("http://localhost:3077", pages, Number(process.argv[2] ?? 1));
for (const s of scores) console.log(JSON.stringify(s));
