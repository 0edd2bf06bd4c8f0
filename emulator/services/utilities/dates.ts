// Utilities.formatDate / parseDate: Java SimpleDateFormat patterns in an IANA time zone.
//
// https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
//   "Formats date according to specification described in Java SE SimpleDateFormat class".
// Java SE SimpleDateFormat (docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html):
//   letters A-Z/a-z are reserved pattern letters; text in single quotes is literal, '' is a quote;
//   for numbers the count is the minimum number of digits (zero-padded) except "yy", which is the
//   year truncated to two digits; for text, 4 or more letters mean the full form, fewer the short
//   form; for months, 3 or more letters mean text; z = general time zone (BST / British Summer
//   Time), Z = RFC 822 (+0100), X/XX/XXX = ISO 8601 (+01 / +0100 / +01:00, "Z" at zero).
// Java's TimeZone.getTimeZone treats an unknown zone id as GMT, and accepts custom ids
// "GMT+h", "GMT+hh:mm", "GMT+hhmm"; both are reproduced here.
// Wall-clock fields come from Intl with the zone, so GMT/BST (and every other DST rule) are exact.
//
// Not supported (they depend on Java locale week rules): Y (week year), w, W. They throw rather
// than print something plausible but wrong.

import {
  DAY_NAMES as DAYS,
  MONTH_NAMES as MONTHS,
  partsOfWallMs,
  type WallParts,
} from "../spreadsheet/tz";

interface Zone {
  /** IANA id for Intl, or null for a fixed offset. */
  iana: string | null;
  fixedOffsetMin: number;
  /** Java display name for custom/GMT zones ("GMT", "GMT+01:00"). */
  fixedName: string | null;
}

const zoneCache = new Map<string, Zone>();
const GMT_ALIASES = new Set([
  "GMT",
  "Etc/GMT",
  "Etc/GMT0",
  "Etc/GMT+0",
  "Etc/GMT-0",
  "GMT0",
  "Greenwich",
  "Etc/Greenwich",
]);

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (s.length >= width ? s : "0".repeat(width - s.length) + s);
}

