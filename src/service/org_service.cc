#include "service/org_service.h"

#include "base/json_writer.h"
#include "service/audit_service.h"

namespace tj::service {
namespace {

using domain::Org;
using domain::Permission;
using store::OrgRepository;
using store::TxMode;

std::string OrgSummary(const Org& o) {
  JsonObjectWriter w;
  w.Str("name", o.name)
      .OptStr("short_name", o.short_name)
      .Str("type", NameOf(domain::OrgTypeNames(), o.type))
      .Str("sector", NameOf(domain::SectorNames(), o.sector))
      .OptStr("school_stage", o.school_stage ? std::optional<std::string>(std::string(NameOf(
                                                    domain::SchoolStageNames(), *o.school_stage)))
                                              : std::nullopt)
      .OptStr("graduation_date", o.graduation_date ? std::optional<std::string>(FormatDate(*o.graduation_date))
                                                    : std::nullopt)
      .Str("purpose", NameOf(domain::OrgPurposeNames(), o.purpose))
      .Str("code", o.code)
      .Str("status", NameOf(domain::OrgStatusNames(), o.status));
  if (o.parent_id) w.Int("parent_id", *o.parent_id);
  return w.str();
}

std::string BeforeAfter(const Org* before, const Org& after) {
  JsonObjectWriter w;
  if (before) w.Raw("before", OrgSummary(*before));
  w.Raw("after", OrgSummary(after));
  return w.str();
}

// A unique violation on orgs.code reads better as the rule it is.
Error CodeTaken(const Error& e, const std::string& code) {
  auto f = e.args.find("field");
  if (e.code != ErrorCode::kConflict || e.message_key != "common.unique" || f == e.args.end() ||
      f->second != "code")
    return e;
  Error out = Error::Conflict("org.code_exists", {{"code", code}});
  out.details.push_back(ErrorDetail{"code", std::nullopt, "unique", "org.code_exists", {{"code", code}}});
  return out;
}

}  // namespace

Result<Org> OrgInScope(store::Connection& c, const Actor& a, int64_t id) {
  auto org = OrgRepository(c).Get(id);
  if (!org) return Fail(org.error());
  if (!*org || !domain::InSubtree(a.org_path, (*org)->path))
    return Fail(Error::NotFound("org.not_found"));
  return std::move(**org);
}

Result<ListScope> ResolveListScope(store::Connection& c, const Actor& a,
                                   std::optional<int64_t> org_id, bool subtree) {
  if (!org_id) return ListScope{a.org_path, subtree ? std::nullopt : std::optional(a.org_id)};
  auto org = OrgInScope(c, a, *org_id);
  if (!org) return Fail(org.error());
  return ListScope{org->path, subtree ? std::nullopt : std::optional(org->id)};
}

void OrgService::Index(const Org& o) {
  // Re-read under the index's lock: two writers may reach this point in the opposite order
  // of their commits, and the index must end with what the table holds. The gate keeps a
  // rebuild of the member indexes from missing an org committed before it read the tables.
  std::shared_lock<std::shared_mutex> gate;
  if (d_.gate) gate = d_.gate->ForWrite();
  d_.org_index.Refresh([&]() -> std::optional<stats::OrgNode> {
    auto conn = d_.db.Acquire();
    if (!conn) return std::nullopt;
    auto fresh = OrgRepository(**conn).Get(o.id);
    if (!fresh || !*fresh) return std::nullopt;
    const Org& f = **fresh;
    if (d_.registry) d_.registry->UpsertOrg({f.id, f.parent_id, f.sector});
    if (d_.dues) d_.dues->UpsertOrg({f.id, f.parent_id});
    if (d_.study) d_.study->UpsertOrg({f.id, f.parent_id});
    return stats::OrgNode{f.id, f.parent_id, f.type, f.status};
  });
}

Result<OrgView> OrgService::View(store::Connection& c, const Actor& a, int64_t id,
                                 bool with_ancestors) {
  auto org = OrgInScope(c, a, id);
  if (!org) return Fail(org.error());
  OrgRepository repo(c);
  OrgView v;
  auto children = repo.CountActiveChildren(id);
  if (!children) return Fail(children.error());
  v.child_count = *children;
  if (with_ancestors && org->parent_id) {
    auto anc = repo.Ancestors(org->path, a.org_path);
    if (!anc) return Fail(anc.error());
    v.ancestors = std::move(*anc);
    std::erase_if(v.ancestors, [&](const Org& o) { return o.id == id; });
  }
  v.subtree = d_.org_index.Counts(id).value_or(stats::SubtreeOrgCounts{});
  v.org = std::move(*org);
  return v;
}

Result<store::Page<store::OrgListItem>> OrgService::List(const Actor& a, const OrgListRequest& r) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto root = OrgInScope(**conn, a, r.org_id.value_or(a.org_id));
  if (!root) return Fail(root.error());
  if (!a.Can(Permission::kOrgRead)) return Fail(Error::Forbidden());
  store::OrgQuery q;
  q.scope_path = root->path;
  if (r.subtree)
    q.exclude_id = root->id;  // "every org below it"
  else
    q.parent_id = root->id;
  q.q = r.q;
  q.type = r.type;
  q.sector = r.sector;
  q.status = r.status;
  q.page = r.page;
  return OrgRepository(**conn).List(q);
}

