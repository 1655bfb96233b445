/**
 * The web invite page (`GET /<handle>`), the sign-in page and the error pages. Chatwork's UI terms
 * and the viewer sentences come from `common.ts`; only what is specific to the web lives here.
 * Params are inserted verbatim: the page escapes them for HTML before passing them in.
 */
export const web = {
  en: {
    'web.app_name': 'Chatwork Invite',
    'web.title': '{name} on Chatwork Invite',
    'web.description':
      'Connect with {name} ({handle}) on Chatwork Invite, the contact network for Slack and Teams.',
    'web.in_contacts': 'In your contacts',
    'web.request_pending': 'Request pending',
    'web.own_hint':
      'Share it anywhere: email, documents, other chats. Whoever opens it can send you a contact request, and you accept it in Slack or Teams.',
    'web.stranger_hint': 'Send {name} a contact request. They accept it in Slack or Teams.',
    'web.anon_hint': 'Join Chatwork Invite from Slack or Microsoft Teams to connect with {name}.',
    'web.join_title': 'How to join and connect',
    'web.join_slack': 'In Slack, run this command in any channel or DM:',
    'web.join_teams': 'In Microsoft Teams, send this message to the Chatwork Invite bot:',
    'web.join_result':
      'You get your own Chatwork ID and invite link, and {name} receives your contact request.',
    'web.join_signin':
      'Already use Chatwork Invite? Send “web” to the bot to get a sign-in link for this page.',
    'web.copy_command': 'Copy',
    'web.copied': 'Copied',
    'web.qr_alt': 'QR code of the invite link of {handle}',
    'web.qr_caption': 'Scan to open this page on a phone',
    'web.download_qr': 'Download QR code (PNG)',
    'web.signed_in_as': 'Signed in as {name}',
    'web.sign_out': 'Sign out',
    'web.language': 'Language',
    'web.footer': 'Chatwork Invite connects people across Slack and Microsoft Teams.',
    'web.not_found_title': 'No one has this Chatwork ID',
    'web.not_found_body':
      'The link may be mistyped, or its owner changed their Chatwork ID. Ask them to send you their invite link again.',
    'web.signin_failed_title': 'This sign-in link does not work',
    'web.signin_failed_body':
      'A sign-in link works once and for 10 minutes. Send “web” to the Chatwork Invite bot in Slack or Teams for a new one.',
    'web.signed_out': 'You are signed out.',
    'web.forbidden_title': 'Please try again',
    'web.forbidden_body': 'This form expired or did not come from this page. Reload the page and try again.',
    'web.signin_needed': 'Sign in first: send “web” to the Chatwork Invite bot in Slack or Teams.',
    'web.rate_limited_title': 'Too many requests',
    'web.rate_limited_body': 'Please wait a minute and try again.',
    'web.error_title': 'Something went wrong',
    'web.error_body': 'Something went wrong on our side. Please try again in a minute.',
    'web.back_home': 'Back',
    'web.signin_preview': 'Open this one-time sign-in link in your browser to sign in to Chatwork Invite.',
    'web.signin_confirm_title': 'Sign in to Chatwork Invite',
    'web.signin_confirm_body': 'You are signing in as {name} ({handle}). The link works once.',
    'web.signin_button': 'Sign in',
  },
  ja: {
    'web.app_name': 'Chatwork Invite',
    'web.title': '{name}さん | Chatwork Invite',
    'web.description':
      'Chatwork Invite で{name}さん（{handle}）とつながりましょう。Slack と Teams のコンタクトネットワークです。',
    'web.in_contacts': 'コンタクトに追加済み',
    'web.request_pending': '承認待ち',
    'web.own_hint':
      'メール、資料、他のチャットなど、どこにでも共有できます。リンクを開いた人からコンタクト申請が届き、Slack や Teams で承認できます。',
    'web.stranger_hint': '{name}さんにコンタクト申請を送ります。承認は Slack または Teams で行われます。',
    'web.anon_hint':
      'Slack または Microsoft Teams から Chatwork Invite に参加して、{name}さんとつながりましょう。',
    'web.join_title': '参加してつながる方法',
    'web.join_slack': 'Slack では、任意のチャンネルまたは DM で次のコマンドを実行します：',
    'web.join_teams': 'Microsoft Teams では、Chatwork Invite ボットに次のメッセージを送ります：',
    'web.join_result': 'あなたの Chatwork ID と招待リンクが作成され、{name}さんにコンタクト申請が届きます。',
    'web.join_signin':
      'すでに Chatwork Invite をお使いですか？ボットに「web」と送ると、このページ用のログインリンクが届きます。',
    'web.copy_command': 'コピー',
    'web.copied': 'コピーしました',
    'web.qr_alt': '{handle} の招待リンクの QR コード',
    'web.qr_caption': 'スマートフォンで読み取ってこのページを開けます',
    'web.download_qr': 'QR コードをダウンロード（PNG）',
    'web.signed_in_as': '{name}さんとしてログイン中',
    'web.sign_out': 'ログアウト',
    'web.language': '言語',
    'web.footer': 'Chatwork Invite は Slack と Microsoft Teams の人をつなぎます。',
    'web.not_found_title': 'この Chatwork ID のユーザーは見つかりません',
    'web.not_found_body':
      'リンクが間違っているか、Chatwork ID が変更された可能性があります。招待リンクをもう一度送ってもらってください。',
    'web.signin_failed_title': 'このログインリンクは使えません',
    'web.signin_failed_body':
      'ログインリンクは1回だけ、10分間有効です。Slack または Teams の Chatwork Invite ボットに「web」と送って新しいリンクを受け取ってください。',
    'web.signed_out': 'ログアウトしました。',
    'web.forbidden_title': 'もう一度お試しください',
    'web.forbidden_body':
      'このフォームは期限切れか、このページから送信されたものではありません。ページを再読み込みしてもう一度お試しください。',
    'web.signin_needed':
      '先にログインしてください：Slack または Teams の Chatwork Invite ボットに「web」と送ります。',
    'web.rate_limited_title': 'リクエストが多すぎます',
    'web.rate_limited_body': '1分ほど待ってからもう一度お試しください。',
    'web.error_title': 'エラーが発生しました',
    'web.error_body': 'サーバー側で問題が発生しました。しばらくしてからもう一度お試しください。',
    'web.back_home': '戻る',
    'web.signin_preview':
      'この1回限りのログインリンクをブラウザで開くと、Chatwork Invite にログインできます。',
    'web.signin_confirm_title': 'Chatwork Invite にログイン',
    'web.signin_confirm_body': '{name}さん（{handle}）としてログインします。このリンクは1回だけ使えます。',
    'web.signin_button': 'ログイン',
  },
  vi: {
    'web.app_name': 'Chatwork Invite',
    'web.title': '{name} trên Chatwork Invite',
    'web.description':
      'Kết nối với {name} ({handle}) trên Chatwork Invite, mạng liên lạc cho Slack và Teams.',
    'web.in_contacts': 'Đã có trong danh bạ',
    'web.request_pending': 'Đang chờ xác nhận',
    'web.own_hint':
      'Chia sẻ ở bất cứ đâu: email, tài liệu, ứng dụng chat khác. Ai mở liên kết có thể gửi yêu cầu kết nối, và bạn xác nhận trong Slack hoặc Teams.',
    'web.stranger_hint': 'Gửi yêu cầu kết nối tới {name}. Họ sẽ xác nhận trong Slack hoặc Teams.',
    'web.anon_hint': 'Tham gia Chatwork Invite từ Slack hoặc Microsoft Teams để kết nối với {name}.',
    'web.join_title': 'Cách tham gia và kết nối',
    'web.join_slack': 'Trong Slack, chạy lệnh này ở bất kỳ kênh hoặc tin nhắn riêng nào:',
    'web.join_teams': 'Trong Microsoft Teams, gửi tin nhắn này cho bot Chatwork Invite:',
    'web.join_result':
      'Bạn sẽ có Chatwork ID và liên kết mời riêng, và {name} sẽ nhận được yêu cầu kết nối của bạn.',
    'web.join_signin':
      'Bạn đã dùng Chatwork Invite? Gửi “web” cho bot để nhận liên kết đăng nhập cho trang này.',
    'web.copy_command': 'Sao chép',
    'web.copied': 'Đã sao chép',
    'web.qr_alt': 'Mã QR của liên kết mời của {handle}',
    'web.qr_caption': 'Quét để mở trang này trên điện thoại',
    'web.download_qr': 'Tải mã QR (PNG)',
    'web.signed_in_as': 'Đã đăng nhập: {name}',
    'web.sign_out': 'Đăng xuất',
    'web.language': 'Ngôn ngữ',
    'web.footer': 'Chatwork Invite kết nối mọi người giữa Slack và Microsoft Teams.',
    'web.not_found_title': 'Không ai có Chatwork ID này',
    'web.not_found_body':
      'Liên kết có thể bị gõ sai, hoặc chủ nhân đã đổi Chatwork ID. Hãy nhờ họ gửi lại liên kết mời.',
    'web.signin_failed_title': 'Liên kết đăng nhập này không dùng được',
    'web.signin_failed_body':
      'Liên kết đăng nhập chỉ dùng được một lần và trong 10 phút. Gửi “web” cho bot Chatwork Invite trong Slack hoặc Teams để nhận liên kết mới.',
    'web.signed_out': 'Bạn đã đăng xuất.',
    'web.forbidden_title': 'Vui lòng thử lại',
    'web.forbidden_body':
      'Biểu mẫu này đã hết hạn hoặc không được gửi từ trang này. Hãy tải lại trang và thử lại.',
    'web.signin_needed': 'Hãy đăng nhập trước: gửi “web” cho bot Chatwork Invite trong Slack hoặc Teams.',
    'web.rate_limited_title': 'Quá nhiều yêu cầu',
    'web.rate_limited_body': 'Vui lòng đợi một phút rồi thử lại.',
    'web.error_title': 'Đã xảy ra lỗi',
    'web.error_body': 'Đã xảy ra lỗi ở phía chúng tôi. Vui lòng thử lại sau ít phút.',
    'web.back_home': 'Quay lại',
    'web.signin_preview':
      'Mở liên kết đăng nhập dùng một lần này trong trình duyệt để đăng nhập Chatwork Invite.',
    'web.signin_confirm_title': 'Đăng nhập Chatwork Invite',
    'web.signin_confirm_body':
      'Bạn đang đăng nhập với tên {name} ({handle}). Liên kết chỉ dùng được một lần.',
    'web.signin_button': 'Đăng nhập',
  },
} as const;
