#include "cli/gen_country.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <utility>

#include "domain/recruitment/applicant.h"

namespace tj::cli::gen {
namespace {

using domain::Education;
using domain::MemberStatus;
using domain::Occupation;
using domain::OrgType;
using domain::SchoolStage;
using domain::Sector;
using std::chrono::days;
using std::chrono::sys_days;

// ---------------------------------------------------------------------------------------------
// Random numbers. xoshiro256** seeded through SplitMix64, and every draw written out here: the
// std:: distributions give different numbers in different standard libraries.

uint64_t SplitMix(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) s = SplitMix(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // In [0, n), n > 0. The modulo's bias is below 2^-50 for the small n used here.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // In [lo, hi].
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // In [0, 1).
  double Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Range(double lo, double hi) { return lo + (hi - lo) * Real(); }
  bool Chance(double p) { return Real() < p; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T>
const T& Pick(Rng& r, std::span<const Weighted<T>> table) {
  int total = 0;
  for (const auto& w : table) total += w.weight;
  int k = r.Int(0, total - 1);
  for (const auto& w : table) {
    if (k < w.weight) return w.value;
    k -= w.weight;
  }
  return table.back().value;
}

template <typename T, size_t N>
const T& Pick(Rng& r, const Weighted<T> (&table)[N]) {
  return Pick(r, std::span<const Weighted<T>>(table));
}

template <size_t N>
std::string_view Any(Rng& r, const std::string_view (&list)[N]) {
  return list[r.Below(N)];
}

int Round(double v) { return static_cast<int>(std::lround(v)); }

// ---------------------------------------------------------------------------------------------
// Data.

const std::vector<ProvinceInfo> kProvinces = {
    {"11", "北京市", "共青团北京市委", "团市委", 16, 1, true},
    {"12", "天津市", "共青团天津市委", "团市委", 16, 1, true},
    {"13", "河北省", "共青团河北省委", "团省委", 167, 11, false},
    {"14", "山西省", "共青团山西省委", "团省委", 117, 11, false},
    {"15", "内蒙古自治区", "共青团内蒙古自治区委员会", "团区委", 103, 12, false},
    {"21", "辽宁省", "共青团辽宁省委", "团省委", 100, 14, false},
    {"22", "吉林省", "共青团吉林省委", "团省委", 60, 9, false},
    {"23", "黑龙江省", "共青团黑龙江省委", "团省委", 121, 13, false},
    {"31", "上海市", "共青团上海市委", "团市委", 16, 1, true},
    {"32", "江苏省", "共青团江苏省委", "团省委", 95, 13, false},
    {"33", "浙江省", "共青团浙江省委", "团省委", 90, 11, false},
    {"34", "安徽省", "共青团安徽省委", "团省委", 104, 16, false},
    {"35", "福建省", "共青团福建省委", "团省委", 84, 9, false},
    {"36", "江西省", "共青团江西省委", "团省委", 100, 11, false},
    {"37", "山东省", "共青团山东省委", "团省委", 136, 16, false},
    {"41", "河南省", "共青团河南省委", "团省委", 157, 17, false},
    {"42", "湖北省", "共青团湖北省委", "团省委", 103, 13, false},
    {"43", "湖南省", "共青团湖南省委", "团省委", 122, 14, false},
    {"44", "广东省", "共青团广东省委", "团省委", 122, 21, false},
    {"45", "广西壮族自治区", "共青团广西壮族自治区委员会", "团区委", 111, 14, false},
    {"46", "海南省", "共青团海南省委", "团省委", 25, 4, false},
    {"50", "重庆市", "共青团重庆市委", "团市委", 38, 2, true},
    {"51", "四川省", "共青团四川省委", "团省委", 183, 21, false},
    {"52", "贵州省", "共青团贵州省委", "团省委", 88, 9, false},
    {"53", "云南省", "共青团云南省委", "团省委", 129, 16, false},
    {"54", "西藏自治区", "共青团西藏自治区委员会", "团区委", 74, 7, false},
    {"61", "陕西省", "共青团陕西省委", "团省委", 107, 10, false},
    {"62", "甘肃省", "共青团甘肃省委", "团省委", 86, 14, false},
    {"63", "青海省", "共青团青海省委", "团省委", 44, 8, false},
    {"64", "宁夏回族自治区", "共青团宁夏回族自治区委员会", "团区委", 22, 5, false},
    {"65", "新疆维吾尔自治区", "共青团新疆维吾尔自治区委员会", "团区委", 107, 14, false},
};

// Ethnic groups of each province's young people, per mille (roughly the census shares).
using EthnicMix = std::vector<Weighted<std::string_view>>;
const std::map<std::string_view, EthnicMix>& EthnicMixes() {
  static const std::map<std::string_view, EthnicMix> kMixes = {
      {"11", {{"汉族", 955}, {"满族", 20}, {"回族", 18}, {"蒙古族", 7}}},
      {"12", {{"汉族", 970}, {"回族", 18}, {"满族", 8}, {"蒙古族", 4}}},
      {"13", {{"汉族", 957}, {"满族", 30}, {"回族", 9}, {"蒙古族", 4}}},
      {"14", {{"汉族", 997}, {"回族", 3}}},
      {"15",
       {{"汉族", 780},
        {"蒙古族", 180},
        {"满族", 20},
        {"回族", 10},
        {"达斡尔族", 5},
        {"鄂温克族", 5}}},
      {"21",
       {{"汉族", 840}, {"满族", 120}, {"蒙古族", 20}, {"回族", 10}, {"朝鲜族", 5}, {"锡伯族", 5}}},
      {"22", {{"汉族", 910}, {"朝鲜族", 40}, {"满族", 35}, {"蒙古族", 10}, {"回族", 5}}},
      {"23", {{"汉族", 950}, {"满族", 30}, {"朝鲜族", 10}, {"蒙古族", 5}, {"回族", 5}}},
      {"31", {{"汉族", 994}, {"回族", 4}, {"满族", 2}}},
      {"32", {{"汉族", 996}, {"回族", 4}}},
      {"33", {{"汉族", 990}, {"畲族", 4}, {"土家族", 3}, {"苗族", 3}}},
      {"34", {{"汉族", 994}, {"回族", 6}}},
      {"35", {{"汉族", 980}, {"畲族", 12}, {"回族", 3}, {"苗族", 3}, {"土家族", 2}}},
      {"36", {{"汉族", 997}, {"畲族", 3}}},
      {"37", {{"汉族", 993}, {"回族", 6}, {"满族", 1}}},
      {"41", {{"汉族", 989}, {"回族", 10}, {"蒙古族", 1}}},
      {"42", {{"汉族", 955}, {"土家族", 38}, {"苗族", 5}, {"回族", 2}}},
      {"43",
       {{"汉族", 895}, {"土家族", 40}, {"苗族", 30}, {"侗族", 13}, {"瑶族", 11}, {"白族", 2}}},
      {"44", {{"汉族", 980}, {"壮族", 10}, {"土家族", 5}, {"瑶族", 4}, {"畲族", 1}}},
      {"45",
       {{"汉族", 620},
        {"壮族", 320},
        {"瑶族", 30},
        {"苗族", 10},
        {"侗族", 10},
        {"仫佬族", 5},
        {"毛南族", 3},
        {"回族", 2}}},
      {"46", {{"汉族", 830}, {"黎族", 150}, {"苗族", 10}, {"回族", 5}, {"壮族", 5}}},
      {"50", {{"汉族", 935}, {"土家族", 45}, {"苗族", 18}, {"回族", 2}}},
      {"51",
       {{"汉族", 940},
        {"彝族", 30},
        {"藏族", 18},
        {"羌族", 4},
        {"土家族", 4},
        {"苗族", 2},
        {"回族", 2}}},
      {"52",
       {{"汉族", 630},
        {"苗族", 120},
        {"布依族", 70},
        {"土家族", 40},
        {"侗族", 40},
        {"彝族", 20},
        {"仡佬族", 15},
        {"水族", 10},
        {"回族", 5},
        {"白族", 5},
        {"瑶族", 5}}},
      {"53",
       {{"汉族", 660},
        {"彝族", 110},
        {"哈尼族", 35},
        {"白族", 35},
        {"傣族", 27},
        {"壮族", 27},
        {"苗族", 27},
        {"回族", 15},
        {"傈僳族", 15},
        {"拉祜族", 10},
        {"佤族", 9},
        {"纳西族", 7},
        {"瑶族", 5},
        {"藏族", 3},
        {"景颇族", 3}}},
      {"54",
       {{"藏族", 860}, {"汉族", 120}, {"门巴族", 4}, {"回族", 4}, {"纳西族", 2}, {"珞巴族", 1}}},
      {"61", {{"汉族", 995}, {"回族", 5}}},
      {"62",
       {{"汉族", 905},
        {"回族", 50},
        {"藏族", 20},
        {"东乡族", 15},
        {"土族", 3},
        {"蒙古族", 2},
        {"撒拉族", 1},
        {"保安族", 1},
        {"裕固族", 1}}},
      {"63",
       {{"汉族", 500}, {"藏族", 250}, {"回族", 150}, {"土族", 35}, {"撒拉族", 20}, {"蒙古族", 18}}},
      {"64", {{"汉族", 630}, {"回族", 360}, {"满族", 4}, {"蒙古族", 2}}},
      {"65",
       {{"维吾尔族", 450},
        {"汉族", 420},
        {"哈萨克族", 70},
        {"回族", 45},
        {"柯尔克孜族", 7},
        {"蒙古族", 7},
        {"塔吉克族", 2},
        {"锡伯族", 2},
        {"乌孜别克族", 1}}},
  };
  return kMixes;
}

// The commonest surnames, weights in tenths of a per cent of the population.
constexpr Weighted<std::string_view> kSurnames[] = {
    {"王", 71},  {"李", 70},  {"张", 67}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 22},
    {"赵", 20},  {"吴", 20},  {"周", 19}, {"徐", 13}, {"孙", 12}, {"马", 12}, {"朱", 11},
    {"胡", 10},  {"郭", 10},  {"何", 9},  {"林", 9},  {"高", 9},  {"罗", 9},  {"郑", 8},
    {"梁", 7},   {"谢", 6},   {"宋", 5},  {"唐", 5},  {"许", 5},  {"韩", 5},  {"冯", 5},
    {"邓", 5},   {"曹", 5},   {"彭", 5},  {"曾", 5},  {"肖", 4},  {"田", 4},  {"董", 4},
    {"袁", 4},   {"潘", 4},   {"于", 4},  {"蒋", 4},  {"蔡", 4},  {"余", 4},  {"杜", 4},
    {"叶", 4},   {"程", 3},   {"苏", 3},  {"魏", 3},  {"吕", 3},  {"丁", 3},  {"任", 3},
    {"沈", 3},   {"姚", 3},   {"卢", 3},  {"姜", 3},  {"崔", 3},  {"钟", 3},  {"谭", 3},
    {"陆", 3},   {"汪", 3},   {"范", 3},  {"金", 3},  {"石", 3},  {"廖", 2},  {"贾", 2},
    {"夏", 2},   {"韦", 2},   {"付", 2},  {"方", 2},  {"白", 2},  {"邹", 2},  {"孟", 2},
    {"熊", 2},   {"秦", 2},   {"邱", 2},  {"江", 2},  {"尹", 2},  {"薛", 2},  {"闫", 2},
    {"段", 2},   {"雷", 2},   {"侯", 2},  {"龙", 2},  {"史", 2},  {"陶", 2},  {"黎", 2},
    {"贺", 2},   {"顾", 2},   {"毛", 2},  {"郝", 2},  {"龚", 2},  {"邵", 2},  {"欧阳", 1},
    {"上官", 1}, {"司马", 1}, {"诸葛", 1}};
constexpr std::string_view kMaleGiven[] = {
    "浩", "宇", "轩", "博", "俊", "明", "磊", "强", "杰", "鹏", "涛", "斌", "伟", "军", "超", "鑫",
    "晨", "阳", "泽", "睿", "航", "凯", "文", "子", "一", "嘉", "海", "峰", "辉", "龙", "志", "建",
    "国", "家", "天", "正", "毅", "翔", "昊", "然", "铭", "达", "帅", "洋", "旭", "彬", "成", "康"};
constexpr std::string_view kFemaleGiven[] = {
    "涵", "欣", "怡", "梓", "佳", "雨", "思", "丽", "婷", "静", "敏", "雪", "琳", "瑶", "萱", "颖",
    "悦", "诺", "艳", "红", "娜", "倩", "芳", "晶", "玉", "慧", "月", "彤", "可", "雯", "露", "洁",
    "蕾", "璐", "妍", "晓", "菲", "茜", "楠", "梦", "嘉", "子", "一", "文", "宇", "晨"};
constexpr std::string_view kMongolianNames[] = {"其其格", "巴特尔", "乌云", "苏日娜", "额尔敦",
                                                "斯琴",   "朝鲁",   "萨仁", "图雅",   "宝音",
                                                "那日苏", "阿拉坦", "哈斯", "乌日娜", "格日勒"};
constexpr std::string_view kTibetanNames[] = {
    "扎西", "次仁", "卓玛", "格桑", "央金", "索朗", "达瓦", "尼玛", "拉姆", "平措",
    "多吉", "德吉", "旺堆", "白玛", "普布", "巴桑", "边巴", "曲珍", "洛桑", "琼达"};
constexpr std::string_view kTurkicMale[] = {"艾力",   "买买提",   "阿不都", "吐尔逊", "艾合买提",
                                            "热合曼", "伊力亚尔", "阿迪力", "麦麦提", "努尔兰",
                                            "叶尔兰", "阿里木",   "肉孜",   "塔依尔", "别克"};
constexpr std::string_view kTurkicFemale[] = {"古丽",     "阿依古丽", "帕提古丽", "热依拉",
                                              "迪丽娜尔", "努尔古丽", "米热古丽", "阿依努尔",
                                              "再努尔",   "阿娜尔",   "古丽米拉", "阿依达娜"};

// Characters of place names ("安平", "宁江"), first and second.
constexpr std::string_view kPlaceFirst[] = {
    "安", "宝", "北", "昌", "长", "成", "大", "德", "东", "丰", "凤", "福", "富", "高", "广", "海",
    "和", "河", "红", "华", "怀", "吉", "嘉", "建", "江", "金", "靖", "开", "康", "乐", "临", "龙",
    "隆", "茂", "梅", "南", "宁", "平", "青", "庆", "清", "瑞", "三", "山", "上", "石", "双", "顺",
    "泰", "通", "桐", "万", "武", "西", "仙", "祥", "新", "兴", "延", "阳", "永", "玉", "元", "云",
    "中", "白", "黑", "松", "柳", "桃", "洪", "湘", "汉", "岳", "鹤", "鹿", "枣", "榆", "杨", "沙"};
constexpr std::string_view kPlaceSecond[] = {
    "安", "昌", "城", "川", "德", "定", "丰", "峰", "冈", "谷", "和", "河", "湖", "化", "江",
    "康", "林", "陵", "宁", "平", "浦", "山", "水", "顺", "台", "泰", "田", "溪", "乡", "阳",
    "源", "远", "州", "原", "兴", "西", "东", "南", "北", "海", "口", "岭", "坪", "桥", "塘",
    "庄", "集", "营", "屯", "堡", "门", "关", "泉", "洲", "滨", "湾", "岗", "沟"};
// Characters of company names ("宏达", "鑫源").
constexpr std::string_view kBrand[] = {"宏", "兴", "华", "鑫", "恒", "盛", "丰", "泰", "瑞", "德",
                                       "金", "润", "远", "通", "信", "达", "利", "源", "嘉", "安",
                                       "创", "科", "博", "优", "联", "宇", "天", "腾", "隆", "昌"};
constexpr std::string_view kIndustries[] = {
    "建材",     "农业科技", "食品", "物流",   "商贸",     "机械制造",
    "电子科技", "纺织",     "医药", "新能源", "建筑工程", "汽车服务",
    "文化传媒", "电子商务", "粮油", "畜牧",   "环保科技", "信息技术"};
constexpr std::string_view kBureaus[] = {"委办公室",         "政府办公室",
                                         "教育局",           "卫生健康局",
                                         "公安局",           "税务局",
                                         "财政局",           "人力资源和社会保障局",
                                         "农业农村局",       "交通运输局",
                                         "市场监督管理局",   "自然资源局",
                                         "住房和城乡建设局", "人民法院",
                                         "人民检察院",       "司法局",
                                         "民政局",           "文化广播电视和旅游局",
                                         "生态环境局",       "应急管理局",
                                         "水利局",           "统计局",
                                         "审计局",           "商务局",
                                         "融媒体中心",       "疾病预防控制中心",
                                         "中医院",           "妇幼保健院",
                                         "林业和草原局",     "退役军人事务局",
                                         "医疗保障局",       "发展和改革局",
                                         "工业和信息化局",   "供销合作社联合社"};
constexpr std::string_view kHospitalUnits[] = {"内科",   "外科",   "妇产科",   "儿科",
                                               "急诊科", "护理部", "医技科室", "行政后勤"};
constexpr std::string_view kDepartments[] = {"营销部",       "运维检修部", "综合管理部", "财务部",
                                             "客户服务中心", "生产技术部", "安全监察部", "营业部"};
struct StateEnterprise {
  std::string_view prefix, suffix;
};
constexpr StateEnterprise kStateEnterprises[] = {
    {"国网", "供电公司"},   {"", "农村商业银行"},       {"中国移动", "分公司"},
    {"中国邮政", "分公司"}, {"中国石化", "石油分公司"}, {"", "城市建设投资集团有限公司"}};
constexpr std::string_view kCollegeDepartments[] = {
    "机电工程系", "信息工程系", "经济管理系", "护理系", "建筑工程系", "农林科技系",
    "艺术设计系", "教育系",     "汽车工程系", "财经系", "旅游管理系", "食品工程系"};
constexpr std::string_view kVocationalMajors[] = {"汽修", "计算机", "电商",     "会计", "学前教育",
                                                  "机电", "护理",   "畜牧兽医", "旅游", "建筑"};
constexpr std::string_view kSeniorSchools[] = {
    "第一中学", "第二中学", "第三中学", "实验中学", "第四中学", "第五中学", "高级中学",
    "第六中学", "第七中学", "育才中学", "第八中学", "第九中学", "第十中学", "第十一中学"};
constexpr std::string_view kSocialGroups[] = {
    "青年志愿者协会", "青年企业家协会", "律师行业",       "社会工作服务中心", "青年创业协会",
    "青年文艺家协会", "青年电商协会",   "青年摄影家协会", "义工联合会",       "民办非企业单位联合"};
constexpr std::string_view kNewEconomy[] = {"快递行业", "外卖配送行业", "网约车行业",    "货车司机",
                                            "网络主播", "家政服务行业", "个体工商户联合"};
constexpr std::string_view kSeniorGrades[] = {"高一", "高二", "高三"};

// ---------------------------------------------------------------------------------------------
// Who a branch's members are.

struct Kind {
  int min_age;  // on the generation date
  int max_age;
  std::span<const Weighted<Education>> education;
  std::span<const Weighted<Occupation>> occupation;
  double study;   // the sector's mean share of Youth Study participants an episode
  double male;    // share of men
  bool student;   // joined at school, within a few years of the 14th birthday
  bool ages_out;  // some are past 28 and aged out
};

constexpr Weighted<Education> kEduPrimary[] = {{Education::kPrimary, 1}};
constexpr Weighted<Education> kEduJunior[] = {{Education::kJuniorHigh, 1}};
constexpr Weighted<Education> kEduCollege[] = {{Education::kSeniorHigh, 8},
                                               {Education::kVocationalSecondary, 2}};
constexpr Weighted<Education> kEduTeacher[] = {
    {Education::kBachelor, 7}, {Education::kPostgraduate, 1}, {Education::kAssociate, 2}};
constexpr Weighted<Education> kEduRural[] = {{Education::kJuniorHigh, 50},
                                             {Education::kSeniorHigh, 28},
                                             {Education::kVocationalSecondary, 12},
                                             {Education::kAssociate, 8},
                                             {Education::kBachelor, 2}};
constexpr Weighted<Education> kEduOffice[] = {
    {Education::kBachelor, 65}, {Education::kPostgraduate, 15}, {Education::kAssociate, 20}};
constexpr Weighted<Education> kEduEnterprise[] = {{Education::kAssociate, 40},
                                                  {Education::kBachelor, 28},
                                                  {Education::kVocationalSecondary, 16},
                                                  {Education::kSeniorHigh, 16}};
constexpr Weighted<Education> kEduCommunity[] = {{Education::kSeniorHigh, 30},
                                                 {Education::kAssociate, 28},
                                                 {Education::kBachelor, 20},
                                                 {Education::kVocationalSecondary, 12},
                                                 {Education::kJuniorHigh, 10}};
constexpr Weighted<Education> kEduSocial[] = {{Education::kBachelor, 40},
                                              {Education::kAssociate, 35},
                                              {Education::kSeniorHigh, 15},
                                              {Education::kPostgraduate, 10}};
constexpr Weighted<Education> kEduNewEconomy[] = {{Education::kSeniorHigh, 35},
                                                  {Education::kVocationalSecondary, 25},
                                                  {Education::kJuniorHigh, 20},
                                                  {Education::kAssociate, 20}};

constexpr Weighted<Occupation> kOccStudent[] = {{Occupation::kStudent, 1}};
constexpr Weighted<Occupation> kOccPublic[] = {{Occupation::kPublicEmployee, 1}};
constexpr Weighted<Occupation> kOccRural[] = {{Occupation::kFarmer, 55},
                                              {Occupation::kWorker, 22},
                                              {Occupation::kFreelancer, 12},
                                              {Occupation::kUnemployed, 6},
                                              {Occupation::kOther, 5}};
constexpr Weighted<Occupation> kOccEnterprise[] = {{Occupation::kEnterpriseEmployee, 75},
                                                   {Occupation::kWorker, 25}};
constexpr Weighted<Occupation> kOccStateEnterprise[] = {{Occupation::kEnterpriseEmployee, 1}};
constexpr Weighted<Occupation> kOccCommunity[] = {
    {Occupation::kFreelancer, 25}, {Occupation::kEnterpriseEmployee, 25},
    {Occupation::kWorker, 20},     {Occupation::kUnemployed, 10},
    {Occupation::kOther, 10},      {Occupation::kStudent, 10}};
constexpr Weighted<Occupation> kOccSocial[] = {
    {Occupation::kOther, 35}, {Occupation::kFreelancer, 35}, {Occupation::kEnterpriseEmployee, 30}};
constexpr Weighted<Occupation> kOccNewEconomy[] = {
    {Occupation::kWorker, 30}, {Occupation::kFreelancer, 50}, {Occupation::kOther, 20}};

constexpr Kind kJuniorHigh{14, 15, kEduPrimary, kOccStudent, 0.48, 0.5, true, false};
constexpr Kind kSeniorHigh{15, 18, kEduJunior, kOccStudent, 0.50, 0.5, true, false};
constexpr Kind kVocational{15, 19, kEduJunior, kOccStudent, 0.42, 0.55, true, false};
constexpr Kind kCollege{18, 22, kEduCollege, kOccStudent, 0.46, 0.5, true, false};
constexpr Kind kTeacher{22, 27, kEduTeacher, kOccPublic, 0.50, 0.3, false, true};
constexpr Kind kRural{18, 27, kEduRural, kOccRural, 0.24, 0.55, false, true};
constexpr Kind kTownStaff{21, 27, kEduOffice, kOccPublic, 0.45, 0.5, false, true};
constexpr Kind kAgency{22, 27, kEduOffice, kOccPublic, 0.44, 0.5, false, true};
constexpr Kind kHospital{22, 27, kEduTeacher, kOccPublic, 0.38, 0.3, false, true};
constexpr Kind kEnterprise{19, 27, kEduEnterprise, kOccEnterprise, 0.26, 0.6, false, true};
constexpr Kind kStateEnterprise{21, 27, kEduOffice, kOccStateEnterprise, 0.40, 0.55, false, true};
constexpr Kind kCommunity{16, 27, kEduCommunity, kOccCommunity, 0.28, 0.5, false, true};
constexpr Kind kSocial{18, 27, kEduSocial, kOccSocial, 0.24, 0.5, false, true};
constexpr Kind kNewEconomyWorkers{18, 27, kEduNewEconomy, kOccNewEconomy, 0.18, 0.75, false, true};

Kind WithAges(Kind k, int min_age, int max_age) {
  k.min_age = min_age;
  k.max_age = max_age;
  return k;
}

Date AddDays(Date d, int n) { return Date{sys_days(d) + days(n)}; }
int DaysBetween(Date from, Date to) {
  return static_cast<int>((sys_days(to) - sys_days(from)).count());
}

// ---------------------------------------------------------------------------------------------
// Splitting numbers.

// `total` in `parts` parts of about equal size (each between 1 - spread and 1 + spread times
// the mean), summing to `total`; fewer parts when total < parts.
std::vector<int> Split(Rng& r, int total, int parts, double spread) {
  parts = std::max(1, std::min(parts, total));
  std::vector<double> w(static_cast<size_t>(parts));
  double sum = 0;
  for (auto& x : w) sum += (x = r.Range(1 - spread, 1 + spread));
  std::vector<int> out(w.size(), 1);
  int left = total - parts;
  int given = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    int add = static_cast<int>(std::floor(left * w[i] / sum));
    out[i] += add;
    given += add;
  }
  for (size_t i = 0; given < left; i = (i + 1) % out.size(), ++given) ++out[i];
  return out;
}

// Units of lo..hi filling `total`, small ones more often the larger `skew` (u^skew); a last
// remainder below lo/2 joins the previous unit.
std::vector<int> Chunks(Rng& r, int total, int lo, int hi, double skew) {
  std::vector<int> out;
  int left = total;
  while (left > 0) {
    int s = lo + Round((hi - lo) * std::pow(r.Real(), skew));
    s = std::min(s, left);
    if (s < std::max(1, lo / 2) && !out.empty()) {
      out.back() += s;
    } else {
      out.push_back(s);
    }
    left -= s;
  }
  return out;
}

// Counts of `total` items over weights, at least `min_each` each and at most caps[i] (D'Hondt
// rule, so the result moves smoothly with the total). The sum may fall short of total when every
// cap is reached.
std::vector<int> Apportion(int total, const std::vector<double>& weights, int min_each,
                           const std::vector<int>& caps) {
  std::vector<int> out(weights.size(), min_each);
  int given = min_each * static_cast<int>(weights.size());
  while (given < total) {
    size_t best = weights.size();
    double best_q = -1;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (!caps.empty() && out[i] >= caps[i]) continue;
      double q = weights[i] / (out[i] + 0.5);
      if (q > best_q) {
        best_q = q;
        best = i;
      }
    }
    if (best == weights.size()) break;
    ++out[best];
    ++given;
  }
  return out;
}

std::string TwoDigits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// A province, built org by org, member by member.

class ProvinceBuilder {
 public:
  ProvinceBuilder(const ProvincePlan& plan, const CountryOptions& o)
      : rng_(Seed(o.seed, plan.info.code)),
        o_(o),
        ethnic_(EthnicMixes().at(plan.info.code)),
        school_year_(int(o.today.year()) - (unsigned(o.today.month()) >= 9 ? 0 : 1)) {
    p_.plan = plan;
  }

