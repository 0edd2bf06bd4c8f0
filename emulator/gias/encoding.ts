// GIAS downloads are Windows-1252 ("St Thomas à Becket" is one byte 0xE0); files that people
// re-save in Excel or LibreOffice come back as UTF-8, often with a byte-order mark.
import { createReadStream } from "node:fs";

export type FileEncoding = "utf8" | "win1252";

/**
 * UTF-8 when every byte of the file is valid UTF-8 (a BOM included), otherwise Windows-1252.
 * The whole file is checked, streaming, because the first accented name in a national file can
 * be tens of megabytes in; a Windows-1252 file is almost never valid UTF-8 by accident.
 */
export async function detectEncoding(path: string): Promise<FileEncoding> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return "utf8";
  } catch (error) {
    // Checked by code, not instanceof: the decoder's TypeError may come from another realm (jest, vm).
    if ((error as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") return "win1252";
    throw error;
  }
}
