#include "stats/stats_page.hpp"

#include <ctemplate/template.h>

#include "stats/chart_data.hpp"

namespace audioconf::stats {

StatsPage::StatsPage(bool enabled, pg::StatsStore& store, const civil::Zone& zone)
    : enabled_(enabled), store_(store), zone_(zone) {}

web::Response StatsPage::render(web::Context& ctx) {
  if (!enabled_) {
    return ctx.error_page(404, "Page non trouvée", "La page que vous cherchez n'existe pas.");
  }
  std::vector<ChartPoint> points;
  for (const pg::StatsPoint& point : store_.recent(kMaxPoints)) {
    points.push_back({zone_.local(point.date), point.online_participants, point.active_conferences,
                      point.booked_rooms});
  }
  ctemplate::TemplateDictionary dict("stats");
  dict.SetValue("CHART_JSON", chart_json(points));
  dict.SetIntValue("COUNT", static_cast<long>(points.size()));
  if (points.empty()) dict.ShowSection("EMPTY");
  for (const ChartPoint& point : points) {
    auto* row = dict.AddSectionDictionary("POINT");
    row->SetValue("DATE", point_label(point.at));
    row->SetIntValue("PARTICIPANTS", point.participants);
    row->SetIntValue("ACTIVE", point.active);
    if (point.booked < 0) {
      row->ShowSection("BOOKED_MISSING");
    } else {
      row->SetIntValue("BOOKED", point.booked);
      row->ShowSection("BOOKED_VALUE");
    }
  }
  return ctx.page("stats", dict, "Statistiques",
                  {"/vendor/chart.js/chart.umd.js", "/static/js/stats.js"});
}

}  // namespace audioconf::stats