  Province Build() {
    const auto& info = p_.plan.info;
    const int province = AddOrg(-1, std::string(info.committee), std::string(info.short_name),
                                OrgType::kLocalCommittee, Sector::kOther, std::nullopt,
                                std::string(info.code) + "0000");
    std::set<std::string> names;  // cities and counties of the province, all different
    std::vector<double> w;
    for (int i = 0; i < p_.plan.cities; ++i) w.push_back(rng_.Range(0.6, 1.4));
    const auto per_city = Apportion(p_.plan.counties, w, 1, {});
    for (int c = 0; c < p_.plan.cities; ++c) {
      const std::string city = std::string(info.code) + TwoDigits(c + 1);  // 4 digits
      int parent = province;
      std::string city_name;
      if (!info.municipality) {
        city_name = PlaceName(names, "市");
        parent = AddOrg(province, "共青团" + city_name + "委", "团市委", OrgType::kLocalCommittee,
                        Sector::kOther, std::nullopt, city + "00");
      }
      const int k = per_city[static_cast<size_t>(c)];
      // Districts first (codes 01/02…), then counties (21…), perhaps a county-level city (81).
      const int districts = info.municipality ? (c == 0 ? k : 0) : std::min(k, rng_.Int(1, 3));
      const bool county_city = !info.municipality && k - districts >= 2 && rng_.Chance(0.3);
      for (int j = 0; j < k; ++j) {
        std::string code, name, committee, short_name;
        if (j < districts) {
          code = city + TwoDigits(j + (info.municipality ? 1 : 2));
          name = PlaceName(names, "区");
          committee =
              "共青团" + (info.municipality ? std::string(info.name) : city_name) + name + "委";
          short_name = "团区委";
        } else if (county_city && j == k - 1) {
          code = city + "81";
          name = PlaceName(names, "市");
          committee = "共青团" + name + "委";
          short_name = "团市委";
        } else {
          code = city + TwoDigits(21 + j - districts);
          name = PlaceName(names, "县");
          committee = "共青团" + name + "委";
          short_name = "团县委";
        }
        const int county = AddOrg(parent, committee, short_name, OrgType::kLocalCommittee,
                                  Sector::kOther, std::nullopt, code);
        County(county, code, name);
      }
    }
    Participation();
    return std::move(p_);
  }

