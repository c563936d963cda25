#include "service/transfer_service.h"

#include "base/json_writer.h"
#include "base/text.h"
#include "service/audit_service.h"
#include "service/member_service.h"
#include "service/org_service.h"
#include "store/member_repository.h"
#include "store/org_repository.h"

namespace tj::service {
namespace {

using domain::Permission;
using domain::Transfer;
using domain::TransferAction;
using domain::TransferState;
using store::TransferRepository;
using store::TxMode;

constexpr size_t kMaxText = 500;

bool Sees(const Actor& a, const store::TransferRow& r) {
  return domain::InSubtree(a.org_path, r.from_org_path) ||
         (!r.to_org_path.empty() && domain::InSubtree(a.org_path, r.to_org_path));
}

bool IsCommittee(domain::OrgType t) {
  return t == domain::OrgType::kCommittee || t == domain::OrgType::kWorkingCommittee ||
         t == domain::OrgType::kLocalCommittee;
}

// The committee above a branch: its nearest ancestor of a committee type.
Result<std::optional<domain::Org>> SendingCommittee(store::Connection& c, const std::string& branch_path) {
  auto ids = domain::NearestFirst(branch_path);
  for (size_t i = 1; i < ids.size(); ++i) {
    auto o = store::OrgRepository(c).Get(ids[i]);
    if (!o) return Fail(o.error());
    if (*o && IsCommittee((*o)->type)) return *o;
  }
  return std::optional<domain::Org>();
}

std::string Summary(const Transfer& t, std::string_view action, std::string_view note) {
  JsonObjectWriter w;
  w.Int("member_id", t.member_id)
      .Str("action", action)
      .Str("state", NameOf(domain::TransferStateNames(), t.state))
      .Int("from_org_id", t.from_org_id);
  if (t.to_org_id) w.Int("to_org_id", *t.to_org_id);
  if (!t.external_name.empty()) w.Str("external_name", t.external_name);
  if (!note.empty()) w.Str("note", note);
  return w.str();
}

}  // namespace

namespace {

// What completing a transfer does to the member: moved to the placement, or (out of the
// deployment) transferred out; the indexes follow through `idx`.
Result<void> Complete(store::Connection& c, const Deps& d, const Actor& a, const store::TransferRow& row,
                      const Transfer& t, Instant now, Date today, const std::string& placed_name, IndexUpdate& idx) {
  store::MemberRepository members(c, *d.cipher);
  auto m = members.Get(t.member_id, today);
  if (!m) return Fail(m.error());
  if (!*m) return Fail(Error::NotFound("member.not_found"));
  domain::Member before = (*m)->member;
  if (!domain::InStanding(before.status))
    return Fail(Error::Rule("member_not_in_standing", "transfer.member_not_in_standing"));
  if (auto r = idx.Before(c, {t.member_id}); !r) return Fail(r.error());
  domain::Member after = before;
  store::HistoryEntry h = HistoryOf(a, now, t.member_id, "", "");
  h.effective_date = today;
  if (t.kind == domain::TransferKind::kOut) {
    after.status = domain::MemberStatus::kTransferredOut;
    after.status_date = today;
    if (auto r = members.SetStatus(t.member_id, after.status, today, now); !r) return Fail(r.error());
    h.kind = "status";
    h.status_from = before.status;
    h.status_to = after.status;
    h.reason = "转出至" + t.external_name;
    h.changes = JsonObjectWriter()
                    .Int("transfer_id", t.id)
                    .Str("external_name", t.external_name)
                    .Str("external_code", t.external_code)
                    .str();
  } else {
    after.org_id = *t.placed_org_id;
    if (auto r = members.SetOrg(t.member_id, after.org_id, now); !r) return Fail(r.error());
    // The member's own account, if any, moves with them.
    if (auto r = c.Query("UPDATE users SET org_id = $1, updated_at = $2 WHERE member_id = $3",
                         {store::Int(after.org_id), store::At(now), store::Int(t.member_id)});
        !r)
      return Fail(r.error());
    h.kind = "transfer";
    h.changes = JsonObjectWriter()
                    .Int("transfer_id", t.id)
                    .Raw("org", JsonObjectWriter().Str("from", row.from_org_name).Str("to", placed_name).str())
                    .str();
  }
  if (auto r = members.AddHistory(h); !r) return Fail(r.error());
  if (auto r = AppendAudit(c, d.clock, a, {"member.transfer", "member", t.member_id, t.from_org_id, h.changes}); !r)
    return Fail(r.error());
  if (auto r = idx.After(c, {t.member_id}); !r) return Fail(r.error());
  idx.Member(FactsOf(before), FactsOf(after));
  return {};
}

}  // namespace

Result<TransferDetail> TransferService::Detail(store::Connection& c, int64_t id) {
  TransferRepository repo(c);
  auto row = repo.Get(id);
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Error::NotFound("transfer.not_found"));
  auto trail = repo.Events(id);
  if (!trail) return Fail(trail.error());
  return TransferDetail{std::move(**row), std::move(*trail)};
}

