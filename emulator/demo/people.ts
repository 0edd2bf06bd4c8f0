// Invented people for the demo (all at example.org) and a seeded random source, so every demo
// run tells the same story.

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Amara",
  "Ben",
  "Chloe",
  "Dev",
  "Ella",
  "Farid",
  "Grace",
  "Harry",
  "Isla",
  "Jamal",
  "Kate",
  "Liam",
  "Maya",
  "Noah",
  "Olivia",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Usman",
  "Vera",
  "Will",
  "Yasmin",
  "Zak",
  "Aled",
  "Bethan",
  "Ciaran",
  "Daisy",
  "Ewan",
];
const LAST = [
  "Adeyemi",
  "Brown",
  "Chen",
  "Davies",
  "Evans",
  "Fisher",
  "Green",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Morgan",
  "Nowak",
  "Okafor",
  "Patel",
  "Quinlan",
  "Roberts",
  "Singh",
  "Taylor",
  "Usher",
  "Vaughan",
  "Walker",
  "Young",
];

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
}

export function people(random: () => number): () => Person {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const firstName = FIRST[Math.floor(random() * FIRST.length)]!;
      const lastName = LAST[Math.floor(random() * LAST.length)]!;
      const email = `${firstName}.${lastName}@example.org`.toLowerCase();
      if (!used.has(email)) {
        used.add(email);
        return { firstName, lastName, email };
      }
    }
  };
}