 private:
  static uint64_t Seed(uint64_t seed, std::string_view code) {
    uint64_t x = seed;
    uint64_t h = SplitMix(x);
    for (char ch : code) {
      x = h ^ static_cast<uint64_t>(static_cast<unsigned char>(ch));
      h = SplitMix(x);
    }
    return h;
  }

  int AddOrg(int parent, std::string name, std::string short_name, OrgType type, Sector sector,
             std::optional<SchoolStage> stage, std::string code = "") {
    Org o;
    if (code.empty()) {
      const size_t pi = static_cast<size_t>(parent);
      code = p_.orgs[pi].code + "-" + TwoDigits(++children_[pi]);
    }
    o.code = std::move(code);
    o.parent = parent;
    o.name = std::move(name);
    o.short_name = std::move(short_name);
    o.type = type;
    o.sector = sector;
    o.stage = stage;
    o.depth = parent < 0 ? 1 : p_.orgs[static_cast<size_t>(parent)].depth + 1;
    p_.orgs.push_back(std::move(o));
    children_.push_back(0);
    return static_cast<int>(p_.orgs.size()) - 1;
  }

  int Branch(int parent, std::string name, Sector sector, std::optional<SchoolStage> stage = {}) {
    return AddOrg(parent, std::move(name), "", OrgType::kBranch, sector, stage);
  }