Result<store::Page<store::TransferRow>> TransferService::List(const Actor& a, const TransferListRequest& r) {
  auto list = OpenScopedList(d_.db, a, r.org_id, r.subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  store::TransferQuery q;
  q.scope_path = list->scope.path;
  q.org_id = list->scope.only_org;
  std::string direction = r.direction.value_or("");
  if (direction == "incoming") q.direction = store::TransferDirection::kIncoming;
  else if (direction == "outgoing") q.direction = store::TransferDirection::kOutgoing;
  else if (!direction.empty() && direction != "both")
    return Fail(Error::BadRequest("common.bad_parameter", {{"name", "direction"}}));
  std::string state = r.state.value_or("all");
  if (state == "open") {
    q.states = {TransferState::kPendingOut, TransferState::kPendingIn};
  } else if (state != "all" && !state.empty()) {
    auto s = ParseName(domain::TransferStateNames(), state);
    if (!s) return Fail(Error::BadRequest("common.bad_parameter", {{"name", "state"}}));
    q.states = {*s};
  }
  if (r.overdue) q.overdue_on = d_.Today();
  q.member_id = r.member_id;
  q.page = r.page;
  return TransferRepository(*list->conn).List(q);
}

Result<domain::Org> TransferService::Destination(const Actor& a, std::string_view code) {
  if (!a.Can(Permission::kTransferWrite) && !(a.member_id && a.Can(Permission::kSelfService)))
    return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto o = store::OrgRepository(**conn).GetByCode(Trim(code));
  if (!o) return Fail(o.error());
  if (!*o || (*o)->status == domain::OrgStatus::kClosed) return Fail(Error::NotFound("org.not_found"));
  return **o;
}

Result<std::vector<TransferDetail>> TransferService::Own(const Actor& a) {
  if (!a.member_id || !a.Can(Permission::kSelfService)) return Fail(Error::Forbidden());
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  store::TransferQuery q;
  q.scope_path = "/";
  q.member_id = *a.member_id;
  q.page = {1, 100};
  auto list = TransferRepository(**conn).List(q);
  if (!list) return Fail(list.error());
  std::vector<TransferDetail> out;
  for (const auto& row : list->items) {
    auto d = Detail(**conn, row.transfer.id);
    if (!d) return Fail(d.error());
    out.push_back(std::move(*d));
  }
  return out;
}

Result<TransferDetail> TransferService::Get(const Actor& a, int64_t id) {
  auto conn = d_.db.Acquire();
  if (!conn) return Fail(conn.error());
  auto d = Detail(**conn, id);
  if (!d) return d;
  if (!Sees(a, d->row)) return Fail(Error::NotFound("transfer.not_found"));
  if (!a.Can(Permission::kMemberRead)) return Fail(Error::Forbidden());
  return d;
}

Result<ValidStart> CheckStart(const TransferStart& s) {
  std::vector<ErrorDetail> details;
  std::optional<domain::TransferReason> reason;
  std::string reason_text = Trim(s.reason.value_or(""));
  if (reason_text.empty()) details.push_back(FieldError("reason", "required", "common.required"));
  else if (!(reason = ParseName(domain::TransferReasonNames(), reason_text)))
    details.push_back(FieldError("reason", "invalid_enum", "common.invalid_enum"));
  std::string note = Trim(s.note.value_or(""));
  if (Utf8Length(note) > kMaxText)
    details.push_back(FieldError("note", "too_long", "common.too_long", {{"max", "500"}}));
  std::string ext_name = Trim(s.external_name.value_or("")), ext_code = Trim(s.external_code.value_or(""));
  bool external = !ext_name.empty() || !ext_code.empty();
  bool by_code = !Trim(s.to_org_code.value_or("")).empty();
  if ((s.to_org_id || by_code) && external) {
    details.push_back(FieldError("to_org_id", "one_destination", "transfer.one_destination"));
  } else if (!s.to_org_id && !by_code && !external) {
    details.push_back(FieldError("to_org_id", "required", "common.required"));
  } else if (external) {
    if (ext_name.empty()) details.push_back(FieldError("external_name", "required", "common.required"));
    else if (Utf8Length(ext_name) > 100)
      details.push_back(FieldError("external_name", "too_long", "common.too_long", {{"max", "100"}}));
    if (Utf8Length(ext_code) > 50)
      details.push_back(FieldError("external_code", "too_long", "common.too_long", {{"max", "50"}}));
  }
  std::string member_no = Trim(s.member_no.value_or("")), member_name = Trim(s.member_name.value_or(""));
  if (!s.member_id && (member_no.empty() || member_name.empty()))
    details.push_back(FieldError("member_id", "required", "transfer.member_required"));
  if (!details.empty()) return Fail(Error::Validation(std::move(details)));
  return ValidStart{s, *reason, note, ext_name, ext_code, member_no, member_name};
}

Result<TransferDetail> TransferService::Start(const Actor& a, const TransferStart& s) {
  auto v = CheckStart(s);
  if (!v) return Fail(v.error());
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<TransferDetail> {
    return StartIn(c, a, *v, idx);
  });
  if (out) idx.Apply();
  return out;
}

