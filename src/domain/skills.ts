/** The county's volunteer skills: stable codes with the labels counties write in their spreadsheets. */
export const SKILLS = {
  visiting: { zh: '访视照料', en: 'Visiting care' },
  cleaning: { zh: '清洁卫生', en: 'Cleaning' },
  escort: { zh: '送医陪护', en: 'Escort to hospital' },
  counselling: { zh: '心理疏导', en: 'Psychological counselling' },
  meals: { zh: '送餐', en: 'Meal delivery' },
  medical: { zh: '医疗（村医）', en: 'Medical (village doctor)' },
  social_worker: { zh: '社工证', en: 'Social worker certificate' },
} as const;

export type Skill = keyof typeof SKILLS;
export const SKILL_CODES = Object.keys(SKILLS) as Skill[];

/** A skill from its code or either label (case- and width-insensitive for the code); null when unknown. */
export function skillFrom(text: string): Skill | null {
  const v = text.trim();
  if (!v) return null;
  for (const code of SKILL_CODES) {
    if (code === v.toLowerCase() || SKILLS[code].zh === v || SKILLS[code].en.toLowerCase() === v.toLowerCase())
      return code;
  }
  // Common short forms: 医疗 / 村医 for the medical skill.
  if (v === '医疗' || v === '村医') return 'medical';
  return null;
}