Result<OrgView> OrgService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto v = View(**conn, a, id, true);
  if (!v) return v;
  if (!a.Can(Permission::kOrgRead)) return Fail(Error::Forbidden());
  return v;
}

Result<OrgView> OrgService::Create(const Actor& a, std::optional<int64_t> parent_id,
                                   const domain::OrgFields& f) {
  auto draft = domain::ValidateNewOrg(f);
  if (!parent_id) {
    Error e = draft ? Error::Validation({}) : draft.error();
    e.details.insert(e.details.begin(),
                     ErrorDetail{"parent_id", std::nullopt, "required", "common.required", {}});
    return Fail(std::move(e));
  }
  auto view = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<OrgView> {
    auto parent = OrgInScope(c, a, *parent_id);
    if (!parent) return Fail(parent.error());
    if (!a.Can(Permission::kOrgWrite)) return Fail(Error::Forbidden());
    if (!draft) return Fail(draft.error());
    if (parent->status == domain::OrgStatus::kClosed)
      return Fail(Error::Rule("parent_closed", "org.parent_closed"));
    if (auto p = domain::CheckPlacement(parent->type, draft->type); !p) return Fail(p.error());
    auto org = OrgRepository(c).Insert(*draft, &*parent, d_.clock.Now());
    if (!org) return Fail(CodeTaken(org.error(), draft->code));
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"org.create", "org", org->id, org->id, BeforeAfter(nullptr, *org)});
        !r)
      return Fail(r.error());
    return OrgView{*org, 0, {}, {}};
  });
  if (view) Index(view->org);
  return view;
}

Result<OrgView> OrgService::Update(const Actor& a, int64_t id, const domain::OrgFields& patch) {
  auto view = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<OrgView> {
    auto org = OrgInScope(c, a, id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kOrgWrite)) return Fail(Error::Forbidden());
    auto draft = domain::ApplyOrgPatch(*org, patch);
    if (!draft) return Fail(draft.error());
    OrgRepository repo(c);
    if (draft->type != org->type) {
      // A type change must still fit under the parent and above the children.
      if (org->parent_id) {
        auto parent = repo.Get(*org->parent_id);
        if (!parent) return Fail(parent.error());
        if (*parent)
          if (auto p = domain::CheckPlacement((*parent)->type, draft->type); !p)
            return Fail(p.error());
      }
      store::OrgQuery kids;
      kids.scope_path = org->path;
      kids.parent_id = org->id;
      kids.page.size = 500;
      auto children = repo.List(kids);
      if (!children) return Fail(children.error());
      for (const auto& child : children->items)
        if (auto p = domain::CheckPlacement(draft->type, child.org.type); !p)
          return Fail(p.error());
    }
    if (auto u = repo.UpdateContent(id, *draft, d_.clock.Now()); !u)
      return Fail(CodeTaken(u.error(), draft->code));
    auto after = View(c, a, id, true);
    if (!after) return after;
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"org.update", "org", id, id, BeforeAfter(&*org, after->org)});
        !r)
      return Fail(r.error());
    return after;
  });
  if (view) Index(view->org);
  return view;
}