  // A two-character place name with `suffix`, not yet in `used`.
  std::string PlaceName(std::set<std::string>& used, std::string_view suffix) {
    for (int attempt = 0;; ++attempt) {
      std::string n = std::string(Any(rng_, kPlaceFirst)) + std::string(Any(rng_, kPlaceSecond));
      if (attempt > 50) n += std::string(Any(rng_, kPlaceSecond));
      n += suffix;
      if (used.insert(n).second) return n;
    }
  }

  // ---- a county ------------------------------------------------------------------------------

  void County(int county, const std::string& division, const std::string& name) {
    division_ = division;
    county_name_ = name;
    next_seq_.clear();
    serial_.clear();
    const double size = kCountyMembers * rng_.Range(0.75, 1.25);
    auto budget = [&](Sector s) {
      for (const auto& m : kSectorMix)
        if (m.sector == s) return Round(size * m.per_mille / 1000.0 * rng_.Range(0.94, 1.06));
      return 0;
    };
    const int school = budget(Sector::kSchool), rural = budget(Sector::kRural),
              enterprise = budget(Sector::kEnterprise), agency = budget(Sector::kAgency),
              community = budget(Sector::kCommunity), social = budget(Sector::kSocial),
              other = budget(Sector::kOther);
    std::set<std::string> used;
    std::vector<std::string> towns, subdistricts;
    for (int i = rng_.Int(8, 18); i > 0; --i)
      towns.push_back(PlaceName(used, rng_.Chance(0.7) ? "镇" : "乡"));
    for (int i = rng_.Int(2, 6); i > 0; --i) subdistricts.push_back(PlaceName(used, "街道"));

    Subdistricts(county, subdistricts, community, used);
    const int town_staff = Towns(county, towns, rural, agency / 3);
    Schools(county, towns, school);
    Agencies(county, agency - town_staff);
    Enterprises(county, enterprise);
    SocialOrgs(county, social, other);
  }