function offsetName(offsetMin: number, colon = true): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const a = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(a / 60), 2)}${colon ? ":" : ""}${pad(a % 60, 2)}`;
}

export function resolveZone(id: string): Zone {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let zone: Zone;
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(id);
  if (custom) {
    const minutes =
      (Number(custom[2]) * 60 + Number(custom[3] ?? 0)) * (custom[1] === "-" ? -1 : 1);
    zone = { iana: null, fixedOffsetMin: minutes, fixedName: `GMT${offsetName(minutes)}` };
  } else if (GMT_ALIASES.has(id)) {
    zone = { iana: null, fixedOffsetMin: 0, fixedName: "GMT" };
  } else {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: id });
      zone = { iana: id, fixedOffsetMin: 0, fixedName: null };
    } catch {
      // Java: "the specified TimeZone, or the GMT zone if the given ID cannot be understood".
      zone = { iana: null, fixedOffsetMin: 0, fixedName: "GMT" };
    }
  }
  zoneCache.set(id, zone);
  return zone;
}

export interface WallClock extends WallParts {
  offsetMin: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

export function wallClock(ms: number, zone: Zone): WallClock {
  const millisecond = ((ms % 1000) + 1000) % 1000;
  if (!zone.iana) {
    return {
      ...partsOfWallMs(ms + zone.fixedOffsetMin * 60_000),
      millisecond,
      offsetMin: zone.fixedOffsetMin,
    };
  }
  let f = partsFormatters.get(zone.iana);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone.iana,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(zone.iana, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === "BC" || p.era === "B") year = 1 - year;
  const month = Number(p.month);
  const day = Number(p.day);
  const hour = Number(p.hour) % 24;
  const minute = Number(p.minute);
  const second = Number(p.second);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const utcDate = new Date(asUtc);
  const offsetMin = Math.round((asUtc - (ms - millisecond)) / 60_000);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    weekday: utcDate.getUTCDay(),
    offsetMin,
  };
}

function intlZoneName(ms: number, iana: string, locale: string, style: "short" | "long"): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone: iana, timeZoneName: style })
    .formatToParts(new Date(ms))
    .find((x) => x.type === "timeZoneName");
  return part?.value ?? "";
}

/** Java's general time zone name: short "BST", long "British Summer Time". */
export function zoneName(ms: number, zone: Zone, long: boolean, offsetMin: number): string {
  if (!zone.iana)
    return zone.fixedName === "GMT" && long ? "Greenwich Mean Time" : (zone.fixedName ?? "GMT");
  if (/^(Etc\/)?(UTC|UCT|Universal|Zulu)$/.test(zone.iana))
    return long ? "Coordinated Universal Time" : "UTC";
  const longName = intlZoneName(ms, zone.iana, "en-US", "long");
  if (long) return /^GMT[+-]/.test(longName) ? `GMT${offsetName(offsetMin)}` : longName;
  for (const locale of ["en-GB", "en-US"]) {
    const s = intlZoneName(ms, zone.iana, locale, "short");
    if (/^[A-Z]{2,5}$/.test(s)) return s;
  }
  // Intl has no abbreviation (e.g. Asia/Tokyo → "GMT+9"): Java prints the initials (JST).
  if (longName && !/^GMT/.test(longName)) {
    return longName
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .toUpperCase();
  }
  return `GMT${offsetName(offsetMin)}`;
}

type Token = { kind: "literal"; text: string } | { kind: "field"; letter: string; count: number };

const patternCache = new Map<string, Token[]>();

export function tokenize(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === "literal") last.text += text;
    else tokens.push({ kind: "literal", text });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= pattern.length) throw new Error("Unterminated quote");
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      literal(text);
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ kind: "field", letter: c, count: j - i });
      i = j;
    } else {
      literal(c);
      i++;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

function dayOfYear(w: WallClock): number {
  return (
    Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86_400_000) + 1
  );
}

function text(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const zone = resolveZone(timeZone);
  const w = wallClock(ms, zone);
  let out = "";
  for (const t of tokenize(pattern)) {
    if (t.kind === "literal") {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "G":
        out += w.year > 0 ? "AD" : "BC";
        break;
      case "y": {
        const y = w.year > 0 ? w.year : 1 - w.year;
        out += n === 2 ? pad(y % 100, 2) : pad(y, n);
        break;
      }
      case "M":
      case "L":
        out += n >= 3 ? text(MONTHS[w.month - 1], n) : pad(w.month, n);
        break;
      case "d":
        out += pad(w.day, n);
        break;
      case "D":
        out += pad(dayOfYear(w), n);
        break;
      case "F":
        out += pad(Math.floor((w.day - 1) / 7) + 1, n);
        break;
      case "E":
        out += text(DAYS[w.weekday], n);
        break;
      case "u":
        out += pad(w.weekday === 0 ? 7 : w.weekday, n);
        break;
      case "a":
        out += w.hour < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(w.hour, n);
        break;
      case "k":
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case "K":
        out += pad(w.hour % 12, n);
        break;
      case "h":
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case "m":
        out += pad(w.minute, n);
        break;
      case "s":
        out += pad(w.second, n);
        break;
      case "S":
        out += pad(w.millisecond, n);
        break;
      case "z":
        out += zoneName(ms, zone, n >= 4, w.offsetMin);
        break;
      case "Z":
        out += offsetName(w.offsetMin, false);
        break;
      case "X":
        if (n > 3) throw new Error(`invalid ISO 8601 format: length=${n}`);
        if (w.offsetMin === 0) out += "Z";
        else if (n === 1) out += offsetName(w.offsetMin, false).slice(0, 3);
        else out += offsetName(w.offsetMin, n === 3);
        break;
      case "Y":
      case "w":
      case "W":
        throw new Error(
          `Pattern letter '${t.letter}' (week-based) is not supported by the emulator's Utilities.formatDate.`,
        );
      default:
        throw new Error(`Illegal pattern character '${t.letter}'`);
    }
  }
  return out;
}