Result<OrgView> OrgService::Move(const Actor& a, int64_t id, int64_t new_parent_id) {
  auto view = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<OrgView> {
    auto org = OrgInScope(c, a, id);
    if (!org) return Fail(org.error());
    auto parent = OrgInScope(c, a, new_parent_id);
    if (!parent) return Fail(parent.error());
    if (!a.Can(Permission::kOrgWrite)) return Fail(Error::Forbidden());
    if (auto m = domain::CheckMove(*org, *parent, a.org_path); !m) return Fail(m.error());
    if (auto m = OrgRepository(c).Move(*org, *parent, d_.clock.Now()); !m) return Fail(m.error());
    auto after = View(c, a, id, true);
    if (!after) return after;
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"org.move", "org", id, id, BeforeAfter(&*org, after->org)});
        !r)
      return Fail(r.error());
    return after;
  });
  if (view) {
    Index(view->org);
    view->subtree = d_.org_index.Counts(id).value_or(stats::SubtreeOrgCounts{});
  }
  return view;
}

Result<OrgView> OrgService::Close(const Actor& a, int64_t id, std::string_view reason) {
  auto view = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<OrgView> {
    auto org = OrgInScope(c, a, id);
    if (!org) return Fail(org.error());
    if (!a.Can(Permission::kOrgWrite)) return Fail(Error::Forbidden());
    OrgRepository repo(c);
    auto children = repo.CountActiveChildren(id);
    if (!children) return Fail(children.error());
    auto members = repo.CountMembersInStanding(id);
    if (!members) return Fail(members.error());
    if (auto chk = domain::CheckClose(*org, *children, *members); !chk) return Fail(chk.error());
    if (org->path == a.org_path) return Fail(Error::Rule("close_root", "org.close_root"));
    if (auto r = repo.Close(id, d_.clock.Now()); !r) return Fail(r.error());
    auto after = View(c, a, id, true);
    if (!after) return after;
    JsonObjectWriter summary;
    summary.Raw("before", OrgSummary(*org)).Raw("after", OrgSummary(after->org)).Str("reason", reason);
    if (auto r = AppendAudit(c, d_.clock, a, {"org.close", "org", id, id, summary.str()}); !r)
      return Fail(r.error());
    return after;
  });
  if (view) Index(view->org);
  return view;
}

Result<Org> OrgService::EnsureRoot(std::string_view code, std::string_view name) {
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<Org> {
    OrgRepository repo(c);
    auto root = repo.Root();
    if (!root) return Fail(root.error());
    if (*root) return **root;
    domain::OrgFields f;
    f.name = std::string(name);
    f.type = "local_committee";
    f.sector = "other";
    f.code = std::string(code);
    auto draft = domain::ValidateNewOrg(f);
    if (!draft) return Fail(draft.error());
    auto org = repo.Insert(*draft, nullptr, d_.clock.Now());
    if (!org) return Fail(org.error());
    Actor sys = SystemActor(org->id, org->path);
    if (auto r = AppendAudit(c, d_.clock, sys,
                             {"org.create", "org", org->id, org->id, BeforeAfter(nullptr, *org)});
        !r)
      return Fail(r.error());
    return *org;
  });
}

Result<void> OrgService::RebuildIndex() {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto rows = OrgRepository(**conn).AllNodes();
  if (!rows) return Fail(rows.error());
  std::vector<stats::OrgNode> nodes;
  nodes.reserve(rows->size());
  for (const auto& r : *rows) nodes.push_back({r.id, r.parent_id, r.type, r.status});
  d_.org_index.Rebuild(nodes);
  return {};
}

Result<ScopedList> OpenScopedList(store::Database& db, const Actor& a, std::optional<int64_t> org_id,
                                  bool subtree, domain::Permission p) {
  auto conn = db.Acquire();
  if (!conn) return Fail(conn.error());
  auto scope = ResolveListScope(**conn, a, org_id, subtree);
  if (!scope) return Fail(scope.error());
  if (!a.Can(p)) return Fail(Error::Forbidden());
  return ScopedList{std::move(*conn), std::move(*scope)};
}

Result<std::vector<domain::Org>> ActiveChildren(store::Connection& c, const domain::Org& parent) {
  std::vector<domain::Org> out;
  store::OrgQuery q;
  q.scope_path = parent.path;
  q.parent_id = parent.id;
  q.status = domain::OrgStatus::kActive;
  q.page.size = 500;
  for (int64_t page = 1;; ++page) {
    q.page.page = page;
    auto children = store::OrgRepository(c).List(q);
    if (!children) return Fail(children.error());
    for (auto& child : children->items) out.push_back(std::move(child.org));
    if (page * q.page.size >= children->total) break;
  }
  return out;
}

}  // namespace tj::service