  void Subdistricts(int county, const std::vector<std::string>& names, int total,
                    std::set<std::string>& used) {
    std::vector<double> w;
    for (size_t i = 0; i < names.size(); ++i) w.push_back(std::exp(rng_.Range(-0.7, 0.7)));
    const auto shares = Apportion(total, w, 0, {});
    for (size_t i = 0; i < names.size(); ++i) {
      if (shares[i] == 0) continue;
      const int sub = AddOrg(county, names[i] + "团工委", "街道团工委", OrgType::kWorkingCommittee,
                             Sector::kCommunity, std::nullopt);
      const int n = std::max(1, Round(shares[i] / rng_.Range(13, 19)));
      for (int size : Split(rng_, shares[i], n, 0.6)) {
        const int b = Branch(sub, PlaceName(used, "社区") + "团支部", Sector::kCommunity);
        AddMembers(b, size, kCommunity);
      }
    }
  }

  // Towns and townships with their villages; returns the members of the towns' own staff
  // branches (at most `staff_budget`), who count as agency members.
  int Towns(int county, const std::vector<std::string>& names, int total, int staff_budget) {
    std::vector<double> w;
    for (size_t i = 0; i < names.size(); ++i) w.push_back(std::exp(rng_.Range(-0.9, 0.9)));
    const auto shares = Apportion(total, w, 0, {});
    int staff_total = 0;
    for (size_t i = 0; i < names.size(); ++i) {
      const bool town = names[i].ends_with("镇");
      const int org = AddOrg(county, names[i] + "团委", town ? "镇团委" : "乡团委",
                             OrgType::kCommittee, Sector::kRural, std::nullopt);
      const int staff = std::min(rng_.Int(3, 10), staff_budget - staff_total);
      if (staff > 0) {
        AddMembers(Branch(org, names[i] + "机关团支部", Sector::kAgency), staff, kTownStaff);
        staff_total += staff;
      }
      if (shares[i] == 0) continue;
      std::set<std::string> villages;
      const int n = std::max(2, Round(shares[i] / rng_.Range(10.5, 14.5)));
      for (int size : Split(rng_, shares[i], n, 0.8)) {
        const std::string village = PlaceName(villages, "村");
        if (size >= 48) {
          const int gb = AddOrg(org, village + "团总支", "", OrgType::kGeneralBranch,
                                Sector::kRural, std::nullopt);
          const auto parts = Split(rng_, size, (size + 15) / 16, 0.3);
          for (size_t k = 0; k < parts.size(); ++k)
            AddMembers(
                Branch(gb, village + "第" + std::to_string(k + 1) + "团支部", Sector::kRural),
                parts[k], kRural);
        } else {
          AddMembers(Branch(org, village + "团支部", Sector::kRural), size, kRural);
        }
      }
    }
    return staff_total;
  }

  void Schools(int county, const std::vector<std::string>& towns, int total) {
    int left = total;
    const int primary_staff = Round(total * 0.03);
    left -= primary_staff;
    if (rng_.Chance(0.3)) {
      const int n = std::min(Round(left * rng_.Range(0.22, 0.38)), rng_.Int(2500, 6000));
      College(county, n);
      left -= n;
    }
    if (rng_.Chance(0.85)) {
      const int n = Round(left * rng_.Range(0.10, 0.18));
      Vocational(county, n);
      left -= n;
    }
    const int junior = Round(left * rng_.Range(0.14, 0.22));
    left -= junior;
    const auto seniors = Chunks(rng_, left, 450, 2600, 1.4);
    for (size_t i = 0; i < seniors.size(); ++i) {
      std::string school = county_name_ + (i < std::size(kSeniorSchools)
                                               ? std::string(kSeniorSchools[i])
                                               : "第" + std::to_string(i + 1) + "高级中学");
      SeniorHigh(county, school, seniors[i]);
    }
    JuniorHighs(county, towns, junior);
    // Teachers of primary schools: small branches under the county committee.
    size_t t = 0;
    int ordinal = 0;
    for (int size : Chunks(rng_, primary_staff, 3, 12, 1.5)) {
      std::string school = t < towns.size()
                               ? towns[t++] + "中心小学"
                               : county_name_ + "第" + std::to_string(++ordinal) + "小学";
      AddMembers(Branch(county, school + "教工团支部", Sector::kSchool, SchoolStage::kPrimary),
                 size, kTeacher);
    }
  }

