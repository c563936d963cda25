// Precompiled header of the tj_http target: the heavy Boost headers its sources share.
//
// Only src/http compiles Asio and Beast (separately, once, in asio_beast_impl.cc); nothing
// outside this folder may include them. Declarations only; no state.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
