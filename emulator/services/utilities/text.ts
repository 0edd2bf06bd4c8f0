// Utilities.formatString (sprintf) and Utilities.parseCsv (RFC 4180).
// https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)
//   "Performs sprintf-like string formatting using '%'-style format strings", e.g.
//   Utilities.formatString('%11.6f', 3.14159) → '   3.141590'.
// https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String)
//   "Returns a tabular 2D array representation of a CSV string"; fields follow RFC 4180
//   (www.rfc-editor.org/rfc/rfc4180): quoted fields may hold the delimiter, line breaks and "".

const SPEC = /%(?:(\d+)\$)?([-+ 0#,]*)(\d+)?(?:\.(\d+))?([sSdifeEgGxXoc%bB])/g;

function applyWidth(
  body: string,
  width: number | undefined,
  flags: string,
  numeric: boolean,
): string {
  if (width === undefined || body.length >= width) return body;
  if (flags.includes("-")) return body + " ".repeat(width - body.length);
  if (numeric && flags.includes("0")) {
    const sign = /^[+\- ]/.test(body) ? body[0] : "";
    const digits = sign ? body.slice(1) : body;
    return sign + "0".repeat(width - body.length) + digits;
  }
  return " ".repeat(width - body.length) + body;
}

function withSign(n: number, body: string, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return body;
  if (flags.includes("+")) return "+" + body;
  if (flags.includes(" ")) return " " + body;
  return body;
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(
    SPEC,
    (
      _m,
      pos: string | undefined,
      flags: string,
      w: string | undefined,
      p: string | undefined,
      conv: string,
    ) => {
      if (conv === "%") return "%";
      const width = w === undefined ? undefined : Number(w);
      const precision = p === undefined ? undefined : Number(p);
      const arg = pos !== undefined ? args[Number(pos) - 1] : args[next++];
      switch (conv) {
        case "s":
        case "S": {
          let s = arg === undefined ? "undefined" : arg === null ? "null" : String(arg);
          if (precision !== undefined) s = s.slice(0, precision);
          if (conv === "S") s = s.toUpperCase();
          return applyWidth(s, width, flags, false);
        }
        case "b":
        case "B": {
          const s = String(arg !== null && arg !== undefined && arg !== false);
          return applyWidth(conv === "B" ? s.toUpperCase() : s, width, flags, false);
        }
        case "c":
          return applyWidth(
            typeof arg === "number" ? String.fromCharCode(arg) : String(arg).charAt(0),
            width,
            flags,
            false,
          );
        case "d":
        case "i": {
          const n = Math.trunc(Number(arg));
          if (!Number.isFinite(n)) return applyWidth(String(n), width, flags, false);
          let body = String(Math.abs(n));
          if (flags.includes(",")) body = group(body);
          body = (n < 0 ? "-" : "") + body;
          return applyWidth(withSign(n, body, flags), width, flags, true);
        }
        case "f": {
          const n = Number(arg);
          if (!Number.isFinite(n)) return applyWidth(String(n), width, flags, false);
          let body = Math.abs(n).toFixed(precision ?? 6);
          if (flags.includes(",")) {
            const [i, f] = body.split(".");
            body = group(i) + (f !== undefined ? "." + f : "");
          }
          body = (n < 0 ? "-" : "") + body;
          return applyWidth(withSign(n, body, flags), width, flags, true);
        }
        case "e":
        case "E": {
          const n = Number(arg);
          let body = Math.abs(n)
            .toExponential(precision ?? 6)
            .replace(/e([+-])(\d)$/, "e$10$2");
          if (conv === "E") body = body.toUpperCase();
          return applyWidth(withSign(n, (n < 0 ? "-" : "") + body, flags), width, flags, true);
        }
        case "g":
        case "G": {
          const n = Number(arg);
          let body = Math.abs(n).toPrecision(precision === 0 ? 1 : (precision ?? 6));
          if (conv === "G") body = body.toUpperCase();
          return applyWidth(withSign(n, (n < 0 ? "-" : "") + body, flags), width, flags, true);
        }
        case "x":
        case "X":
        case "o": {
          const n = Math.trunc(Number(arg));
          let body = (n < 0 ? n >>> 0 : n).toString(conv === "o" ? 8 : 16);
          if (conv === "X") body = body.toUpperCase();
          if (flags.includes("#")) body = (conv === "o" ? "0" : conv === "X" ? "0X" : "0x") + body;
          return applyWidth(body, width, flags, true);
        }
        default:
          return _m;
      }
    },
  );
}

/** RFC 4180 parser; CRLF, LF or CR end a record; a final line break adds no empty record. */
export function parseCsv(csv: string, delimiter = ","): string[][] {
  if (delimiter.length !== 1) throw new Error("Invalid argument: delimiter");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  const text = String(csv);
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field === "") {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === delimiter) {
      endField();
      i++;
    } else if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error("Could not parse text: unterminated quoted field.");
  if (fieldStarted || field !== "" || row.length > 0) endRow();
  return rows;
}