  void SeniorHigh(int county, const std::string& school, int size) {
    const auto stage = SchoolStage::kSeniorHigh;
    const int org =
        AddOrg(county, school + "团委", "校团委", OrgType::kCommittee, Sector::kSchool, stage);
    const int staff = std::min(size / 10, rng_.Int(4, 12));
    const int students = size - staff;
    const double shares[] = {0.26, 0.34, 0.40};
    int given = 0;
    for (int g = 0; g < 3; ++g) {
      const int gm = g == 2 ? students - given : Round(students * shares[g]);
      given += gm;
      if (gm <= 0) continue;
      const std::string grade(kSeniorGrades[g]);
      const int gb =
          AddOrg(org, grade + "年级团总支", "", OrgType::kGeneralBranch, Sector::kSchool, stage);
      const auto classes = Split(rng_, gm, std::max(1, Round(gm / rng_.Range(30, 42))), 0.25);
      for (size_t c = 0; c < classes.size(); ++c)
        AddMembers(
            Branch(gb, grade + "（" + std::to_string(c + 1) + "）班团支部", Sector::kSchool, stage),
            classes[c], WithAges(kSeniorHigh, 15 + g, 16 + g));
    }
    if (staff > 0) AddMembers(Branch(org, "教工团支部", Sector::kSchool, stage), staff, kTeacher);
  }

  void JuniorHighs(int county, const std::vector<std::string>& towns, int total) {
    const auto stage = SchoolStage::kJuniorHigh;
    size_t t = 0;
    int ordinal = 0;
    for (int size : Chunks(rng_, total, 12, 170, 2.0)) {
      std::string school = t < towns.size()
                               ? towns[t++] + "中学"
                               : county_name_ + "第" + std::to_string(++ordinal) + "初级中学";
      if (size < 25) {  // a small school: one branch
        AddMembers(Branch(county, school + "团支部", Sector::kSchool, stage), size, kJuniorHigh);
        continue;
      }
      const int org =
          AddOrg(county, school + "团委", "校团委", OrgType::kCommittee, Sector::kSchool, stage);
      const int second = Round(size * 0.3);
      const std::pair<std::string, int> grades[] = {{"初二", second}, {"初三", size - second}};
      for (const auto& [grade, gm] : grades) {
        if (gm <= 0) continue;
        int parent = org;
        if (size >= 100)
          parent = AddOrg(org, grade + "年级团总支", "", OrgType::kGeneralBranch, Sector::kSchool,
                          stage);
        const auto classes = Split(rng_, gm, std::max(1, Round(gm / rng_.Range(7, 11))), 0.4);
        for (size_t c = 0; c < classes.size(); ++c)
          AddMembers(Branch(parent, grade + "（" + std::to_string(c + 1) + "）班团支部",
                            Sector::kSchool, stage),
                     classes[c], grade == "初二" ? WithAges(kJuniorHigh, 14, 14) : kJuniorHigh);
      }
    }
  }

  void Vocational(int county, int size) {
    const auto stage = SchoolStage::kVocational;
    const int org = AddOrg(county, county_name_ + "职业教育中心团委", "校团委", OrgType::kCommittee,
                           Sector::kSchool, stage);
    const int staff = std::min(size / 10, rng_.Int(5, 12));
    const auto grades = Split(rng_, size - staff, 3, 0.15);
    for (size_t g = 0; g < grades.size(); ++g) {
      const std::string year = std::to_string(school_year_ - static_cast<int>(g)) + "级";
      const int gb =
          AddOrg(org, year + "团总支", "", OrgType::kGeneralBranch, Sector::kSchool, stage);
      const auto classes =
          Split(rng_, grades[g], std::max(1, Round(grades[g] / rng_.Range(28, 40))), 0.25);
      for (size_t c = 0; c < classes.size(); ++c) {
        const auto major = kVocationalMajors[(c / 2) % std::size(kVocationalMajors)];
        const int gi = static_cast<int>(g);
        AddMembers(Branch(gb, year + std::string(major) + std::to_string(c % 2 + 1) + "班团支部",
                          Sector::kSchool, stage),
                   classes[c], WithAges(kVocational, 15 + gi, 17 + gi));
      }
    }
    if (staff > 0) AddMembers(Branch(org, "教工团支部", Sector::kSchool, stage), staff, kTeacher);
  }

  void College(int county, int size) {
    const auto stage = SchoolStage::kCollege;
    const int org = AddOrg(county, county_name_ + "职业技术学院团委", "院团委", OrgType::kCommittee,
                           Sector::kSchool, stage);
    const int staff = std::min(size / 20, rng_.Int(8, 25));
    const auto depts = Split(rng_, size - staff, rng_.Int(4, 9), 0.4);
    const size_t first = rng_.Below(std::size(kCollegeDepartments));
    for (size_t d = 0; d < depts.size(); ++d) {
      const std::string dept(kCollegeDepartments[(first + d) % std::size(kCollegeDepartments)]);
      const int gb =
          AddOrg(org, dept + "团总支", "", OrgType::kGeneralBranch, Sector::kSchool, stage);
      const std::string major = dept.substr(0, dept.size() - std::string_view("系").size());
      const auto years = Split(rng_, depts[d], 3, 0.15);
      for (size_t y = 0; y < years.size(); ++y) {
        const std::string year = std::to_string(school_year_ - static_cast<int>(y)) + "级";
        const auto classes =
            Split(rng_, years[y], std::max(1, Round(years[y] / rng_.Range(30, 45))), 0.2);
        const int yi = static_cast<int>(y);
        for (size_t c = 0; c < classes.size(); ++c)
          AddMembers(
              Branch(gb, year + major + std::to_string(c + 1) + "班团支部", Sector::kSchool, stage),
              classes[c], WithAges(kCollege, 18 + yi, 19 + yi));
      }
    }
    if (staff > 0)
      AddMembers(Branch(org, "机关教工团支部", Sector::kSchool, stage), staff, kTeacher);
  }

  void Agencies(int county, int total) {
    int left = total;
    if (total >= 150 && rng_.Chance(0.8)) {
      const int n = Round(total * rng_.Range(0.15, 0.3));
      const int org = AddOrg(county, county_name_ + "人民医院团委", "院团委", OrgType::kCommittee,
                             Sector::kAgency, std::nullopt);
      const auto units = Split(rng_, n, rng_.Int(3, 7), 0.5);
      for (size_t u = 0; u < units.size(); ++u)
        AddMembers(
            Branch(org, std::string(kHospitalUnits[u % std::size(kHospitalUnits)]) + "团支部",
                   Sector::kAgency),
            units[u], kHospital);
      left -= n;
    }
    if (left <= 0) return;
    const int org = AddOrg(county, county_name_ + "直属机关团工委", "机关团工委",
                           OrgType::kWorkingCommittee, Sector::kAgency, std::nullopt);
    const auto sizes = Chunks(rng_, left, 4, 30, 1.6);
    const size_t first = rng_.Below(std::size(kBureaus));
    for (size_t i = 0; i < sizes.size(); ++i) {
      std::string name =
          i < std::size(kBureaus)
              ? county_name_ + std::string(kBureaus[(first + i) % std::size(kBureaus)])
              : county_name_ + "直属机关第" + std::to_string(i + 1 - std::size(kBureaus)) + "联合";
      AddMembers(Branch(org, name + "团支部", Sector::kAgency), sizes[i], kAgency);
    }
  }

