/** CloudBase refuses a function call whose payload passes 100 KB (EXCEED_MAX_PAYLOAD_SIZE); larger inputs go through storage. */
export const CALL_PAYLOAD_LIMIT = 100 * 1024;
/** What a client sends inline at most: the rest of the envelope needs room too. */
export const INLINE_INPUT_LIMIT = 90 * 1024;