Result<store::Page<store::GraduateRow>> TransferService::Graduates(const Actor& a, std::optional<int64_t> org_id,
                                                                  bool subtree, std::optional<Date> on,
                                                                  store::PageRequest page) {
  auto list = OpenScopedList(d_.db, a, org_id, subtree, Permission::kMemberRead);
  if (!list) return Fail(list.error());
  return TransferRepository(*list->conn).Graduates(list->scope.path, list->scope.only_org, on.value_or(d_.Today()), page);
}

Result<std::vector<TransferDetail>> TransferService::StartBulk(const Actor& a, const std::vector<int64_t>& member_ids,
                                                               const TransferStart& base) {
  constexpr size_t kMaxBulk = 500;
  TransferStart first = base;
  first.member_id = member_ids.empty() ? 0 : member_ids.front();
  auto v = CheckStart(first);
  if (member_ids.empty() || member_ids.size() > kMaxBulk) {
    Error e = v ? Error::Validation({}) : v.error();
    e.details.insert(e.details.begin(), FieldError("member_ids", "out_of_range", "common.out_of_range",
                                                   {{"min", "1"}, {"max", std::to_string(kMaxBulk)}}));
    return Fail(std::move(e));
  }
  if (!v) return Fail(v.error());
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<std::vector<TransferDetail>> {
    std::vector<TransferDetail> started;
    for (size_t i = 0; i < member_ids.size(); ++i) {
      ValidStart one = *v;
      one.raw.member_id = member_ids[i];
      auto d = StartIn(c, a, one, idx);
      if (!d) {
        // Name the member whose transfer could not start; nothing is kept.
        Error e = d.error();
        std::string code = e.details.empty() ? std::string(ErrorCodeName(e.code)) : e.details.front().code;
        e.details.insert(e.details.begin(),
                         FieldError("member_ids[" + std::to_string(i) + "]", code, e.message_key, e.args));
        return Fail(std::move(e));
      }
      started.push_back(std::move(*d));
    }
    return started;
  });
  if (out) idx.Apply();
  return out;
}

