// `stats --collect`: one stats point for the current minute, as cron (or a systemd timer, or
// scripts/job compute-stats) runs it. A command, not a route, so nothing on the internet can
// trigger an OVH call.
#pragma once

namespace audioconf::stats {

/// Composes what the collection needs (configuration, database, OVH client, clock), runs
/// statistics::collect_point once and returns the process exit status (0: inserted, already
/// there or disabled; 1: failure; 2: invalid configuration).
[[nodiscard]] int collect_once();

}  // namespace audioconf::stats