  void Enterprises(int county, int total) {
    int left = total;
    if (total >= 300) {
      const size_t first = rng_.Below(std::size(kStateEnterprises));
      for (int i = rng_.Int(1, 3); i > 0 && left > 100; --i) {
        const auto& se =
            kStateEnterprises[(first + static_cast<size_t>(i)) % std::size(kStateEnterprises)];
        const int n = std::min(rng_.Int(40, 200), Round(left * 0.3));
        const int org =
            AddOrg(county, std::string(se.prefix) + county_name_ + std::string(se.suffix) + "团委",
                   "", OrgType::kCommittee, Sector::kEnterprise, std::nullopt);
        const auto units = Split(rng_, n, std::max(2, Round(n / rng_.Range(12, 20))), 0.4);
        for (size_t u = 0; u < units.size(); ++u)
          AddMembers(Branch(org,
                            std::string(kDepartments[u % std::size(kDepartments)]) +
                                (u < std::size(kDepartments)
                                     ? ""
                                     : std::to_string(u / std::size(kDepartments) + 1)) +
                                "团支部",
                            Sector::kEnterprise),
                     units[u], kStateEnterprise);
        left -= n;
      }
    }
    if (left <= 0) return;
    const int org = AddOrg(county, county_name_ + "非公有制经济组织团工委", "非公团工委",
                           OrgType::kWorkingCommittee, Sector::kEnterprise, std::nullopt);
    std::set<std::string> used;
    for (int size : Chunks(rng_, left, 3, 60, 2.3)) {
      std::string company;
      do {
        company = county_name_ + std::string(Any(rng_, kBrand)) + std::string(Any(rng_, kBrand)) +
                  std::string(Any(rng_, kIndustries)) + "有限公司";
      } while (!used.insert(company).second);
      AddMembers(Branch(org, company + "团支部", Sector::kEnterprise), size, kEnterprise);
    }
  }

  void SocialOrgs(int county, int social, int other) {
    if (social + other <= 0) return;
    const int org = AddOrg(county, county_name_ + "新兴领域团工委", "新兴领域团工委",
                           OrgType::kWorkingCommittee, Sector::kSocial, std::nullopt);
    auto fill = [&](int total, Sector sector, std::span<const std::string_view> names,
                    const Kind& kind, const char* joint) {
      const auto sizes = Chunks(rng_, total, 4, 30, 1.5);
      for (size_t i = 0; i < sizes.size(); ++i) {
        std::string name = i < names.size()
                               ? std::string(names[i])
                               : std::string(joint) + "第" + std::to_string(i + 1 - names.size());
        AddMembers(Branch(org, name + "团支部", sector), sizes[i], kind);
      }
    };
    fill(social, Sector::kSocial, kSocialGroups, kSocial, "社会组织联合");
    fill(other, Sector::kOther, kNewEconomy, kNewEconomyWorkers, "新就业群体联合");
  }

  // ---- members -------------------------------------------------------------------------------

  void AddMembers(int org, int count, const Kind& kind) {
    const double rate = std::clamp(kind.study * rng_.Range(0.5, 1.5), 0.02, 0.95);
    for (int i = 0; i < count; ++i) AddMember(org, kind, rate);
  }

