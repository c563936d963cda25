#include "api/encode.h"

namespace tj::api {

namespace {

json::array RolesJson(const std::vector<domain::Role>& roles) {
  json::array out;
  for (auto r : roles) out.push_back(json::value(NameOf(domain::RoleNames(), r)));
  return out;
}

}  // namespace

json::object UserJson(const domain::Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"roles", RolesJson(a.roles)},
          {"org_id", a.org_id},
          {"org_name", a.org_name},
          {"must_change_password", a.must_change_password}};
}

json::object AccountJson(const service::Deps& d, const domain::Account& a) {
  json::object o = UserJson(a);
  o["status"] = NameOf(domain::AccountStatusNames(), a.status);
  o["member_id"] = OptIntJson(a.member_id);
  bool locked = domain::IsLocked(a.login, d.clock.Now());
  o["locked_until"] = locked ? OptInstantJson(d, a.login.locked_until) : json::value(nullptr);
  o["last_login_at"] = OptInstantJson(d, a.last_login_at);
  o["created_at"] = InstantJson(d, a.created_at);
  o["updated_at"] = InstantJson(d, a.updated_at);
  return o;
}

json::object OrgJson(const service::Deps& d, const domain::Org& o, int64_t child_count) {
  return {{"id", o.id},
          {"parent_id", OptIntJson(o.parent_id)},
          {"name", o.name},
          {"short_name", OptStrJson(o.short_name)},
          {"type", NameOf(domain::OrgTypeNames(), o.type)},
          {"sector", NameOf(domain::SectorNames(), o.sector)},
          {"school_stage", o.school_stage ? json::value(NameOf(domain::SchoolStageNames(),
                                                               *o.school_stage))
                                          : json::value(nullptr)},
          {"graduation_date", OptDateJson(o.graduation_date)},
          {"purpose", NameOf(domain::OrgPurposeNames(), o.purpose)},
          {"code", o.code},
          {"status", NameOf(domain::OrgStatusNames(), o.status)},
          {"depth", o.depth},
          {"child_count", child_count},
          {"created_at", InstantJson(d, o.created_at)},
          {"updated_at", InstantJson(d, o.updated_at)},
          {"closed_at", OptInstantJson(d, o.closed_at)}};
}

json::object OrgViewJson(const service::Deps& d, const service::OrgView& v) {
  json::object o = OrgJson(d, v.org, v.child_count);
  json::array anc;
  for (const auto& a : v.ancestors) anc.push_back(json::object{{"id", a.id}, {"name", a.name}});
  o["ancestors"] = std::move(anc);
  json::object by_type;
  for (const auto& [type, name] : domain::OrgTypeNames())
    by_type[name] = v.subtree.by_type[static_cast<size_t>(type)];
  o["subtree_counts"] = json::object{{"total", v.subtree.total}, {"by_type", std::move(by_type)}};
  return o;
}

json::object AuditJson(const service::Deps& d, const store::AuditListItem& i) {
  const auto& r = i.record;
  boost::system::error_code ec;
  json::value summary = json::parse(r.summary, ec);
  if (ec) summary = json::object{};
  return {{"id", r.id},
          {"at", InstantJson(d, r.at)},
          {"actor_id", OptIntJson(r.actor_id)},
          {"actor_username", r.actor_username},
          {"action", r.action},
          {"object_type", r.object_type},
          {"object_id", OptIntJson(r.object_id)},
          {"org_id", OptIntJson(r.org_id)},
          {"org_name", i.org_name.empty() ? json::value(nullptr) : json::value(i.org_name)},
          {"summary", std::move(summary)},
          {"client_address", r.client_address}};
}

}  // namespace tj::api