/** Epoch ms of a wall-clock time in a zone (the earlier instant when DST makes it ambiguous). */
export function zonedTimeToUtc(
  zone: Zone,
  f: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
  },
): number {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  if (!zone.iana) return asUtc - zone.fixedOffsetMin * 60_000;
  // Try the offsets in force a day either side; pick the one whose wall clock matches.
  const candidates = new Set([
    wallClock(asUtc - 86_400_000, zone).offsetMin,
    wallClock(asUtc, zone).offsetMin,
    wallClock(asUtc + 86_400_000, zone).offsetMin,
  ]);
  const matches = [...candidates]
    .map((off) => asUtc - off * 60_000)
    .filter((t) => {
      const w = wallClock(t, zone);
      return w.hour === f.hour && w.minute === f.minute && w.day === f.day;
    })
    .sort((a, b) => a - b);
  if (matches.length) return matches[0];
  // In a spring-forward gap: Java moves forward by the gap (01:30 → 02:30 BST).
  return asUtc - Math.min(...candidates) * 60_000;
}

/**
 * Utilities.parseDate for the numeric and month-name patterns (y M d H h m s S a and literals).
 * https://developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String)
 */
export function parseJavaDate(
  input: string,
  timeZone: string,
  pattern: string,
  nowMs = Date.now(),
): number {
  const zone = resolveZone(timeZone);
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pm: boolean | null = null;
  let twelveHour = false;
  let pos = 0;
  const fail = (): never => {
    throw new Error(`Unparseable date: "${input}"`);
  };
  const number = (maxDigits: number): number => {
    const m = new RegExp(`^[+-]?\\d{1,${maxDigits}}`).exec(input.slice(pos));
    if (!m) fail();
    pos += m![0].length;
    return Number(m![0]);
  };
  const tokens = tokenize(pattern);
  tokens.forEach((t, idx) => {
    if (t.kind === "literal") {
      if (input.slice(pos, pos + t.text.length) !== t.text) fail();
      pos += t.text.length;
      return;
    }
    // Adjacent numeric fields ("yyyyMMdd") take exactly their width.
    const next = tokens[idx + 1];
    const width = next && next.kind === "field" ? t.count : 10;
    switch (t.letter) {
      case "y": {
        const y = number(width);
        if (t.count <= 2 && y < 100) {
          // Java: a two-digit year lands within 80 years before and 20 after "now".
          const start = new Date(nowMs).getUTCFullYear() - 80;
          let year = Math.floor(start / 100) * 100 + y;
          if (year < start) year += 100;
          f.year = year;
        } else f.year = y;
        break;
      }
      case "M":
      case "L":
        if (t.count >= 3) {
          const rest = input.slice(pos).toLowerCase();
          const i = MONTHS.findIndex((m) => rest.startsWith(m.toLowerCase()));
          const j = MONTHS.findIndex((m) => rest.startsWith(m.slice(0, 3).toLowerCase()));
          if (i >= 0) {
            f.month = i + 1;
            pos += MONTHS[i].length;
          } else if (j >= 0) {
            f.month = j + 1;
            pos += 3;
          } else fail();
        } else f.month = number(width);
        break;
      case "d":
        f.day = number(width);
        break;
      case "E": {
        const rest = input.slice(pos).toLowerCase();
        const full = DAYS.find((d) => rest.startsWith(d.toLowerCase()));
        const short = DAYS.find((d) => rest.startsWith(d.slice(0, 3).toLowerCase()));
        if (full) pos += full.length;
        else if (short) pos += 3;
        else fail();
        break;
      }
      case "H":
      case "k":
        f.hour = number(width) % 24;
        break;
      case "h":
      case "K":
        f.hour = number(width) % 12;
        twelveHour = true;
        break;
      case "m":
        f.minute = number(width);
        break;
      case "s":
        f.second = number(width);
        break;
      case "S":
        f.millisecond = number(width);
        break;
      case "a": {
        const ap = input.slice(pos, pos + 2).toUpperCase();
        if (ap !== "AM" && ap !== "PM") fail();
        pm = ap === "PM";
        pos += 2;
        break;
      }
      default:
        throw new Error(
          `Pattern letter '${t.letter}' is not supported by the emulator's Utilities.parseDate.`,
        );
    }
  });
  if (twelveHour && pm) f.hour += 12;
  return zonedTimeToUtc(zone, f);
}
