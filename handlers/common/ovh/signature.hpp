// OVH API v1 request signature: "$1$" + SHA-1 over the secret, the consumer key and the request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace audioconf::ovh {

/// "$1$" followed by the lowercase hex SHA-1 of
/// app_secret+consumer_key+METHOD+url+body+timestamp (joined with '+', nothing escaped).
/// `url` is the absolute URL exactly as sent (query included, as encoded on the wire) and `body`
/// the exact bytes sent (empty when there is none). This is a plain hash, not an HMAC: OVH
/// defines it that way (ovh-api.md §2.2).
[[nodiscard]] std::string sign(std::string_view app_secret, std::string_view consumer_key,
                               std::string_view method, std::string_view url, std::string_view body,
                               std::int64_t timestamp);

}  // namespace audioconf::ovh
