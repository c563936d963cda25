// League dues (团费): standards, members' ledgers, payments and refunds, a branch's grid,
// arrears, statistics, remittances.
#include "api/common.h"
#include "service/dues_service.h"

namespace tj::api {
namespace {

using domain::Month;
using service::Authenticated;
using service::DuesService;

json::object StandardJson(const service::Deps& d, const store::StoredStandard& s) {
  const auto& x = s.standard;
  return json::object{{"effective_from", FormatDate(x.effective_from)},
                      {"student_fen", x.student_fen},
                      {"no_income_fen", x.no_income_fen},
                      {"farmer_fen", x.farmer_fen},
                      {"low_wage_fen", x.low_wage_fen},
                      {"wage_threshold_fen", x.wage_threshold_fen},
                      {"wage_per_mille", x.wage_per_mille},
                      {"max_fen", x.max_fen},
                      {"start_offset_months", x.start_offset_months},
                      {"branch_keep_percent", x.branch_keep_percent},
                      {"committee_keep_percent", x.committee_keep_percent},
                      {"created_at", InstantJson(d, s.created_at)},
                      {"created_by", s.created_by}};
}

json::object MemberJson(const store::DuesMember& m) {
  return json::object{{"member_id", m.member_id},
                      {"name", m.name},
                      {"member_no", OptStrJson(m.member_no)},
                      {"org_id", m.org_id},
                      {"org_name", m.org_name}};
}

json::object MonthJson(const domain::LedgerMonth& l) {
  return json::object{{"month", domain::FormatMonth(l.month)},
                      {"due_fen", l.due_fen},
                      {"paid_fen", l.paid_fen},
                      {"settled", l.settled()}};
}

json::object PaymentJson(const service::Deps& d, const store::Payment& p) {
  json::array months;
  for (const auto& [m, amount] : p.allocations)
    months.push_back(json::object{{"month", domain::FormatMonth(m)}, {"amount_fen", amount}});
  return json::object{{"id", p.id},
                      {"kind", NameOf(store::PaymentKindNames(), p.kind)},
                      {"paid_on", FormatDate(p.paid_on)},
                      {"method", NameOf(store::PaymentMethodNames(), p.method)},
                      {"receipt_no", p.receipt_no},
                      {"amount_fen", p.amount_fen},
                      {"months", p.months},
                      {"note", p.note},
                      {"allocations", std::move(months)},
                      {"created_at", InstantJson(d, p.created_at)},
                      {"created_by", p.created_by}};
}

json::object LedgerJson(const service::Deps& d, const service::MemberLedger& l) {
  json::object o = MemberJson(l.member);
  o["category"] = NameOf(domain::DuesCategoryNames(), l.category);
  o["category_on_record"] = l.member.category.has_value();
  o["wage_fen"] = OptIntJson(l.member.wage_fen);
  o["monthly_fen"] = l.monthly_fen;
  o["arrears_months"] = l.arrears_months;
  o["owed_fen"] = l.owed_fen;
  json::array months, payments;
  for (const auto& m : l.months) months.push_back(MonthJson(m));
  for (const auto& p : l.payments) payments.push_back(PaymentJson(d, p));
  o["months"] = std::move(months);
  o["payments"] = std::move(payments);
  return o;
}

json::object StatsJson(const service::DuesStats& s) {
  return json::object{{"org_id", s.org.id},
                      {"org_name", s.org.name},
                      {"members_due", s.members_due},
                      {"members_paid", s.members_paid},
                      {"paid_rate_permille", s.members_due ? s.members_paid * 1000 / s.members_due : 0},
                      {"due_fen", s.due_fen},
                      {"paid_fen", s.paid_fen}};
}

json::object RemittanceJson(const service::Deps& d, const service::RemittanceView& v) {
  json::object o{{"org_id", v.org.id}, {"org_name", v.org.name}, {"children_remitted_fen", v.children_remitted_fen},
                 {"reconciles", v.reconciles}};
  json::array missing;
  for (const auto& n : v.children_missing) missing.push_back(json::value(n));
  o["children_missing"] = std::move(missing);
  if (v.remittance) {
    const auto& r = *v.remittance;
    o["remittance"] = json::object{{"id", r.id},
                                   {"from", domain::FormatMonth(r.from_month)},
                                   {"to", domain::FormatMonth(r.to_month)},
                                   {"collected_fen", r.collected_fen},
                                   {"received_fen", r.received_fen},
                                   {"kept_fen", r.kept_fen},
                                   {"remitted_fen", r.remitted_fen},
                                   {"keep_percent", r.keep_percent},
                                   {"created_at", InstantJson(d, r.created_at)},
                                   {"created_by", r.created_by}};
  } else {
    o["remittance"] = nullptr;
  }
  return o;
}

// A "YYYY-MM" query parameter. Errors: kBadRequest naming it.
Result<std::optional<Month>> QueryMonth(const http::Request& req, std::string_view name) {
  auto s = QueryStr(req, name);
  if (!s || s->empty()) return std::optional<Month>();
  auto m = domain::ParseMonth(*s);
  if (!m) return Fail(Error::BadRequest("common.bad_parameter", {{"name", std::string(name)}}));
  return std::optional<Month>(*m);
}

Result<service::PaymentFields> ReadPaymentFields(const http::Request& req) {
  auto body = ParseObject(req);
  if (!body) return Fail(body.error());
  FieldReader f(*body);
  service::PaymentFields p{f.Int("months"), f.Str("paid_on"), f.Str("method"), f.Str("receipt_no"), f.Str("note")};
  if (auto fin = f.Finish(); !fin) return Fail(fin.error());
  return p;
}

constexpr const char* kPaymentSchema =
    R"({"type":"object","required":["months","paid_on"],"properties":{"months":{"type":"integer","minimum":1,"maximum":24},"paid_on":{"type":"string","format":"date"},"method":{"type":"string","enum":["cash","bank","other"]},"receipt_no":{"type":"string"},"note":{"type":"string"}}})";

}  // namespace

void RegisterDuesRoutes(http::Router& r, ApiContext& ctx) {
  r.Add({http::Method::kGet, "/api/v1/dues/standards",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto list = DuesService(ctx.deps).Standards(who.actor);
           if (!list) return Fail(list.error());
           json::array items;
           for (const auto& s : *list) items.push_back(StandardJson(ctx.deps, s));
           json::object defaults = StandardJson(ctx.deps, {domain::DefaultDuesStandard(), Instant{}, ""});
           defaults.erase("created_at");
           defaults.erase("created_by");
           return JsonResponse(200, json::object{{"items", std::move(items)}, {"defaults", std::move(defaults)}});
         }),
         {"The dues standards by effective date, newest first, and the national defaults", "dues", true, "", "",
          {}}});

  r.Add({http::Method::kPost, "/api/v1/dues/standards",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           service::StandardFields s;
           s.effective_from = f.Str("effective_from");
           s.student_fen = f.Int("student_fen");
           s.no_income_fen = f.Int("no_income_fen");
           s.farmer_fen = f.Int("farmer_fen");
           s.low_wage_fen = f.Int("low_wage_fen");
           s.wage_threshold_fen = f.Int("wage_threshold_fen");
           s.wage_per_mille = f.Int("wage_per_mille");
           s.max_fen = f.Int("max_fen");
           s.start_offset_months = f.Int("start_offset_months");
           s.branch_keep_percent = f.Int("branch_keep_percent");
           s.committee_keep_percent = f.Int("committee_keep_percent");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto v = DuesService(ctx.deps).PutStandard(who.actor, s);
           if (!v) return Fail(v.error());
           return JsonResponse(201, StandardJson(ctx.deps, *v));
         }),
         {"Set the dues standards from a day on (absent fields take the national defaults)", "dues", true,
          R"({"type":"object","required":["effective_from"],"properties":{"effective_from":{"type":"string","format":"date"},"student_fen":{"type":"integer"},"no_income_fen":{"type":"integer"},"farmer_fen":{"type":"integer"},"low_wage_fen":{"type":"integer"},"wage_threshold_fen":{"type":"integer"},"wage_per_mille":{"type":"integer"},"max_fen":{"type":"integer"},"start_offset_months":{"type":"integer"},"branch_keep_percent":{"type":"integer"},"committee_keep_percent":{"type":"integer"}}})",
          "", {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/dues/members/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto l = DuesService(ctx.deps).Ledger(who.actor, *id);
           if (!l) return Fail(l.error());
           return JsonResponse(200, LedgerJson(ctx.deps, *l));
         }),
         {"A member's dues ledger: months due and paid, payments, arrears", "dues", true, "", "", {}}});

  r.Add({http::Method::kGet, "/api/v1/me/dues",
         Authed(ctx, [&ctx](http::Request&, const Authenticated& who) -> Result<http::Response> {
           auto l = DuesService(ctx.deps).OwnLedger(who.actor);
           if (!l) return Fail(l.error());
           return JsonResponse(200, LedgerJson(ctx.deps, *l));
         }),
         {"A member's own dues ledger (self-service)", "self-service", true, "", "", {}}});

  r.Add({http::Method::kPatch, "/api/v1/dues/members/{id}",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto category = f.Str("category");
           auto wage = f.Int("wage_fen");
           auto from = f.Str("from");
           bool clear_wage = false;
           if (auto it = body->find("wage_fen"); it != body->end() && it->value().is_null()) clear_wage = true;
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           auto l = DuesService(ctx.deps).SetProfile(who.actor, *id, category, wage, clear_wage, from);
           if (!l) return Fail(l.error());
           return JsonResponse(200, LedgerJson(ctx.deps, *l));
         }),
         {"Set a member's dues category and wage", "dues", true,
          R"({"type":"object","properties":{"category":{"type":["string","null"],"enum":["student","no_income","farmer","waged","",null]},"wage_fen":{"type":["integer","null"]},"from":{"type":"string","pattern":"^\\d{4}-\\d{2}$"}}})",
          "", {}}});

  r.Add({http::Method::kPost, "/api/v1/dues/members/{id}/payments",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto p = ReadPaymentFields(req);
           if (!p) return Fail(p.error());
           auto l = DuesService(ctx.deps).Pay(who.actor, *id, *p);
           if (!l) return Fail(l.error());
           return JsonResponse(201, LedgerJson(ctx.deps, *l));
         }),
         {"Record a payment of a number of months (the earliest unpaid first)", "dues", true, kPaymentSchema, "",
          {}, 201}});

  r.Add({http::Method::kPost, "/api/v1/dues/members/{id}/refunds",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto id = PathId(req);
           if (!id) return Fail(id.error());
           auto p = ReadPaymentFields(req);
           if (!p) return Fail(p.error());
           auto l = DuesService(ctx.deps).Refund(who.actor, *id, *p);
           if (!l) return Fail(l.error());
           return JsonResponse(201, LedgerJson(ctx.deps, *l));
         }),
         {"Refund the latest paid months (a new negative row; note required)", "dues", true, kPaymentSchema, "",
          {}, 201}});

  r.Add({http::Method::kGet, "/api/v1/dues/grid",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto y = QueryYear(req, ctx.deps);
           if (!y) return Fail(y.error());
           auto rows = DuesService(ctx.deps).Grid(who.actor, org_id->value_or(who.actor.org_id), *y);
           if (!rows) return Fail(rows.error());
           json::array items;
           for (const auto& row : *rows) {
             json::object o = MemberJson(row.member);
             o["monthly_fen"] = row.monthly_fen;
             o["arrears_months"] = row.arrears_months;
             json::array months;
             for (const auto& m : row.months) months.push_back(MonthJson(m));
             o["months"] = std::move(months);
             items.push_back(std::move(o));
           }
           return JsonResponse(200, json::object{{"year", *y}, {"items", std::move(items)}});
         }),
         {"An org's members × the year's months: due and paid", "dues", true, "", "", {"org_id", "year"}}});

  r.Add({http::Method::kGet, "/api/v1/dues/arrears",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto scope = QueryScope(req, true);
           if (!scope) return Fail(scope.error());
           auto page = QueryPage(req);
           if (!page) return Fail(page.error());
           auto min = QueryInt(req, "min_months");
           if (!min) return Fail(min.error());
           int min_months = static_cast<int>(std::clamp<int64_t>(min->value_or(3), 1, 120));
           auto list = DuesService(ctx.deps).Arrears(who.actor, scope->org_id, scope->subtree, min_months, *page);
           if (!list) return Fail(list.error());
           return JsonResponse(200, ListBody(*list, *page, [](const service::ArrearsRow& a) {
                                 json::object o = MemberJson(a.member);
                                 o["months"] = a.months;
                                 o["owed_fen"] = a.owed_fen;
                                 o["lapse_sign"] = a.lapse_sign;
                                 return o;
                               }));
         }),
         {"Members with consecutive unpaid months up to last month (default 3 or more)", "dues", true, "", "",
          {"org_id", "subtree", "min_months", "page", "size"}}});

  r.Add({http::Method::kGet, "/api/v1/dues/stats",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto month = QueryMonth(req, "month");
           if (!month) return Fail(month.error());
           Month m = month->value_or(domain::MonthOf(ctx.deps.Today()));
           auto s = DuesService(ctx.deps).Stats(who.actor, *org_id, m);
           if (!s) return Fail(s.error());
           json::object o = StatsJson(s->first);
           o["month"] = domain::FormatMonth(m);
           json::array children;
           for (const auto& c : s->second) children.push_back(StatsJson(c));
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"A month's dues of an org's subtree and of each child: members due and paid, amounts", "dues", true, "",
          "", {"org_id", "month"}}});

  r.Add({http::Method::kGet, "/api/v1/dues/remittances",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto org_id = QueryInt(req, "org_id");
           if (!org_id) return Fail(org_id.error());
           auto from = QueryMonth(req, "from");
           if (!from) return Fail(from.error());
           auto to = QueryMonth(req, "to");
           if (!to) return Fail(to.error());
           if (!*from || !*to) return Fail(Error::BadRequest("common.bad_parameter", {{"name", *from ? "to" : "from"}}));
           auto v = DuesService(ctx.deps).Remittances(who.actor, *org_id, **from, **to);
           if (!v) return Fail(v.error());
           json::object o = RemittanceJson(ctx.deps, v->first);
           json::array children;
           for (const auto& c : v->second) children.push_back(RemittanceJson(ctx.deps, c));
           o["children"] = std::move(children);
           return JsonResponse(200, o);
         }),
         {"Remittances of an org and its children for a period, and whether they reconcile", "dues", true, "", "",
          {"org_id", "from", "to"}}});

  r.Add({http::Method::kPost, "/api/v1/dues/remittances",
         Authed(ctx, [&ctx](http::Request& req, const Authenticated& who) -> Result<http::Response> {
           auto body = ParseObject(req);
           if (!body) return Fail(body.error());
           FieldReader f(*body);
           auto org_id = f.Int("org_id");
           auto from = f.Str("from");
           auto to = f.Str("to");
           if (auto fin = f.Finish(); !fin) return Fail(fin.error());
           std::vector<ErrorDetail> details;
           if (!org_id) details.push_back(FieldError("org_id", "required", "common.required"));
           auto fm = domain::ParseMonth(from.value_or(""));
           auto tm = domain::ParseMonth(to.value_or(""));
           if (!fm) details.push_back(FieldError("from", "invalid_format", "dues.month_format"));
           if (!tm) details.push_back(FieldError("to", "invalid_format", "dues.month_format"));
           if (!details.empty()) return Fail(Error::Validation(std::move(details)));
           auto v = DuesService(ctx.deps).Remit(who.actor, *org_id, *fm, *tm);
           if (!v) return Fail(v.error());
           return JsonResponse(201, RemittanceJson(ctx.deps, *v));
         }),
         {"Record an org's remittance for a period: collected, received from children, kept, remitted", "dues",
          true,
          R"({"type":"object","required":["org_id","from","to"],"properties":{"org_id":{"type":"integer"},"from":{"type":"string","pattern":"^\\d{4}-\\d{2}$"},"to":{"type":"string","pattern":"^\\d{4}-\\d{2}$"}}})",
          "", {}, 201}});
}

}  // namespace tj::api
