// JSON encoders for the objects the API returns (User, Account, Org, AuditEntry), so each
// shape is written once. Pure functions; safe from any thread.
#pragma once

#include "api/common.h"

namespace tj::api {

// The login/me shape: {"id","username","display_name","roles","org_id","org_name","must_change_password"}.
json::object UserJson(const domain::Account& a);
// The accounts-page shape (UserJson plus status, lock and timestamps).
json::object AccountJson(const service::Deps& d, const domain::Account& a);
json::object OrgJson(const service::Deps& d, const domain::Org& o, int64_t child_count);
json::object OrgViewJson(const service::Deps& d, const service::OrgView& v);
json::object AuditJson(const service::Deps& d, const store::AuditListItem& i);

}  // namespace tj::api
