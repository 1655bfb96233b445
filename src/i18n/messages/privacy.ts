/**
 * A person's own data on every surface: `delete my data` (ask, confirm), `export my data` (a
 * one-time download link), and the page of a deleted person (410). Plain text with `{placeholders}`;
 * params are escaped by the renderer.
 */
export const privacy = {
  en: {
    'privacy.delete.confirm':
      'Delete everything stored about you? Your Chatwork ID {handle} and its page, your contacts, your requests both ways, your blocks and your sign-ins go, and people you know no longer see you in their lists. This cannot be undone.',
    'privacy.delete.button': 'Delete my data',
    'privacy.delete.cancel': 'Keep my data',
    'privacy.delete.done':
      'Everything stored about you is deleted. {handle} and its page are gone. If you use the app again, you start afresh.',
    'privacy.delete.cancelled': 'Nothing was deleted.',
    'privacy.delete.not_yours':
      'Only the person whose data it is can confirm its deletion. Nothing was deleted.',
    'privacy.nothing': 'Nothing is stored about you: you have not used the app here yet.',
    'privacy.export.title':
      'Everything stored about you, as a JSON file. The link works once, for 10 minutes; do not share it.',
    'privacy.export.button': 'Download my data',
    'privacy.export.ask': 'Export my data',
    'privacy.personal_only':
      'Your data is only shown in your personal chat with the bot. Open it and try again there.',
    'privacy.export.private_only':
      'Your data is only given where no one else sees it: write "export my data" in a personal chat with the bot.',
    'privacy.export.expired_title': 'This download link has expired',
    'privacy.export.expired_body':
      'A download link works once, for 10 minutes. Ask the bot again with "export my data".',
    'privacy.gone_title': 'This page was deleted',
    'privacy.gone_body': 'Its owner deleted their data. The Chatwork ID no longer leads to anyone.',
    'privacy.departed_body': 'Its owner has left. The page comes back if they use the app again.',
    'slack.usage.delete_data': 'To delete everything stored about you: `/chatwork-invite delete my data`.',
    'slack.usage.export_data': 'To download everything stored about you: `/chatwork-invite export my data`.',
    'teams.help.privacy': '"export my data", "delete my data": download or delete everything stored about me',
  },
  ja: {
    'privacy.delete.confirm':
      'あなたについて保存されているデータをすべて削除しますか？Chatwork ID {handle} とそのページ、コンタクト、送受信したリクエスト、ブロック、サインイン情報が削除され、知り合いのリストにも表示されなくなります。元に戻せません。',
    'privacy.delete.button': 'データを削除する',
    'privacy.delete.cancel': '削除しない',
    'privacy.delete.done':
      'あなたのデータをすべて削除しました。{handle} とそのページはもうありません。再びアプリを使うと、新しく始まります。',
    'privacy.delete.cancelled': '何も削除していません。',
    'privacy.delete.not_yours': '削除を確定できるのはデータの持ち主だけです。何も削除していません。',
    'privacy.nothing':
      'あなたについて保存されているデータはありません（ここではまだアプリを使っていません）。',
    'privacy.export.title':
      'あなたについて保存されているデータ（JSONファイル）です。リンクは10分間、1回だけ使えます。共有しないでください。',
    'privacy.export.button': 'データをダウンロード',
    'privacy.export.ask': 'データをエクスポート',
    'privacy.personal_only':
      'データはボットとの個人チャットでのみ表示します。個人チャットを開いて、もう一度お試しください。',
    'privacy.export.private_only':
      'データはほかの人に見えない場所でのみお渡しします。ボットとの個人チャットで「export my data」と送ってください。',
    'privacy.export.expired_title': 'このダウンロードリンクは期限切れです',
    'privacy.export.expired_body':
      'ダウンロードリンクは10分間、1回だけ使えます。もう一度ボットに「export my data」と送ってください。',
    'privacy.gone_title': 'このページは削除されました',
    'privacy.gone_body': '持ち主がデータを削除しました。このChatwork IDはもう誰にもつながっていません。',
    'privacy.departed_body': '持ち主は退出しました。再びアプリを使うと、このページは戻ります。',
    'slack.usage.delete_data': '保存されているデータをすべて削除するには: `/chatwork-invite delete my data`',
    'slack.usage.export_data':
      '保存されているデータをダウンロードするには: `/chatwork-invite export my data`',
    'teams.help.privacy':
      '「export my data」「delete my data」: 自分について保存されているデータをダウンロード・削除',
  },
  vi: {
    'privacy.delete.confirm':
      'Xóa mọi dữ liệu được lưu về bạn? Chatwork ID {handle} và trang của nó, danh bạ, các yêu cầu gửi và nhận, danh sách chặn và các lần đăng nhập sẽ bị xóa, và người quen sẽ không còn thấy bạn trong danh sách của họ. Không thể hoàn tác.',
    'privacy.delete.button': 'Xóa dữ liệu của tôi',
    'privacy.delete.cancel': 'Giữ dữ liệu',
    'privacy.delete.done':
      'Mọi dữ liệu về bạn đã được xóa. {handle} và trang của nó không còn nữa. Nếu dùng lại ứng dụng, bạn sẽ bắt đầu từ đầu.',
    'privacy.delete.cancelled': 'Không có gì bị xóa.',
    'privacy.delete.not_yours': 'Chỉ chủ sở hữu dữ liệu mới có thể xác nhận việc xóa. Không có gì bị xóa.',
    'privacy.nothing': 'Không có dữ liệu nào được lưu về bạn: bạn chưa dùng ứng dụng ở đây.',
    'privacy.export.title':
      'Mọi dữ liệu được lưu về bạn, dưới dạng tệp JSON. Liên kết chỉ dùng được một lần, trong 10 phút; đừng chia sẻ nó.',
    'privacy.export.button': 'Tải dữ liệu của tôi',
    'privacy.export.ask': 'Xuất dữ liệu của tôi',
    'privacy.personal_only':
      'Dữ liệu của bạn chỉ được hiển thị trong cuộc trò chuyện riêng với bot. Hãy mở nó và thử lại ở đó.',
    'privacy.export.private_only':
      'Dữ liệu chỉ được gửi ở nơi không ai khác thấy: hãy viết "export my data" trong cuộc trò chuyện riêng với bot.',
    'privacy.export.expired_title': 'Liên kết tải xuống này đã hết hạn',
    'privacy.export.expired_body':
      'Liên kết tải xuống chỉ dùng được một lần, trong 10 phút. Hãy hỏi lại bot bằng "export my data".',
    'privacy.gone_title': 'Trang này đã bị xóa',
    'privacy.gone_body': 'Chủ sở hữu đã xóa dữ liệu của họ. Chatwork ID này không còn dẫn đến ai.',
    'privacy.departed_body': 'Chủ sở hữu đã rời đi. Trang sẽ trở lại nếu họ dùng lại ứng dụng.',
    'slack.usage.delete_data': 'Để xóa mọi dữ liệu được lưu về bạn: `/chatwork-invite delete my data`.',
    'slack.usage.export_data': 'Để tải mọi dữ liệu được lưu về bạn: `/chatwork-invite export my data`.',
    'teams.help.privacy':
      '"export my data", "delete my data": tải xuống hoặc xóa mọi dữ liệu được lưu về tôi',
  },
} as const;