Result<TransferDetail> TransferService::StartIn(store::Connection& c, const Actor& a, const ValidStart& v,
                                                IndexUpdate& idx) {
    Date today = d_.Today();
    const TransferStart& s = v.raw;
    const std::string& note = v.note;
    const std::string& ext_name = v.external_name;
    const std::string& ext_code = v.external_code;
    const std::string& member_no = v.member_no;
    const std::string& member_name = v.member_name;
    bool external = !ext_name.empty() || !ext_code.empty();
    std::optional<domain::TransferReason> reason = v.reason;
    store::MemberRepository members(c, *d_.cipher);
    // The member: by id within the caller's scope, or by number and name anywhere.
    std::optional<store::MemberRow> member;
    // A member acting for themself names no one else.
    bool self = a.member_id && !a.Can(Permission::kTransferWrite) && a.Can(Permission::kSelfService);
    if (self && s.member_id != a.member_id) return Fail(Error::NotFound("member.not_found"));
    if (s.member_id) {
      auto m = members.Get(*s.member_id, today);
      if (!m) return Fail(m.error());
      if (*m && domain::InSubtree(a.org_path, (*m)->org_path)) member = std::move(**m);
    } else {
      store::MemberQuery q;
      q.scope_path = "/";
      q.member_no = member_no;
      q.today = today;
      q.page = {1, 1};
      auto found = members.List(q);
      if (!found) return Fail(found.error());
      if (!found->items.empty() && found->items[0].member.name == member_name) member = found->items[0];
    }
    if (!member) return Fail(Error::NotFound("member.not_found"));
    bool sending = !self && domain::InSubtree(a.org_path, member->org_path);

    Transfer t;
    t.member_id = member->member.id;
    t.kind = external ? domain::TransferKind::kOut : domain::TransferKind::kInternal;
    t.reason = *reason;
    t.note = note;
    t.from_org_id = member->member.org_id;
    t.external_name = ext_name;
    t.external_code = ext_code;
    t.started_side = self      ? domain::TransferSide::kMember
                     : sending ? domain::TransferSide::kSending
                               : domain::TransferSide::kReceiving;
    t.started_on = today;
    t.due_on = domain::TransferDueDay(today, expiry_months_);
    t.created_by = a.username;
    std::string to_path;
    if (!external) {
      auto to = s.to_org_id ? store::OrgRepository(c).Get(*s.to_org_id)
                            : store::OrgRepository(c).GetByCode(Trim(*s.to_org_code));
      if (!to) return Fail(to.error());
      // The receiving side names a destination in its scope; the sending side and the member
      // any org.
      if (!*to || (!sending && !self && !domain::InSubtree(a.org_path, (*to)->path)))
        return Fail(Error::NotFound("org.not_found"));
      if ((*to)->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
      if ((*to)->id == t.from_org_id) return Fail(Error::Rule("same_org", "transfer.same_org"));
      t.to_org_id = (*to)->id;
      to_path = (*to)->path;
    } else if (!sending && !self) {
      return Fail(Error::NotFound("member.not_found"));
    }
    if (!a.Can(Permission::kTransferWrite) && !self) return Fail(Error::Forbidden());
    if (!domain::InStanding(member->member.status))
      return Fail(Error::Rule("member_not_in_standing", "transfer.member_not_in_standing"));

    auto committee = SendingCommittee(c, member->org_path);
    if (!committee) return Fail(committee.error());
    if (*committee) {
      t.sending_committee_id = (*committee)->id;
      t.approvals.committee_needed = external || !domain::InSubtree((*committee)->path, to_path);
    }
    if (sending && !self) {
      // Starting is the starter's approval: a committee (or above) acts for its branch too.
      t.approvals.branch = true;
      t.approvals.committee = *committee && domain::InSubtree(a.org_path, (*committee)->path);
      t.state = domain::AfterSendingApproval(t.approvals, t.kind);
    }
    TransferRepository repo(c);
    Instant now = d_.clock.Now();
    auto id = repo.Insert(t, now);
    if (!id) {
      if (id.error().code == ErrorCode::kConflict) return Fail(Error::Conflict("transfer.open_exists"));
      return Fail(id.error());
    }
    t.id = *id;
    store::TransferEvent e{0, *id, now, a.user_id ? std::optional(a.user_id) : std::nullopt, a.username,
                           "start", std::nullopt, t.state, note};
    if (auto r = repo.AddEvent(e); !r) return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a, {"transfer.start", "transfer", *id, t.from_org_id, Summary(t, "start", note)}); !r)
      return Fail(r.error());
    auto detail = Detail(c, *id);
    if (!detail) return detail;
    if (t.state == TransferState::kCompleted) {
      t.completed_on = today;
      if (auto r = repo.Save(t, TransferState::kCompleted, now); !r) return Fail(r.error());
      if (auto done = Complete(c, d_, a, detail->row, t, now, today, "", idx); !done) return Fail(done.error());
      return Detail(c, *id);
    }
    return detail;
}