  void AddMember(int org, const Kind& kind, double rate) {
    const Date today = o_.today;
    Member m;
    m.org = org;
    const bool male = rng_.Chance(kind.male);
    m.gender = male ? Gender::kMale : Gender::kFemale;
    m.education = Pick(rng_, kind.education);
    m.occupation = Pick(rng_, kind.occupation);
    int min_age = kind.min_age, max_age = kind.max_age;
    if (m.occupation == Occupation::kStudent && !kind.student) {  // at college, living here
      max_age = std::min(max_age, 22);
      min_age = std::min(min_age, max_age);
      m.education = rng_.Chance(0.8) ? Education::kSeniorHigh : Education::kVocationalSecondary;
    }
    // Statuses: nearly all active; a few mobile or out of contact; fewer still ended (and the
    // ones past 28 gone, not students).
    m.status = MemberStatus::kActive;
    if (kind.ages_out && m.occupation != Occupation::kStudent && rng_.Chance(0.03)) {
      m.status = MemberStatus::kAgedOut;
    } else {
      const double u = rng_.Real();
      if (u < 0.030)
        m.status = MemberStatus::kMobile;
      else if (u < 0.042)
        m.status = MemberStatus::kLostContact;
      else if (u < 0.045)
        m.status = MemberStatus::kWithdrawn;
      else if (u < 0.048)
        m.status = MemberStatus::kRemoved;
      else if (u < 0.0485)
        m.status = MemberStatus::kExpelled;
      else if (u < 0.049)
        m.status = MemberStatus::kDeceased;
    }
    const int age =
        m.status == MemberStatus::kAgedOut ? domain::kMaxAge : rng_.Int(min_age, max_age);
    // Born within the year of life that gives `age` today, and at least a day past the birthday
    // so that even a 14-year-old can have been admitted before today.
    const Date latest = AddDays(YearsBefore(today, age), -1);
    const Date earliest = AddDays(YearsBefore(today, age + 1), 1);
    m.birth_date = AddDays(earliest, rng_.Int(0, std::max(0, DaysBetween(earliest, latest))));
    // Admitted on or after the 14th birthday, before the 28th, not after today: most at school
    // within a few years of turning 14, some later at work.
    Date from = AddMonths(m.birth_date, 12 * domain::kMinAge);
    if (AgeOn(m.birth_date, from) < domain::kMinAge) from = AddDays(from, 1);
    Date to = AddDays(domain::TwentyEighthBirthday(m.birth_date), -1);
    if (Before(today, to)) to = today;
    Date usual = AddDays(from, (kind.student ? 3 : 4) * 365);
    if ((kind.student || rng_.Chance(0.8)) && Before(usual, to)) to = usual;
    m.join_date = AddDays(from, rng_.Int(0, std::max(0, DaysBetween(from, to))));
    switch (m.status) {
      case MemberStatus::kActive:
        m.status_date = m.join_date;
        break;
      case MemberStatus::kAgedOut:
        m.status_date = domain::TwentyEighthBirthday(m.birth_date);
        break;
      default: {
        Date s = AddDays(today, -1000);
        if (Before(s, m.join_date)) s = m.join_date;
        m.status_date = AddDays(s, rng_.Int(0, std::max(0, DaysBetween(s, today))));
      }
    }
    m.ethnicity = Pick(rng_, std::span<const Weighted<std::string_view>>(ethnic_));
    m.name = Name(m.ethnicity, male);
    m.id_number = IdNumber(m.birth_date, male);
    const int join_year = int(m.join_date.year());
    if (!Before(m.join_date, domain::kMemberNoRequiredFrom) || rng_.Chance(0.4))
      m.member_no = MemberNumber(join_year, division_, ++serial_[join_year]);
    if (rng_.Chance(0.8)) {
      static constexpr char kSecond[] = "35789";
      char buf[16];
      std::snprintf(buf, sizeof buf, "1%c%09u", kSecond[rng_.Below(5)],
                    static_cast<unsigned>(rng_.Below(1'000'000'000)));
      m.phone = buf;
    }
    const bool takes_part = domain::InStanding(m.status) && m.status != MemberStatus::kLostContact;
    rates_.push_back(takes_part ? static_cast<float>(rate) : 0.0f);
    p_.members.push_back(std::move(m));
  }

  std::string Name(std::string_view ethnicity, bool male) {
    if (ethnicity == "藏族") {
      std::string_view a = Any(rng_, kTibetanNames), b = Any(rng_, kTibetanNames);
      while (b == a) b = Any(rng_, kTibetanNames);
      return std::string(a) + std::string(b);
    }
    if (ethnicity == "维吾尔族" || ethnicity == "哈萨克族" || ethnicity == "柯尔克孜族" ||
        ethnicity == "塔吉克族" || ethnicity == "乌孜别克族") {
      return std::string(male ? Any(rng_, kTurkicMale) : Any(rng_, kTurkicFemale)) + "·" +
             std::string(Any(rng_, kTurkicMale));
    }
    if (ethnicity == "蒙古族" && rng_.Chance(0.5)) {
      std::string name(Any(rng_, kMongolianNames));
      return rng_.Chance(0.5) ? std::string(Pick(rng_, kSurnames)) + name : name;
    }
    std::string name(Pick(rng_, kSurnames));
    name += male ? Any(rng_, kMaleGiven) : Any(rng_, kFemaleGiven);
    if (rng_.Chance(0.75)) name += male ? Any(rng_, kMaleGiven) : Any(rng_, kFemaleGiven);
    return name;
  }

  // The county's division code, the birth date and a sequence number unique for the county,
  // the day and the gender (odd for men): a few numbers a day, never reaching 999.
  std::string IdNumber(Date birth, bool male) {
    const auto key = static_cast<int32_t>(sys_days(birth).time_since_epoch().count());
    auto [it, fresh] = next_seq_.try_emplace(key);
    if (fresh) it->second = {2 * rng_.Int(0, 49) + 1, 2 * rng_.Int(1, 49)};
    int& next = it->second[male ? 0 : 1];
    const int seq = next;
    next += 2 * rng_.Int(1, 4);
    assert(seq <= 999 && "more people born on one day in one county than sequence numbers");
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6s%04d%02u%02u%03d", division_.c_str(), int(birth.year()),
                  unsigned(birth.month()), unsigned(birth.day()), seq);
    std::string id(buf, 17);
    id += ResidentIdCheckChar(id);
    return id;
  }

  // ---- Youth Study ---------------------------------------------------------------------------

  void Participation() {
    const auto episodes = Episodes(o_.today, o_.episodes);
    const auto offset = std::chrono::minutes(o_.zone.offset_minutes);
    for (size_t e = 0; e < episodes.size(); ++e) {
      const auto& ep = episodes[e];
      // The days it has been open: a week, or up to yesterday for the latest.
      const int open_days = std::max(1, std::min(DaysBetween(ep.release_date, ep.closing_date) + 1,
                                                 DaysBetween(ep.release_date, o_.today)));
      for (size_t i = 0; i < p_.members.size(); ++i) {
        if (rates_[i] <= 0 || Before(ep.release_date, p_.members[i].join_date)) continue;
        if (!rng_.Chance(rates_[i])) continue;
        const Date day = AddDays(ep.release_date, rng_.Int(0, open_days - 1));
        int hour;
        const double u = rng_.Real();
        if (u < 0.45)
          hour = rng_.Int(19, 22);  // evenings
        else if (u < 0.70)
          hour = rng_.Int(12, 13);  // lunch
        else
          hour = rng_.Int(7, 22);
        const auto local = sys_days(day) + std::chrono::hours(hour) +
                           std::chrono::minutes(rng_.Int(0, 59)) +
                           std::chrono::seconds(rng_.Int(0, 59));
        p_.checkins.push_back(
            {static_cast<int32_t>(i), static_cast<int32_t>(e),
             std::chrono::time_point_cast<std::chrono::microseconds>(local - offset)});
      }
    }
  }

  Rng rng_;
  const CountryOptions& o_;
  const EthnicMix& ethnic_;
  const int school_year_;  // the year the current school year began
  Province p_;
  std::vector<int> children_;  // by org: children so far (their codes count on)
  std::vector<float> rates_;   // by member: the chance of taking part in an episode
  // The county being made.
  std::string division_;
  std::string county_name_;
  std::unordered_map<int32_t, std::array<int, 2>> next_seq_;  // by birth day: next men's, women's
  std::map<int, int64_t> serial_;                             // by admission year
};

}  // namespace

const std::vector<ProvinceInfo>& Provinces() { return kProvinces; }

CountryPlan PlanCountry(double scale) {
  CountryPlan plan;
  plan.counties = std::max(1, Round(kNationCounties * scale));
  const int provinces = std::min(static_cast<int>(kProvinces.size()), plan.counties);
  // Which provinces: Jilin (the demo county's) first, then the larger ones.
  std::vector<size_t> order(kProvinces.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [](size_t a, size_t b) {
    const bool ja = kProvinces[a].code == "22", jb = kProvinces[b].code == "22";
    if (ja != jb) return ja;
    return kProvinces[a].counties > kProvinces[b].counties;
  });
  order.resize(static_cast<size_t>(provinces));
  std::sort(order.begin(), order.end());
  plan.cities = std::max(provinces, Round(kNationCities * scale));
  std::vector<double> county_w, city_w;
  for (size_t i : order) {
    county_w.push_back(kProvinces[i].counties);
    city_w.push_back(kProvinces[i].cities);
  }
  const auto counties = Apportion(plan.counties, county_w, 1, {});
  // No more cities than counties, and a municipality's districts and counties only.
  std::vector<int> caps;
  for (size_t k = 0; k < order.size(); ++k)
    caps.push_back(kProvinces[order[k]].municipality
                       ? std::min(counties[k], kProvinces[order[k]].cities)
                       : counties[k]);
  const auto cities = Apportion(plan.cities, city_w, 1, caps);
  plan.cities = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    ProvincePlan p;
    p.index = static_cast<int>(k);
    p.info = kProvinces[order[k]];
    p.counties = counties[k];
    p.cities = cities[k];
    plan.cities += p.cities;
    plan.provinces.push_back(p);
  }
  return plan;
}

Province GenerateProvince(const ProvincePlan& plan, const CountryOptions& options) {
  return ProvinceBuilder(plan, options).Build();
}

std::vector<Episode> Episodes(Date today, int count) {
  std::vector<Episode> out;
  for (int k = count - 1; k >= 0; --k) {
    Episode e;
    e.release_date = AddDays(today, -2 - 7 * k);
    e.closing_date = AddDays(e.release_date, 6);
    const Date jan1{e.release_date.year(), std::chrono::January, std::chrono::day(1)};
    const int week = DaysBetween(jan1, e.release_date) / 7 + 1;
    e.title = "青年大学习" + std::to_string(int(e.release_date.year())) + "年第" +
              std::to_string(week) + "期";
    out.push_back(std::move(e));
  }
  return out;
}

std::string SeasonName(Date today) {
  return "青年大学习" + std::to_string(int(today.year())) + "年（生成数据）";
}

std::string MemberNumber(int year, std::string_view division, int64_t serial) {
  int64_t d = 0;
  for (char c : division) d = d * 10 + (c - '0');
  return domain::FormatMemberNo(year, 12, d * 1'000'000 + serial);
}

}  // namespace tj::cli::gen
