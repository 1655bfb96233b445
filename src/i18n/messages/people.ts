/**
 * The block list, bulk accept and a note on [Add to contacts], on every surface (Slack, Teams, the
 * web page). Plain text with `{placeholders}`; params are escaped by the renderer.
 */
export const people = {
  en: {
    'error.NOT_BLOCKED': 'That person is not blocked.',
    'outcome.unblocked': '{name} is unblocked. They are not notified, and can send you requests again.',
    'term.unblock': 'Unblock',
    'term.show_more': 'Show more',
    'people.blocked.title': 'People you blocked',
    'people.blocked.none': 'You have not blocked anyone.',
    'people.accept_all.confirm':
      'Accept {count} incoming requests? Each sender is told that you accepted. (At most {max} at a time.)',
    'people.accept_all.button': 'Accept all ({count})',
    'people.accept_all.none': 'There are no incoming requests to accept.',
    'people.accept_all.done': 'Accepted {accepted} requests. You are now contacts.',
    'people.accept_all.done_decided':
      'Accepted {accepted} requests. {decided} had already been answered and were left as they were.',
    'people.note.button': 'Add with a note',
    'people.note.title': 'Add to contacts',
    'people.note.label': 'Note to {name} (optional, up to {max} characters)',
    'people.note.submit': 'Send request',
    'people.note.cancel': 'Cancel',
    'people.note.web_label': 'Note (optional, up to {max} characters)',
    'slack.usage.unblock':
      'Write one person after `unblock` (an @mention, email, Chatwork ID or link), e.g. `/chatwork-invite unblock @taro`. `/chatwork-invite blocked` lists whom you blocked.',
    'slack.usage.accept_all': 'To accept every incoming request at once: `/chatwork-invite accept all`.',
  },
  ja: {
    'error.NOT_BLOCKED': 'その方はブロックしていません。',
    'outcome.unblocked': '{name}さんのブロックを解除しました。相手には通知されず、今後は申請を受け取れます。',
    'term.unblock': 'ブロックを解除',
    'term.show_more': 'さらに表示',
    'people.blocked.title': 'ブロックしたユーザー',
    'people.blocked.none': 'ブロックしているユーザーはいません。',
    'people.accept_all.confirm':
      '未承認のコンタクト申請 {count} 件をすべて承認しますか？ 申請者には承認したことが通知されます。（一度に最大 {max} 件）',
    'people.accept_all.button': 'すべて承認する（{count}）',
    'people.accept_all.none': '承認できる未承認の申請はありません。',
    'people.accept_all.done': '{accepted} 件の申請を承認しました。コンタクトに追加されました。',
    'people.accept_all.done_decided':
      '{accepted} 件の申請を承認しました。{decided} 件はすでに対応済みのため、そのままにしました。',
    'people.note.button': 'メッセージを添えて追加',
    'people.note.title': 'コンタクトに追加',
    'people.note.label': '{name}さんへのメッセージ（任意、{max}文字まで）',
    'people.note.submit': '申請を送る',
    'people.note.cancel': 'キャンセル',
    'people.note.web_label': 'メッセージ（任意、{max}文字まで）',
    'slack.usage.unblock':
      '`unblock` の後に相手を1人指定してください（@メンション、メールアドレス、Chatwork ID、リンク）。例：`/chatwork-invite unblock @taro`。ブロックした相手の一覧は `/chatwork-invite blocked` です。',
    'slack.usage.accept_all': '未承認の申請をまとめて承認するには：`/chatwork-invite accept all`',
  },
  vi: {
    'error.NOT_BLOCKED': 'Bạn chưa chặn người này.',
    'outcome.unblocked':
      'Đã bỏ chặn {name}. Họ sẽ không được thông báo và có thể gửi yêu cầu cho bạn trở lại.',
    'term.unblock': 'Bỏ chặn',
    'term.show_more': 'Xem thêm',
    'people.blocked.title': 'Những người bạn đã chặn',
    'people.blocked.none': 'Bạn chưa chặn ai.',
    'people.accept_all.confirm':
      'Xác nhận tất cả {count} yêu cầu chưa xác nhận? Mỗi người gửi sẽ được báo là bạn đã xác nhận. (Tối đa {max} yêu cầu mỗi lần.)',
    'people.accept_all.button': 'Xác nhận tất cả ({count})',
    'people.accept_all.none': 'Không có yêu cầu nào để xác nhận.',
    'people.accept_all.done': 'Đã xác nhận {accepted} yêu cầu. Các bạn đã trở thành liên hệ.',
    'people.accept_all.done_decided':
      'Đã xác nhận {accepted} yêu cầu. {decided} yêu cầu đã được trả lời trước đó nên được giữ nguyên.',
    'people.note.button': 'Thêm kèm lời nhắn',
    'people.note.title': 'Thêm vào Danh bạ',
    'people.note.label': 'Lời nhắn cho {name} (không bắt buộc, tối đa {max} ký tự)',
    'people.note.submit': 'Gửi yêu cầu',
    'people.note.cancel': 'Hủy',
    'people.note.web_label': 'Lời nhắn (không bắt buộc, tối đa {max} ký tự)',
    'slack.usage.unblock':
      'Hãy ghi một người sau `unblock` (@mention, email, Chatwork ID hoặc liên kết), ví dụ `/chatwork-invite unblock @taro`. `/chatwork-invite blocked` liệt kê những người bạn đã chặn.',
    'slack.usage.accept_all': 'Để xác nhận mọi yêu cầu cùng lúc: `/chatwork-invite accept all`.',
  },
} as const;
