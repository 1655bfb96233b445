import { answered, type Case, noLeak } from '../support/case.js';
import { commandBody, mallory, TEAM, tom, trent } from '../support/world.js';

/**
 * Hostile Unicode through every text people type: right-to-left overrides, zero-width and
 * invisible characters, stacks of combining marks, emoji sequences, lone surrogates, control
 * characters, homoglyphs and 10,000-character strings, as command text, notes, names, handles,
 * search queries, Teams messages and web paths.
 */
export const HOSTILE: Array<[string, string]> = [
  ['RTL override', 'abc\u202Eexe.txt'],
  ['RTL mark and isolate', '\u200F\u2067alice\u2069'],
  ['zero-width space', 'ali\u200Bce-h'],
  ['zero-width joiner', 'bob\u200D-h'],
  ['byte order mark', '\uFEFFbob-h'],
  ['combining stack', `Z${'\u0336\u0337\u0338\u0300\u0301'.repeat(60)}algo`],
  ['emoji ZWJ family', '👩‍👩‍👧‍👦 family'],
  ['flags and skin tones', '🇯🇵🇻🇳 👍🏽'],
  ['lone high surrogate', 'x\uD800y'],
  ['lone low surrogate', 'x\uDC00y'],
  ['NUL and controls', 'a\u0000b\u0007c\u001Bd'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['Cyrillic homoglyph of a handle', 'аlice-h'],
  ['fullwidth handle', 'ａｌｉｃｅ-h'],
  ['10,000 characters', 'é'.repeat(10_000)],
  ['10,000 emoji', '😀'.repeat(10_000)],
];

let n = 0;
const person = (name: string) => ({ id: `U_UNI${String(++n).padStart(3, '0')}`, name, teamId: TEAM });

const asCommand: Case[] = HOSTILE.map(([label, s]) => ({
  name: `unicode: command text, ${label}`,
  run: (w) => w.command(mallory, s),
}));
const asNote: Case[] = HOSTILE.map(([label, s]) => ({
  name: `unicode: note to Dana, ${label}`,
  run: (w) => w.command(person('Uma'), `dana-h ${s}`),
}));
const asName: Case[] = HOSTILE.map(([label, s]) => ({
  name: `unicode: Slack display name, ${label}`,
  run: (w) => w.slackPost(commandBody(person(s), 'link'), 'application/x-www-form-urlencoded'),
}));
const asHandle: Case[] = HOSTILE.slice(0, 8).map(([label, s]) => ({
  name: `unicode: id set, ${label}`,
  run: (w) => w.command(person('Hal'), `id set ${s}`),
}));
const asSearch: Case[] = HOSTILE.slice(0, 6).map(([label, s]) => ({
  name: `unicode: find, ${label}`,
  run: (w) => w.command(mallory, `find ${s}`),
}));
const asTeams: Case[] = HOSTILE.map(([label, s], i) => ({
  name: `unicode: Teams message and name, ${label}`,
  run: (w) =>
    w.teams(
      w.teamsMessage(
        i % 2 ? trent : { ...tom, id: `29:uni${i}`, aadObjectId: `aad-uni${i}`, name: s },
        i % 2 ? s : `find ${s}`,
      ),
    ),
}));
const asPath: Case[] = HOSTILE.slice(0, 8).map(([label, s]) => ({
  name: `unicode: web path, ${label}`,
  run: (w) => w.web('GET', `/${encodeURIComponent(s).slice(0, 2000)}`),
}));

export const unicodeCases: Case[] = [
  ...asCommand,
  ...asNote,
  ...asName,
  ...asHandle,
  ...asSearch,
  ...asTeams,
  ...asPath,
].map((c) => ({
  ...c,
  check: (r) => {
    answered(r);
    noLeak(r);
  },
}));
