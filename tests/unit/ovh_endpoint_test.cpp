// Which OVH_ENDPOINT values are OVH itself (for /api/status "OVHEmulator").
#include <gtest/gtest.h>

#include "common/ovh/client.hpp"

namespace audioconf::ovh {
namespace {

TEST(OvhOfficialEndpoint, RecognisesEveryOfficialEndpoint) {
  for (const char* endpoint :
       {"https://eu.api.ovh.com/1.0", "https://ca.api.ovh.com/1.0",
        "https://api.us.ovhcloud.com/1.0", "https://eu.api.kimsufi.com/1.0",
        "https://ca.api.kimsufi.com/1.0", "https://eu.api.soyoustart.com/1.0",
        "https://ca.api.soyoustart.com/1.0", "https://eu.api.ovh.com/1.0/",
        "https://EU.API.OVH.COM/1.0", "https://eu.api.ovh.com:443/v1"}) {
    EXPECT_TRUE(is_official_ovh_endpoint(endpoint)) << endpoint;
  }
}

TEST(OvhOfficialEndpoint, RejectsTheEmulatorAndLookalikes) {
  for (const char* endpoint :
       {"http://localhost:8090/1.0", "http://eu.api.ovh.com/1.0", "https://eu.api.ovh.com.evil/1.0",
        "https://evil.example/eu.api.ovh.com", "https://api.ovh.com/1.0", "", "eu.api.ovh.com"}) {
    EXPECT_FALSE(is_official_ovh_endpoint(endpoint)) << endpoint;
  }
}

}  // namespace
}  // namespace audioconf::ovh
