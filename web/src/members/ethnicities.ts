// The 56 ethnic groups as written on resident ID cards (the server's list, in its order), each
// with an ASCII key for its display label (enum.ethnicity.<key>). The API speaks the Chinese
// name ("汉族"); the key only names the label.
export const ETHNICITIES = [
  { name: '汉族', key: 'han' },
  { name: '蒙古族', key: 'mongol' },
  { name: '回族', key: 'hui' },
  { name: '藏族', key: 'tibetan' },
  { name: '维吾尔族', key: 'uyghur' },
  { name: '苗族', key: 'miao' },
  { name: '彝族', key: 'yi' },
  { name: '壮族', key: 'zhuang' },
  { name: '布依族', key: 'bouyei' },
  { name: '朝鲜族', key: 'korean' },
  { name: '满族', key: 'manchu' },
  { name: '侗族', key: 'dong' },
  { name: '瑶族', key: 'yao' },
  { name: '白族', key: 'bai' },
  { name: '土家族', key: 'tujia' },
  { name: '哈尼族', key: 'hani' },
  { name: '哈萨克族', key: 'kazakh' },
  { name: '傣族', key: 'dai' },
  { name: '黎族', key: 'li' },
  { name: '傈僳族', key: 'lisu' },
  { name: '佤族', key: 'va' },
  { name: '畲族', key: 'she' },
  { name: '高山族', key: 'gaoshan' },
  { name: '拉祜族', key: 'lahu' },
  { name: '水族', key: 'shui' },
  { name: '东乡族', key: 'dongxiang' },
  { name: '纳西族', key: 'naxi' },
  { name: '景颇族', key: 'jingpo' },
  { name: '柯尔克孜族', key: 'kyrgyz' },
  { name: '土族', key: 'tu' },
  { name: '达斡尔族', key: 'daur' },
  { name: '仫佬族', key: 'mulao' },
  { name: '羌族', key: 'qiang' },
  { name: '布朗族', key: 'blang' },
  { name: '撒拉族', key: 'salar' },
  { name: '毛南族', key: 'maonan' },
  { name: '仡佬族', key: 'gelao' },
  { name: '锡伯族', key: 'xibe' },
  { name: '阿昌族', key: 'achang' },
  { name: '普米族', key: 'pumi' },
  { name: '塔吉克族', key: 'tajik' },
  { name: '怒族', key: 'nu' },
  { name: '乌孜别克族', key: 'uzbek' },
  { name: '俄罗斯族', key: 'russian' },
  { name: '鄂温克族', key: 'evenki' },
  { name: '德昂族', key: 'deang' },
  { name: '保安族', key: 'bonan' },
  { name: '裕固族', key: 'yugur' },
  { name: '京族', key: 'gin' },
  { name: '塔塔尔族', key: 'tatar' },
  { name: '独龙族', key: 'derung' },
  { name: '鄂伦春族', key: 'oroqen' },
  { name: '赫哲族', key: 'hezhen' },
  { name: '门巴族', key: 'monba' },
  { name: '珞巴族', key: 'lhoba' },
  { name: '基诺族', key: 'jino' },
] as const

export type EthnicityKey = (typeof ETHNICITIES)[number]['key']

const KEY_OF = new Map<string, EthnicityKey>(ETHNICITIES.map((e) => [e.name, e.key]))

// The label key of an ethnic group's Chinese name (undefined for a name not in the list).
export function ethnicityKey(name: string): EthnicityKey | undefined {
  return KEY_OF.get(name)
}
