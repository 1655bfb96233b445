import { type Account, COMMAND_WORDS, type Locale, POLICY, type ViewerState } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { avatarClass, copyField, h, initials, layout, tx } from './html.js';

/** The web pages as pure functions of what they show: the invite page and the message pages. */

export interface PageContext {
  locale: Locale;
  nonce: { style: string; script: string };
  /** The signed-in viewer, for the header, with the CSRF token of their session. */
  session: { account: Account; csrf: string } | null;
}

export interface InvitePageInput extends PageContext {
  owner: Account;
  link: string;
  state: ViewerState;
  /** Outcome of the last action, already localized (raw text). */
  notice?: { kind: 'ok' | 'error'; text: string } | null;
  /** The owner's real chatwork.com page, when they linked a Chatwork account with a Chatwork ID. */
  chatworkUrl?: string | null;
}

/** What to type after `/chatwork-invite` (Slack) or to the bot (Teams) to send a request to `handle`. */
export const commandTarget = (handle: string, link: string) =>
  COMMAND_WORDS.has(handle.toLowerCase()) ? link : handle;

/** The Slack command that sends a request to `handle` (and signs a newcomer up on the way). */
export const slackCommand = (target: string) => `/chatwork-invite ${target}`;

function stateBlock(input: InvitePageInput): string {
  const { locale, owner } = input;
  const name = owner.displayName;
  const path = `/${encodeURIComponent(owner.handle)}`;
  switch (input.state) {
    case 'own':
      return `<div class="state" data-state="own">
  <p class="lead">${tx(locale, 'viewer.own')}</p>
  <p>${tx(locale, 'web.own_hint')}</p>
</div>`;
    case 'contact':
      return `<div class="state" data-state="contact">
  <span class="pill ok">✓ ${tx(locale, 'web.in_contacts')}</span>
  <p>${tx(locale, 'viewer.contact', { name })}</p>
</div>`;
    case 'requested':
      return `<div class="state" data-state="requested">
  <span class="pill wait">${tx(locale, 'web.request_pending')}</span>
  <p>${tx(locale, 'viewer.requested', { name })}</p>
</div>`;
    case 'stranger':
      return `<form class="state" data-state="stranger" method="post" action="${h(path)}/add?lang=${locale}">
  <input type="hidden" name="csrf" value="${h(input.session?.csrf ?? '')}">
  <label for="note">${tx(locale, 'people.note.web_label', { max: POLICY.request.noteMaxChars })}</label>
  <textarea id="note" name="note" rows="3" maxlength="${POLICY.request.noteMaxChars}"></textarea>
  <button type="submit" class="primary">${tx(locale, 'term.add_to_contacts')}</button>
  <p>${tx(locale, 'web.stranger_hint', { name })}</p>
</form>`;
    case 'anonymous':
      return `<div class="state" data-state="anonymous">
  <a class="button primary" href="#join">${tx(locale, 'term.register_and_connect')}</a>
  <p>${tx(locale, 'web.anon_hint', { name })}</p>
</div>`;
  }
}

function joinSection(locale: Locale, owner: Account, link: string): string {
  const target = commandTarget(owner.handle, link);
  const copy = t(locale, 'web.copy_command');
  const copied = t(locale, 'web.copied');
  return `<section class="join" id="join" aria-labelledby="join-title">
  <h2 id="join-title">${tx(locale, 'web.join_title')}</h2>
  <ol>
    <li>${tx(locale, 'web.join_slack')}
      ${copyField('slack-command', slackCommand(target), 'Slack', copy, copied)}</li>
    <li>${tx(locale, 'web.join_teams')}
      ${copyField('teams-command', target, 'Microsoft Teams', copy, copied)}</li>
  </ol>
  <p>${tx(locale, 'web.join_result', { name: owner.displayName })}</p>
  <p class="hint">${tx(locale, 'web.join_signin')}</p>
</section>`;
}

function openGraph(input: InvitePageInput): string {
  const { locale, owner, link } = input;
  const title = tx(locale, 'web.title', { name: owner.displayName });
  const description = tx(locale, 'web.description', { name: owner.displayName, handle: owner.handle });
  const image = h(`${link}/qr.png`);
  return [
    `<meta name="description" content="${description}">`,
    `<link rel="canonical" href="${h(link)}">`,
    `<meta property="og:type" content="profile">`,
    `<meta property="og:site_name" content="${tx(locale, 'web.app_name')}">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta property="og:url" content="${h(link)}">`,
    `<meta property="og:image" content="${image}">`,
    `<meta property="og:image:alt" content="${tx(locale, 'web.qr_alt', { handle: owner.handle })}">`,
    `<meta property="og:locale" content="${{ en: 'en_US', ja: 'ja_JP', vi: 'vi_VN' }[locale]}">`,
    `<meta property="profile:username" content="${h(owner.handle)}">`,
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${title}">`,
    `<meta name="twitter:description" content="${description}">`,
    `<meta name="twitter:image" content="${image}">`,
  ].join('\n');
}

/** A linked owner's real chatwork.com page and [Open in Chatwork], beside the viewer's own action. */
function chatworkBlock(locale: Locale, url: string | null | undefined): string {
  if (!url) return '';
  return `<div class="chatwork" data-chatwork-url="${h(url)}">
  <p class="handle">Chatwork: <a href="${h(url)}" rel="noopener noreferrer">${h(url)}</a></p>
  <a class="button secondary" href="${h(url)}" rel="noopener noreferrer">${tx(locale, 'chatwork.card.open')}</a>
</div>`;
}