Result<TransferDetail> TransferService::Act(const Actor& a, int64_t id, const TransferStep& s) {
  Date today = d_.Today();
  IndexUpdate idx(d_);
  auto out = store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<TransferDetail> {
    auto detail = Detail(c, id);
    if (!detail) return detail;
    const auto& row = detail->row;
    if (!Sees(a, row)) return Fail(Error::NotFound("transfer.not_found"));
    std::vector<ErrorDetail> details;
    std::optional<TransferAction> action;
    std::string action_text = Trim(s.action.value_or(""));
    if (action_text.empty()) details.push_back(FieldError("action", "required", "common.required"));
    else if (!(action = ParseName(domain::TransferActionNames(), action_text)) || *action == TransferAction::kExpire)
      details.push_back(FieldError("action", "invalid_enum", "common.invalid_enum"));
    std::string reason = Trim(s.reason.value_or(""));
    if (Utf8Length(reason) > kMaxText)
      details.push_back(FieldError("reason", "too_long", "common.too_long", {{"max", "500"}}));
    if (action && (*action == TransferAction::kReject || *action == TransferAction::kReturn) && reason.empty())
      details.push_back(FieldError("reason", "required", "common.required"));
    if (action == TransferAction::kAccept && !s.placed_org_id)
      details.push_back(FieldError("placed_org_id", "required", "common.required"));
    if (!details.empty()) return Fail(Error::Validation(std::move(details)));

    bool covers_from = domain::InSubtree(a.org_path, row.from_org_path);
    bool covers_to = !row.to_org_path.empty() && domain::InSubtree(a.org_path, row.to_org_path);
    bool allowed = false;
    switch (*action) {
      case TransferAction::kApproveOut:
      case TransferAction::kReject:
        allowed = covers_from && a.Can(Permission::kTransferWrite);
        break;
      case TransferAction::kAccept:
        allowed = covers_to && a.Can(Permission::kTransferAccept);
        break;
      case TransferAction::kReturn:
        allowed = covers_to && a.Can(Permission::kTransferWrite);
        break;
      case TransferAction::kCancel:
        allowed = (a.Can(Permission::kTransferWrite) &&
                   (row.transfer.started_side == domain::TransferSide::kReceiving ? covers_to : covers_from)) ||
                  (row.transfer.started_side == domain::TransferSide::kMember && a.member_id == row.transfer.member_id &&
                   a.Can(Permission::kSelfService));
        break;
      case TransferAction::kExpire:
        break;
    }
    if (!allowed) return Fail(Error::Forbidden("transfer.not_your_side"));
    if (auto ok = domain::CheckTransferAction(row.transfer.state, *action); !ok) return Fail(ok.error());

    Transfer t = row.transfer;
    TransferState before = t.state;
    std::string placed_name;
    switch (*action) {
      case TransferAction::kApproveOut: {
        t.approvals.branch = true;
        if (t.sending_committee_id) {
          auto committee = store::OrgRepository(c).Get(*t.sending_committee_id);
          if (!committee) return Fail(committee.error());
          if (*committee && domain::InSubtree(a.org_path, (*committee)->path)) t.approvals.committee = true;
        }
        t.state = domain::AfterSendingApproval(t.approvals, t.kind);
        break;
      }
      case TransferAction::kAccept: {
        auto placed = OrgInScope(c, a, *s.placed_org_id);
        if (!placed) return Fail(placed.error());
        if (!domain::InSubtree(row.to_org_path, placed->path))
          return Fail(Error::Rule("placement_outside", "transfer.placement_outside"));
        if (placed->status == domain::OrgStatus::kClosed) return Fail(Error::Rule("org_closed", "org.closed"));
        if (auto b = domain::CheckHoldsMembers(*placed); !b) return Fail(b.error());
        t.placed_org_id = placed->id;
        placed_name = placed->name;
        t.state = TransferState::kCompleted;
        break;
      }
      case TransferAction::kReject:
        t.state = TransferState::kRejected;
        t.end_reason = reason;
        break;
      case TransferAction::kReturn:
        t.state = TransferState::kReturned;
        t.end_reason = reason;
        break;
      case TransferAction::kCancel:
        t.state = TransferState::kCancelled;
        t.end_reason = reason;
        break;
      case TransferAction::kExpire:
        break;
    }
    if (t.state == TransferState::kCompleted) t.completed_on = today;
    Instant now = d_.clock.Now();
    TransferRepository repo(c);
    if (auto r = repo.Save(t, before, now); !r) return Fail(r.error());
    if (t.state == TransferState::kCompleted) {
      if (auto done = Complete(c, d_, a, row, t, now, today, placed_name, idx); !done) return Fail(done.error());
    }
    store::TransferEvent e{0, id, now, a.user_id ? std::optional(a.user_id) : std::nullopt, a.username,
                           std::string(NameOf(domain::TransferActionNames(), *action)), before, t.state,
                           reason};
    if (auto r = repo.AddEvent(e); !r) return Fail(r.error());
    if (auto r = AppendAudit(c, d_.clock, a,
                             {"transfer." + e.action, "transfer", id, t.from_org_id, Summary(t, e.action, reason)});
        !r)
      return Fail(r.error());
    return Detail(c, id);
  });
  if (out) idx.Apply();
  return out;
}

