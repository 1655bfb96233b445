/**
 * Slack surface messages (`/chatwork-invite`, buttons, DMs, App Home, OAuth pages). Common terms,
 * viewer states, outcomes and error codes live in `common.ts`. Text here is mrkdwn: params are
 * escaped by the caller; backticks show commands.
 */
export const slack = {
  en: {
    'slack.help':
      '*/chatwork-invite*: share your invite link and add people to your contacts\n' +
      '• `/chatwork-invite`: post my invite card in this channel\n' +
      '• `/chatwork-invite link`: only to me, my link and its QR code\n' +
      '• `/chatwork-invite @user [note]`, `name@example.com [note]`, `<Chatwork ID or link> [note]`: send a contact request\n' +
      '• `/chatwork-invite id`, `id set <new>`: show or change my Chatwork ID\n' +
      '• `/chatwork-invite requests`: incoming and sent requests\n' +
      '• `/chatwork-invite accept all`: accept every incoming request (asks first, at most 100 at a time)\n' +
      '• `/chatwork-invite contacts`: my contacts\n' +
      '• `/chatwork-invite find <name>`: people in this workspace\n' +
      '• `/chatwork-invite withdraw <who>`, `remove <who>`, `block <who>`\n' +
      '• `/chatwork-invite blocked`: people I blocked; `unblock <who>` lifts a block\n' +
      '• `/chatwork-invite web`: a one-time sign-in link for the web page\n' +
      '• `/chatwork-invite merge`: a one-time code to join my Slack and Teams accounts (send `merge <code>` on the other one); `unmerge` splits them again\n' +
      '• `/chatwork-invite export my data`, `delete my data`: download or delete everything stored about me\n' +
      '• `/chatwork-invite chatwork connect`, `chatwork token <API token>` (in a DM with the bot), `chatwork disconnect`: link my real Chatwork account\n' +
      "• `/chatwork-invite admin`: for workspace admins and owners, the organisation's policy (requests with other organisations, auto-connect, audit export)\n" +
      '• `/chatwork-invite help`: this message',
    'slack.hint': 'Type `/chatwork-invite help` to see what you can do.',
    'slack.unknown':
      'I could not read “{word}”. Write a Chatwork ID, an invite link, an @mention or an email address.',
    'slack.usage.id':
      'To see your Chatwork ID: `/chatwork-invite id`. To change it: `/chatwork-invite id set <new-id>`.',
    'slack.usage.id_set':
      'Write the new Chatwork ID after `id set`, e.g. `/chatwork-invite id set taro-yamada`.',
    'slack.usage.find': 'Write a name or Chatwork ID after `find`, e.g. `/chatwork-invite find taro`.',
    'slack.usage.withdraw':
      'Write one person after `withdraw` (an @mention, email, Chatwork ID or link), e.g. `/chatwork-invite withdraw @taro`.',
    'slack.usage.remove':
      'Write one person after `remove` (an @mention, email, Chatwork ID or link), e.g. `/chatwork-invite remove @taro`.',
    'slack.usage.block':
      'Write one person after `block` (an @mention, email, Chatwork ID or link), e.g. `/chatwork-invite block @taro`.',
    'slack.usage.chatwork':
      'To link your Chatwork account: `/chatwork-invite chatwork connect`, or `/chatwork-invite chatwork token <API token>` in a DM with the bot. To unlink: `/chatwork-invite chatwork disconnect`.',
    'slack.email_not_found': 'No one in this workspace has the email address {email}.',
    'slack.lookup_failed': 'Slack could not look that up right now. Please try again in a minute.',
    'slack.invalid_click':
      'This button is out of date. Type `/chatwork-invite requests` to see the current state.',
    'slack.searchable.on': 'People in this workspace can find you with `find`.',
    'slack.searchable.off': 'You are hidden from `find`.',
    'slack.searchable.turn_on': 'Show me in search',
    'slack.searchable.turn_off': 'Hide me from search',
    'slack.home.title': 'Chatwork Invite',
    'slack.home.change': 'Change',
    'slack.modal.title': 'Change Chatwork ID',
    'slack.modal.label': 'New Chatwork ID',
    'slack.modal.submit': 'Save',
    'slack.modal.cancel': 'Cancel',
    'slack.installed': 'Chatwork Invite is installed in {team}. Open Slack and type /chatwork-invite.',
    'slack.install_failed':
      'The installation did not complete ({reason}). Please start again from the install link.',
    'slack.installed_org':
      'Chatwork Invite is installed for the organisation {org}. An org admin now adds it to the workspaces that should use it; there, type /chatwork-invite.',
    'slack.connect.not_installed':
      'Chatwork Invite is not installed in your own workspace, so it cannot add you from this shared channel or send you messages. Ask an admin of your workspace to install it, then click again. Nothing was changed.',
  },
  ja: {
    'slack.help':
      '*/chatwork-invite*：招待リンクを共有して、コンタクトに追加します\n' +
      '• `/chatwork-invite`：このチャンネルに自分の招待カードを投稿\n' +
      '• `/chatwork-invite link`：自分だけに、招待リンクとQRコードを表示\n' +
      '• `/chatwork-invite @ユーザー [メッセージ]`、`name@example.com [メッセージ]`、`<Chatwork IDまたはリンク> [メッセージ]`：コンタクト申請を送る\n' +
      '• `/chatwork-invite id`、`id set <新しいID>`：Chatwork IDの表示・変更\n' +
      '• `/chatwork-invite requests`：未承認と申請中の一覧\n' +
      '• `/chatwork-invite accept all`：未承認の申請をすべて承認（確認あり、一度に最大100件）\n' +
      '• `/chatwork-invite contacts`：コンタクト一覧\n' +
      '• `/chatwork-invite find <名前>`：このワークスペースのユーザーを検索\n' +
      '• `/chatwork-invite withdraw <相手>`、`remove <相手>`、`block <相手>`\n' +
      '• `/chatwork-invite blocked`：ブロックした相手の一覧。`unblock <相手>` でブロックを解除\n' +
      '• `/chatwork-invite web`：Webページ用の一回限りのログインリンク\n' +
      '• `/chatwork-invite merge`：SlackとTeamsのアカウントをまとめるための一回限りのコード（もう一方で `merge <コード>` を送信）。`unmerge` で再び分割\n' +
      '• `/chatwork-invite export my data`、`delete my data`：自分について保存されているデータをダウンロード・削除\n' +
      '• `/chatwork-invite chatwork connect`、`chatwork token <APIトークン>`（ボットとのDMで）、`chatwork disconnect`：自分のChatworkアカウントを連携\n' +
      '• `/chatwork-invite admin`：ワークスペースの管理者・オーナー向け、組織のポリシー（ほかの組織との申請、自動接続、監査ログの書き出し）\n' +
      '• `/chatwork-invite help`：このヘルプ',
    'slack.hint': '`/chatwork-invite help` で使い方を確認できます。',
    'slack.unknown':
      '「{word}」を読み取れませんでした。Chatwork ID、招待リンク、@メンション、またはメールアドレスを入力してください。',
    'slack.usage.id':
      'Chatwork IDの確認：`/chatwork-invite id`。変更：`/chatwork-invite id set <新しいID>`。',
    'slack.usage.id_set':
      '`id set` の後に新しいChatwork IDを入力してください。例：`/chatwork-invite id set taro-yamada`',
    'slack.usage.find':
      '`find` の後に名前またはChatwork IDを入力してください。例：`/chatwork-invite find taro`',
    'slack.usage.withdraw':
      '`withdraw` の後に相手を1人（@メンション、メール、Chatwork IDまたはリンク）入力してください。例：`/chatwork-invite withdraw @taro`',
    'slack.usage.remove':
      '`remove` の後に相手を1人（@メンション、メール、Chatwork IDまたはリンク）入力してください。例：`/chatwork-invite remove @taro`',
    'slack.usage.block':
      '`block` の後に相手を1人（@メンション、メール、Chatwork IDまたはリンク）入力してください。例：`/chatwork-invite block @taro`',
    'slack.usage.chatwork':
      'Chatworkアカウントの連携：`/chatwork-invite chatwork connect`、またはボットとのDMで `/chatwork-invite chatwork token <APIトークン>`。連携の解除：`/chatwork-invite chatwork disconnect`。',
    'slack.email_not_found': 'このワークスペースに {email} のユーザーはいません。',
    'slack.lookup_failed': 'Slackで検索できませんでした。しばらくしてからもう一度お試しください。',
    'slack.invalid_click':
      'このボタンは古くなっています。`/chatwork-invite requests` で最新の状態を確認してください。',
    'slack.searchable.on': 'このワークスペースのユーザーが `find` であなたを検索できます。',
    'slack.searchable.off': '`find` の検索結果に表示されません。',
    'slack.searchable.turn_on': '検索に表示する',
    'slack.searchable.turn_off': '検索に表示しない',
    'slack.home.title': 'Chatwork Invite',
    'slack.home.change': '変更',
    'slack.modal.title': 'Chatwork IDの変更',
    'slack.modal.label': '新しいChatwork ID',
    'slack.modal.submit': '保存',
    'slack.modal.cancel': 'キャンセル',
    'slack.installed':
      'Chatwork Inviteを{team}にインストールしました。Slackで /chatwork-invite と入力してください。',
    'slack.install_failed':
      'インストールが完了しませんでした（{reason}）。インストールリンクからやり直してください。',
    'slack.installed_org':
      'Chatwork Invite を組織 {org} にインストールしました。組織の管理者が利用するワークスペースに追加すると、そこで /chatwork-invite と入力して使えます。',
    'slack.connect.not_installed':
      'Chatwork Invite があなたのワークスペースにインストールされていないため、この共有チャンネルからの追加もメッセージの送信もできません。ワークスペースの管理者にインストールを依頼してから、もう一度クリックしてください。何も変更されていません。',
  },
  vi: {
    'slack.help':
      '*/chatwork-invite*: chia sẻ liên kết mời và thêm mọi người vào danh bạ\n' +
      '• `/chatwork-invite`: đăng thẻ mời của tôi trong kênh này\n' +
      '• `/chatwork-invite link`: chỉ mình tôi thấy, liên kết và mã QR\n' +
      '• `/chatwork-invite @người_dùng [lời nhắn]`, `name@example.com [lời nhắn]`, `<Chatwork ID hoặc liên kết> [lời nhắn]`: gửi yêu cầu kết nối\n' +
      '• `/chatwork-invite id`, `id set <ID mới>`: xem hoặc đổi Chatwork ID\n' +
      '• `/chatwork-invite requests`: yêu cầu đến và đã gửi\n' +
      '• `/chatwork-invite accept all`: xác nhận mọi yêu cầu đến (hỏi lại trước, tối đa 100 mỗi lần)\n' +
      '• `/chatwork-invite contacts`: danh bạ của tôi\n' +
      '• `/chatwork-invite find <tên>`: tìm người trong workspace này\n' +
      '• `/chatwork-invite withdraw <ai>`, `remove <ai>`, `block <ai>`\n' +
      '• `/chatwork-invite blocked`: những người tôi đã chặn; `unblock <ai>` bỏ chặn\n' +
      '• `/chatwork-invite web`: liên kết đăng nhập dùng một lần cho trang web\n' +
      '• `/chatwork-invite merge`: mã dùng một lần để gộp tài khoản Slack và Teams của tôi (gửi `merge <mã>` ở bên kia); `unmerge` tách lại\n' +
      '• `/chatwork-invite export my data`, `delete my data`: tải xuống hoặc xóa mọi dữ liệu được lưu về tôi\n' +
      '• `/chatwork-invite chatwork connect`, `chatwork token <API token>` (trong tin nhắn riêng với bot), `chatwork disconnect`: liên kết tài khoản Chatwork thật của tôi\n' +
      '• `/chatwork-invite admin`: dành cho quản trị viên và chủ sở hữu workspace, chính sách của tổ chức (yêu cầu với tổ chức khác, tự động kết nối, xuất nhật ký kiểm tra)\n' +
      '• `/chatwork-invite help`: hướng dẫn này',
    'slack.hint': 'Gõ `/chatwork-invite help` để xem bạn có thể làm gì.',
    'slack.unknown':
      'Không đọc được “{word}”. Hãy nhập Chatwork ID, liên kết mời, @nhắc tên hoặc địa chỉ email.',
    'slack.usage.id': 'Xem Chatwork ID: `/chatwork-invite id`. Đổi ID: `/chatwork-invite id set <ID mới>`.',
    'slack.usage.id_set': 'Nhập Chatwork ID mới sau `id set`, ví dụ `/chatwork-invite id set taro-yamada`.',
    'slack.usage.find': 'Nhập tên hoặc Chatwork ID sau `find`, ví dụ `/chatwork-invite find taro`.',
    'slack.usage.withdraw':
      'Nhập một người sau `withdraw` (@nhắc tên, email, Chatwork ID hoặc liên kết), ví dụ `/chatwork-invite withdraw @taro`.',
    'slack.usage.remove':
      'Nhập một người sau `remove` (@nhắc tên, email, Chatwork ID hoặc liên kết), ví dụ `/chatwork-invite remove @taro`.',
    'slack.usage.block':
      'Nhập một người sau `block` (@nhắc tên, email, Chatwork ID hoặc liên kết), ví dụ `/chatwork-invite block @taro`.',
    'slack.usage.chatwork':
      'Liên kết tài khoản Chatwork: `/chatwork-invite chatwork connect`, hoặc `/chatwork-invite chatwork token <API token>` trong tin nhắn riêng với bot. Hủy liên kết: `/chatwork-invite chatwork disconnect`.',
    'slack.email_not_found': 'Không ai trong workspace này có địa chỉ email {email}.',
    'slack.lookup_failed': 'Slack không tra cứu được lúc này. Vui lòng thử lại sau ít phút.',
    'slack.invalid_click': 'Nút này đã cũ. Gõ `/chatwork-invite requests` để xem trạng thái hiện tại.',
    'slack.searchable.on': 'Mọi người trong workspace này có thể tìm thấy bạn bằng `find`.',
    'slack.searchable.off': 'Bạn đã ẩn khỏi `find`.',
    'slack.searchable.turn_on': 'Hiện tôi trong tìm kiếm',
    'slack.searchable.turn_off': 'Ẩn tôi khỏi tìm kiếm',
    'slack.home.title': 'Chatwork Invite',
    'slack.home.change': 'Đổi',
    'slack.modal.title': 'Đổi Chatwork ID',
    'slack.modal.label': 'Chatwork ID mới',
    'slack.modal.submit': 'Lưu',
    'slack.modal.cancel': 'Hủy',
    'slack.installed': 'Đã cài Chatwork Invite vào {team}. Hãy mở Slack và gõ /chatwork-invite.',
    'slack.install_failed': 'Cài đặt chưa hoàn tất ({reason}). Vui lòng bắt đầu lại từ liên kết cài đặt.',
    'slack.installed_org':
      'Đã cài Chatwork Invite cho tổ chức {org}. Quản trị viên tổ chức cần thêm ứng dụng vào các workspace sẽ dùng nó; tại đó, hãy gõ /chatwork-invite.',
    'slack.connect.not_installed':
      'Chatwork Invite chưa được cài trong workspace của bạn, nên không thể thêm bạn từ kênh dùng chung này hay gửi tin nhắn cho bạn. Hãy nhờ quản trị viên workspace của bạn cài đặt, rồi bấm lại. Chưa có gì thay đổi.',
  },
} as const;
