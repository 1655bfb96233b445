/**
 * The words of the cards written once for every platform (`src/flows/cards/`): the invite card, a
 * request and what became of it, and the command answers. Plain text with `{placeholders}`; a name
 * passed as `{ strong }` is bold where the surface has bold (Slack), and every param is escaped by the
 * renderer.
 */
export const cards = {
  en: {
    'card.invite.title': "{name}'s invite link",
    'card.invite.text': '{name} invites you to connect.',
    'card.open_link': 'Open link',
    'card.note': 'Message: {note}',
    'card.request.title': 'Contact request',
    'card.request.text': '{name} wants to connect with you.',
    'card.request.reminder': 'Reminder: {name} is still waiting for your answer.',
    'card.request.context': 'From: {context}',
    'card.request.resolved': 'Request from {name}: {state}',
    'card.accepted': '{name} accepted your contact request. You are now contacts.',
    'card.auto_connected': '{name} is in your organisation, so you are now contacts.',
    'card.link.title': 'Your invite link',
    'card.link.text': 'Share this link. Anyone who opens it can send you a contact request.',
    'card.link.qr': 'QR code of your invite link',
    'card.id.current': 'Your Chatwork ID is {handle}. Change it with {command}. Your invite link: {link}',
    'card.web.text':
      'Your sign-in link for the web page. It works once and expires in 10 minutes. Do not share it.',
    'card.web.button': 'Open the web page',
    'card.web.personal_only': 'For your security, type "web" in your personal chat with me.',
  },
  ja: {
    'card.invite.title': '{name}さんの招待リンク',
    'card.invite.text': '{name}さんからコンタクトの招待が届いています。',
    'card.open_link': 'リンクを開く',
    'card.note': 'メッセージ：{note}',
    'card.request.title': 'コンタクト申請',
    'card.request.text': '{name}さんからコンタクト申請が届いています。',
    'card.request.reminder': 'リマインダー：{name}さんが回答を待っています。',
    'card.request.context': '申請元：{context}',
    'card.request.resolved': '{name}さんからの申請：{state}',
    'card.accepted': '{name}さんがコンタクト申請を承認しました。コンタクトになりました。',
    'card.auto_connected': '{name}さんは同じ組織のメンバーのため、コンタクトになりました。',
    'card.link.title': 'あなたの招待リンク',
    'card.link.text': 'このリンクを共有してください。開いた人はあなたにコンタクト申請を送れます。',
    'card.link.qr': '招待リンクのQRコード',
    'card.id.current': 'あなたのChatwork IDは {handle} です。{command} で変更できます。招待リンク：{link}',
    'card.web.text':
      'Webページ用のログインリンクです。一度だけ、10分間有効です。他の人に共有しないでください。',
    'card.web.button': 'Webページを開く',
    'card.web.personal_only': '安全のため、「web」は私との個人チャットで入力してください。',
  },
  vi: {
    'card.invite.title': 'Liên kết mời của {name}',
    'card.invite.text': '{name} mời bạn kết nối.',
    'card.open_link': 'Mở liên kết',
    'card.note': 'Lời nhắn: {note}',
    'card.request.title': 'Yêu cầu kết nối',
    'card.request.text': '{name} muốn kết nối với bạn.',
    'card.request.reminder': 'Nhắc nhở: {name} vẫn đang chờ bạn trả lời.',
    'card.request.context': 'Từ: {context}',
    'card.request.resolved': 'Yêu cầu từ {name}: {state}',
    'card.accepted': '{name} đã xác nhận yêu cầu kết nối của bạn. Hai bạn đã là liên lạc của nhau.',
    'card.auto_connected': '{name} thuộc cùng tổ chức với bạn nên hai bạn đã là liên lạc của nhau.',
    'card.link.title': 'Liên kết mời của bạn',
    'card.link.text': 'Hãy chia sẻ liên kết này. Ai mở nó đều có thể gửi yêu cầu kết nối cho bạn.',
    'card.link.qr': 'Mã QR của liên kết mời',
    'card.id.current': 'Chatwork ID của bạn là {handle}. Đổi bằng {command}. Liên kết mời: {link}',
    'card.web.text':
      'Liên kết đăng nhập trang web của bạn. Chỉ dùng được một lần, hết hạn sau 10 phút. Đừng chia sẻ nó.',
    'card.web.button': 'Mở trang web',
    'card.web.personal_only': 'Để bảo mật, hãy gõ "web" trong cuộc trò chuyện riêng với tôi.',
  },
} as const;
