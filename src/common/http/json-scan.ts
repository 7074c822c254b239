/** How deep objects and arrays may nest in a request body; the deepest DTO nests three levels. */
export const MAX_JSON_DEPTH = 32;

export interface JsonScan {
  /** The nesting went past the maximum. */
  tooDeep: boolean;
  /** A string holds an escaped NUL (`\u0000`), which PostgreSQL cannot store in text. */
  hasNul: boolean;
}

/**
 * One pass over a JSON text before it is parsed: how deep it nests and whether a string escapes a
 * NUL. A raw NUL or an unbalanced bracket makes the text invalid JSON, which the parser refuses
 * anyway; this only has to be exact for valid JSON. Stops at the first reason to refuse.
 */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonScan {
  let depth = 0;
  let inString = false;
  let hasNul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        if (text.charCodeAt(i + 1) === 0x75 /* u */ && text.startsWith('0000', i + 2)) hasNul = true;
        i++;
      } else if (c === 0x22 /* " */) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return { tooDeep: true, hasNul };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return { tooDeep: false, hasNul };
}

/** The paths (`a.b[2]`) of the strings, and object keys, of a parsed value that contain a NUL. */
export function pathsWithNul(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [path || 'body'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsWithNul(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => {
      const at = path ? `${path}.${key}` : key;
      return key.includes('\0') ? [at] : pathsWithNul(v, at);
    });
  }
  return [];
}
