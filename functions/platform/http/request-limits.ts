/** Bodies above this are refused before parsing: the longest valid complaint is about 20 KB. */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * An error body lists at most this many field problems, then says how many more there were: a
 * 32 KiB body of 4,250 unknown keys would otherwise earn a 381 KB answer.
 */
export const MAX_ERROR_DETAILS = 20;

/** Field names, content types and paths echoed in an error are cut to this many characters. */
export const MAX_ECHOED_CHARS = 64;
