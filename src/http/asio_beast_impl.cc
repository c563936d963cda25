// The compiled part of Asio and Beast, built once for the whole program.
//
// tj_http defines BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION, so
// every other source sees declarations only and this file holds the definitions.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