/** `GET /<handle>`: the owner, the viewer's state and what they can do, the link and its QR code. */
export function renderInvitePage(input: InvitePageInput): string {
  const { locale, owner, link } = input;
  const path = `/${encodeURIComponent(owner.handle)}`;
  const notice = input.notice
    ? `<div class="notice ${input.notice.kind}" role="status">${h(input.notice.text)}</div>`
    : '';
  const body = `${notice}<article class="card">
  <div class="avatar ${avatarClass(owner.handle)}" aria-hidden="true">${h(initials(owner.displayName, owner.handle))}</div>
  <h1>${h(owner.displayName)}</h1>
  <p class="handle">${tx(locale, 'term.chatwork_id')}: <b>${h(owner.handle)}</b></p>
  ${stateBlock(input)}
  ${chatworkBlock(locale, input.chatworkUrl)}
  <label class="label" for="invite-link">${tx(locale, 'term.profile_link')}</label>
  ${copyField('invite-link', link, t(locale, 'term.profile_link'), t(locale, 'term.copy_link'), t(locale, 'web.copied'))}
  <div class="qr">
    <img src="${h(path)}/qr.svg" width="184" height="184" alt="${tx(locale, 'web.qr_alt', { handle: owner.handle })}">
    <p>${tx(locale, 'web.qr_caption')}</p>
    <p><a href="${h(path)}/qr.png" download="${h(owner.handle)}-qr.png">${tx(locale, 'web.download_qr')}</a></p>
  </div>
</article>
${input.state === 'anonymous' ? joinSection(locale, owner, link) : ''}`;
  return layout({
    locale,
    title: `${owner.displayName} (${owner.handle}) · Chatwork Invite`,
    nonce: input.nonce,
    path,
    head: openGraph(input),
    session: input.session ? { name: input.session.account.displayName, csrf: input.session.csrf } : null,
    body,
  });
}

export interface MessagePageInput extends PageContext {
  title: string;
  body: string;
  /** The path the language switcher links to. */
  path: string;
  /** A way on: nothing leads nowhere. */
  action?: { href: string; label: string } | null;
}

/** 404, refused sign-in, expired form, rate limit, outage: a title, a sentence and a way on. */
export function renderMessagePage(input: MessagePageInput): string {
  const { locale } = input;
  const action = input.action
    ? `<p><a class="button secondary" href="${h(input.action.href)}">${h(input.action.label)}</a></p>`
    : '';
  return layout({
    locale,
    title: `${input.title} · Chatwork Invite`,
    nonce: input.nonce,
    path: input.path,
    session: input.session ? { name: input.session.account.displayName, csrf: input.session.csrf } : null,
    body: `<article class="card message">
  <h1>${h(input.title)}</h1>
  <p>${h(input.body)}</p>
  ${action}
</article>`,
  });
}

export interface SignInPageInput extends PageContext {
  /** Whose link it is: the page says who they are signing in as. */
  account: { displayName: string; handle: string };
  token: string;
  /** Ties the form to this browser (an HMAC of its sign-in cookie): a form posted from elsewhere fails. */
  csrf: string;
}

/**
 * The page a one-time sign-in link opens: who you are signing in as, and one button. Only the button
 * (a POST) uses the link up, so link scanners, previews and HEAD requests leave it working.
 */
export function renderSignInPage(input: SignInPageInput): string {
  const { locale } = input;
  return layout({
    locale,
    title: `${t(locale, 'web.signin_confirm_title')} · Chatwork Invite`,
    nonce: input.nonce,
    path: '/signin',
    keepQuery: `token=${encodeURIComponent(input.token)}`,
    session: input.session ? { name: input.session.account.displayName, csrf: input.session.csrf } : null,
    body: `<article class="card message">
  <h1>${tx(locale, 'web.signin_confirm_title')}</h1>
  <p>${tx(locale, 'web.signin_confirm_body', { name: input.account.displayName, handle: input.account.handle })}</p>
  <form method="post" action="/signin?lang=${locale}">
    <input type="hidden" name="token" value="${h(input.token)}">
    <input type="hidden" name="csrf" value="${h(input.csrf)}">
    <p><button type="submit" class="primary">${tx(locale, 'web.signin_button')}</button></p>
  </form>
</article>`,
  });
}

export interface TextPageInput extends PageContext {
  title: string;
  /** The path the language switcher links to. */
  path: string;
  /** Plain text, escaped here: the home, privacy and terms pages are headings and paragraphs. */
  sections: ReadonlyArray<{ heading?: string; paragraphs: readonly string[] }>;
  links?: ReadonlyArray<{ href: string; label: string }>;
}

/** `/`, `/privacy`, `/terms`: a title, sections of plain paragraphs, and links on. */
export function renderTextPage(input: TextPageInput): string {
  const sections = input.sections
    .map(
      (section) =>
        `${section.heading ? `<h2>${h(section.heading)}</h2>\n  ` : ''}${section.paragraphs.map((p) => `<p>${h(p)}</p>`).join('\n  ')}`,
    )
    .join('\n  ');
  const links = (input.links ?? []).map((l) => `<a href="${h(l.href)}">${h(l.label)}</a>`).join(' · ');
  return layout({
    locale: input.locale,
    title: `${input.title} · Chatwork Invite`,
    nonce: input.nonce,
    path: input.path,
    session: input.session ? { name: input.session.account.displayName, csrf: input.session.csrf } : null,
    body: `<article class="card message">
  <h1>${h(input.title)}</h1>
  ${sections}
  ${links ? `<p>${links}</p>` : ''}
</article>`,
  });
}
