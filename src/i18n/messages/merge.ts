/**
 * One person, two platforms (`merge`, `merge <code>`, `unmerge`; src/flows/merge.ts): the answers,
 * the refusals, the usage lines and the help line of each surface.
 */
export const merge = {
  en: {
    'merge.code':
      'Your code is {code}. Within {minutes} minutes, send `merge {code}` to Chatwork Invite in {other}: your two accounts become one. The code works once; keep it to yourself.',
    'merge.private_only': 'A merge code is shown only to you: send `merge` in a direct message with the bot.',
    'merge.done':
      'Your Slack and Teams accounts are one now, with the Chatwork ID {handle}: contacts, requests and blocks of both.',
    'merge.done_connected':
      'Your Slack and Teams accounts are one now, with the Chatwork ID {handle}: contacts, requests and blocks of both. {connected} people you had asked and who had asked you are now your contacts.',
    'merge.unmerged':
      'This account is on its own again, with the Chatwork ID {handle}. Your contacts, requests and blocks stay with {merged}.',
    'error.MERGE_CODE_INVALID':
      'That code is unknown, used or expired. Send `merge` on your other account for a new one.',
    'error.MERGE_SAME_ACCOUNT':
      'That code is from this same account: send it from your account on the other platform.',
    'error.MERGE_SAME_PLATFORM': 'Send the code from your account on the other platform (Slack ↔ Teams).',
    'error.NOT_MERGED': 'This account is not merged with another one.',
    'slack.usage.merge':
      '`/chatwork-invite merge` gives a code; send `/chatwork-invite merge <code>` from the other platform.',
    'slack.usage.unmerge': 'Type `/chatwork-invite unmerge` on its own.',
    'teams.help.merge':
      '"merge": a one-time code to join my Slack and Teams accounts ("merge <code>" on the other one); "unmerge" splits them again',
  },
  ja: {
    'merge.code':
      'コードは {code} です。{minutes}分以内に{other}のChatwork Inviteへ `merge {code}` を送ると、2つのアカウントが1つになります。コードは一回限りです。他の人には教えないでください。',
    'merge.private_only':
      'まとめるためのコードはあなたにだけ表示します。ボットとのダイレクトメッセージで `merge` を送ってください。',
    'merge.done':
      'SlackとTeamsのアカウントを1つにまとめました（Chatwork ID {handle}）。両方のコンタクト、リクエスト、ブロックを引き継ぎます。',
    'merge.done_connected':
      'SlackとTeamsのアカウントを1つにまとめました（Chatwork ID {handle}）。両方のコンタクト、リクエスト、ブロックを引き継ぎます。互いにリクエストしていた{connected}人とコンタクトになりました。',
    'merge.unmerged':
      'このアカウントを再び分けました（Chatwork ID {handle}）。コンタクト、リクエスト、ブロックは {merged} に残ります。',
    'error.MERGE_CODE_INVALID':
      'そのコードは存在しないか、使用済みか、期限切れです。もう一方のアカウントで `merge` を送って新しいコードを取得してください。',
    'error.MERGE_SAME_ACCOUNT':
      'そのコードはこのアカウントのものです。もう一方のプラットフォームのアカウントから送ってください。',
    'error.MERGE_SAME_PLATFORM':
      'もう一方のプラットフォーム（Slack ↔ Teams）のアカウントからコードを送ってください。',
    'error.NOT_MERGED': 'このアカウントは他のアカウントとまとめられていません。',
    'slack.usage.merge':
      '`/chatwork-invite merge` でコードを取得し、もう一方で `/chatwork-invite merge <コード>` を送ってください。',
    'slack.usage.unmerge': '`/chatwork-invite unmerge` だけを入力してください。',
    'teams.help.merge':
      '「merge」：SlackとTeamsのアカウントをまとめる一回限りのコード（もう一方で「merge <コード>」）。「unmerge」で再び分割',
  },
  vi: {
    'merge.code':
      'Mã của bạn là {code}. Trong vòng {minutes} phút, hãy gửi `merge {code}` cho Chatwork Invite trên {other}: hai tài khoản của bạn sẽ thành một. Mã chỉ dùng một lần; đừng chia sẻ cho ai.',
    'merge.private_only': 'Mã gộp chỉ hiển thị cho riêng bạn: hãy gửi `merge` trong tin nhắn riêng với bot.',
    'merge.done':
      'Tài khoản Slack và Teams của bạn đã được gộp thành một, với Chatwork ID {handle}: danh bạ, yêu cầu và danh sách chặn của cả hai.',
    'merge.done_connected':
      'Tài khoản Slack và Teams của bạn đã được gộp thành một, với Chatwork ID {handle}: danh bạ, yêu cầu và danh sách chặn của cả hai. {connected} người mà bạn và họ đã gửi yêu cầu cho nhau giờ là liên hệ của bạn.',
    'merge.unmerged':
      'Tài khoản này đã được tách riêng lại, với Chatwork ID {handle}. Danh bạ, yêu cầu và danh sách chặn vẫn ở {merged}.',
    'error.MERGE_CODE_INVALID':
      'Mã này không tồn tại, đã dùng hoặc đã hết hạn. Hãy gửi `merge` ở tài khoản kia để lấy mã mới.',
    'error.MERGE_SAME_ACCOUNT':
      'Mã này thuộc chính tài khoản này: hãy gửi nó từ tài khoản trên nền tảng kia.',
    'error.MERGE_SAME_PLATFORM': 'Hãy gửi mã từ tài khoản trên nền tảng kia (Slack ↔ Teams).',
    'error.NOT_MERGED': 'Tài khoản này chưa được gộp với tài khoản nào khác.',
    'slack.usage.merge':
      '`/chatwork-invite merge` cho bạn một mã; gửi `/chatwork-invite merge <mã>` từ nền tảng kia.',
    'slack.usage.unmerge': 'Chỉ gõ `/chatwork-invite unmerge`.',
    'teams.help.merge':
      '"merge": mã dùng một lần để gộp tài khoản Slack và Teams của tôi ("merge <mã>" ở bên kia); "unmerge" tách lại',
  },
} as const;
