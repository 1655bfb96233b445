/**
 * Microsoft Teams bot text (cards, replies, help). Shared terms (buttons, states, errors) live in
 * `common.ts`; this table has only what is Teams-specific. Placeholders are `{name}`.
 */
export const teams = {
  en: {
    'teams.searchable.off': 'Others can no longer find you with "find".',
    'teams.searchable.on': 'Others can find you with "find" again.',
    'teams.help.title': 'Chatwork Invite commands',
    'teams.help.unknown': 'Sorry, I did not understand that.',
    'teams.help.invite': '"invite": post my invite card here',
    'teams.help.link': '"link": my invite link and its QR code',
    'teams.help.request': '"<Chatwork ID or link> [message]", "@someone [message]": send a contact request',
    'teams.help.id': '"id", "id set <new ID>": show or change my Chatwork ID',
    'teams.help.requests':
      '"requests": incoming and sent requests; "accept all": accept every incoming request (asks first)',
    'teams.help.contacts': '"contacts": my contacts',
    'teams.help.find': '"find <name>": people in this organization ("find off" hides me, "find on" shows me)',
    'teams.help.withdraw':
      '"withdraw <who>", "remove <who>", "block <who>", "unblock <who>": as named; "blocked": people I blocked',
    'teams.help.web': '"web": a one-time sign-in link for the web page',
    'teams.help.chatwork':
      '"chatwork connect", "chatwork token <API token>" (in our personal chat), "chatwork disconnect": link my real Chatwork account',
    'teams.welcome': 'Hi {name}! I help you connect with people by invite link, in Teams and Slack.',
    'teams.missed': 'These contact requests arrived while I could not reach you:',
    'teams.card_outdated': 'This card is out of date. Type "requests" to see where things stand.',
    'teams.share.title': 'Share my invite',
    'teams.share.insert': 'Insert',
    'teams.share.preview': 'This card will be inserted into your message.',
  },
  ja: {
    'teams.searchable.off': '「find」であなたが検索されないようにしました。',
    'teams.searchable.on': '「find」で再びあなたが検索されるようにしました。',
    'teams.help.title': 'Chatwork Inviteのコマンド',
    'teams.help.unknown': 'すみません、よくわかりませんでした。',
    'teams.help.invite': '「invite」：ここに招待カードを投稿',
    'teams.help.link': '「link」：招待リンクとQRコード',
    'teams.help.request':
      '「<Chatwork IDまたはリンク> [メッセージ]」「@ユーザー [メッセージ]」：コンタクト申請を送る',
    'teams.help.id': '「id」「id set <新しいID>」：Chatwork IDの表示・変更',
    'teams.help.requests':
      '「requests」：未承認と申請中の一覧。「accept all」：未承認の申請をすべて承認（確認あり）',
    'teams.help.contacts': '「contacts」：コンタクト一覧',
    'teams.help.find':
      '「find <名前>」：この組織のユーザーを検索（「find off」で自分を非表示、「find on」で表示）',
    'teams.help.withdraw':
      '「withdraw <相手>」「remove <相手>」「block <相手>」「unblock <相手>」：申請の取り消し・削除・ブロック・ブロック解除。「blocked」：ブロックした相手の一覧',
    'teams.help.web': '「web」：Webページ用の1回限りのサインインリンク',
    'teams.help.chatwork':
      '「chatwork connect」「chatwork token <APIトークン>」（個人チャットで）「chatwork disconnect」：自分のChatworkアカウントを連携',
    'teams.welcome': 'こんにちは、{name}さん！TeamsとSlackで招待リンクを使ってつながるお手伝いをします。',
    'teams.missed': 'お届けできなかった間に、次のコンタクト申請が届いています：',
    'teams.card_outdated':
      'このカードは古くなっています。「requests」と入力して最新の状態を確認してください。',
    'teams.share.title': '招待を共有',
    'teams.share.insert': '挿入',
    'teams.share.preview': 'このカードがメッセージに挿入されます。',
  },
  vi: {
    'teams.searchable.off': 'Người khác không còn tìm thấy bạn bằng "find".',
    'teams.searchable.on': 'Người khác lại có thể tìm thấy bạn bằng "find".',
    'teams.help.title': 'Các lệnh của Chatwork Invite',
    'teams.help.unknown': 'Xin lỗi, tôi không hiểu.',
    'teams.help.invite': '"invite": đăng thẻ mời của tôi tại đây',
    'teams.help.link': '"link": liên kết mời và mã QR của tôi',
    'teams.help.request':
      '"<Chatwork ID hoặc liên kết> [lời nhắn]", "@ai đó [lời nhắn]": gửi yêu cầu kết nối',
    'teams.help.id': '"id", "id set <ID mới>": xem hoặc đổi Chatwork ID',
    'teams.help.requests':
      '"requests": yêu cầu đến và đã gửi; "accept all": xác nhận mọi yêu cầu đến (hỏi lại trước)',
    'teams.help.contacts': '"contacts": danh bạ của tôi',
    'teams.help.find': '"find <tên>": tìm người trong tổ chức ("find off" ẩn tôi, "find on" hiện tôi)',
    'teams.help.withdraw':
      '"withdraw <ai>", "remove <ai>", "block <ai>", "unblock <ai>": rút lại, xóa, chặn, bỏ chặn; "blocked": những người tôi đã chặn',
    'teams.help.web': '"web": liên kết đăng nhập một lần cho trang web',
    'teams.help.chatwork':
      '"chatwork connect", "chatwork token <API token>" (trong trò chuyện riêng), "chatwork disconnect": liên kết tài khoản Chatwork thật của tôi',
    'teams.welcome':
      'Xin chào {name}! Tôi giúp bạn kết nối với mọi người bằng liên kết mời, trên Teams và Slack.',
    'teams.missed': 'Các yêu cầu kết nối này đã đến trong lúc tôi không liên lạc được với bạn:',
    'teams.card_outdated': 'Thẻ này đã cũ. Gõ "requests" để xem trạng thái hiện tại.',
    'teams.share.title': 'Chia sẻ lời mời',
    'teams.share.insert': 'Chèn',
    'teams.share.preview': 'Thẻ này sẽ được chèn vào tin nhắn của bạn.',
  },
} as const;
