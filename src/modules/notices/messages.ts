// Texts of notices that do not go to a volunteer (who gets their own language): a station's duty phone reads
// Chinese. They carry an id, never a recipient's name or a need's text: an SMS gateway and a log are not places
// for health or personal data.
export const zhNotices = {
  'notice.urgentNeed.subject': '急难愁盼（紧急）#{id}',
  'notice.urgentNeed.body': '走访发现一条紧急需求（编号 {id}），请登录守望，在“急难愁盼跟进”中查看并跟进。',
} as const;

export const enNotices: { readonly [K in keyof typeof zhNotices]: string } = {
  'notice.urgentNeed.subject': 'Urgent need #{id}',
  'notice.urgentNeed.body': 'A visit found an urgent need (no. {id}): log in to Shouwang and follow it up under Needs.',
};
