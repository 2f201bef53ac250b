// A cheap look at an upload's nesting before JSON.parse sees it (issue 18, item 6: twenty 4 MiB uploads of deeply
// nested arrays stalled the loop for 10 s, in JSON.parse and in what validates its result). One pass over the text,
// no allocation: '[' and '{' outside strings open a level, ']' and '}' close one; a string's escapes are skipped.
// It does not check that the text is JSON (JSON.parse does, after); it only refuses nesting deeper than `max`.
// A recording or a create-room body nests at most 6 levels; MAX_UPLOAD_DEPTH leaves ample room.
export const MAX_UPLOAD_DEPTH = 64;

/** The first offset at which `text` nests deeper than `max`, or -1 if it never does. */
export function nestingOverAt(text: string, max: number = MAX_UPLOAD_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** The 400 message for a body nested too deeply, or null. */
export function tooDeep(text: string, max: number = MAX_UPLOAD_DEPTH): string | null {
  const at = nestingOverAt(text, max);
  return at < 0 ? null : `the upload nests arrays/objects more than ${max} levels deep (at byte ${at}); a recording nests at most a few levels`;
}