Result<int64_t> TransferService::ExpireDue(const Actor& a) {
  if (!a.Can(Permission::kTransferAccept) || !a.WholeTree()) return Fail(Error::Forbidden());
  Date today = d_.Today();
  return store::InTransaction(d_.db, TxMode::kWrite, [&](store::Connection& c) -> Result<int64_t> {
    TransferRepository repo(c);
    auto due = repo.Overdue(today);
    if (!due) return Fail(due.error());
    Instant now = d_.clock.Now();
    for (auto id : *due) {
      auto row = repo.Get(id);
      if (!row) return Fail(row.error());
      if (!*row) continue;
      Transfer t = (*row)->transfer;
      TransferState before = t.state;
      t.state = TransferState::kExpired;
      t.end_reason = "expired";
      if (auto r = repo.Save(t, before, now); !r) return Fail(r.error());
      store::TransferEvent e{0, id, now, std::nullopt, a.username, "expire", before, t.state, ""};
      if (auto r = repo.AddEvent(e); !r) return Fail(r.error());
      if (auto r = AppendAudit(c, d_.clock, a, {"transfer.expire", "transfer", id, t.from_org_id, Summary(t, "expire", "")}); !r)
        return Fail(r.error());
    }
    return static_cast<int64_t>(due->size());
  });
}

}  // namespace tj::service
