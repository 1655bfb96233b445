/**
 * Template tag for Lua sources: like String.raw, so `\n` or `\128` reach Lua unchanged (Lua, not
 * JavaScript, interprets the escapes). Interpolations work as usual.
 */
export const lua = String.raw;
