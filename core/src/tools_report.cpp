// Freshness of the directory: when each entry was last checked against its source.
#include "frontdoor/tools.hpp"

namespace frontdoor {

std::vector<FreshnessRow> freshness_report(const Model& model, Date today) {
  std::vector<FreshnessRow> rows;
  for (const auto& service : model.services) {
    FreshnessRow row;
    row.id = service.id;
    row.name = service.name;
    row.source = service.source;
    row.checked = format_date(service.checked);
    row.days = day_number(today) - day_number(service.checked);
    // "Over 12 months": past the same day a year later (29 February counts from 1 March).
    Date due = make_date(service.checked.year() + 1, static_cast<int>(service.checked.month()),
                         static_cast<int>(service.checked.day()));
    if (!due.ok()) due = make_date(service.checked.year() + 1, 3, 1);
    row.overdue = today > due;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string freshness_csv(const std::vector<FreshnessRow>& rows) {
  std::string out = "id,name,source,checked,days_since,status\n";
  for (const auto& row : rows) {
    const char* status = row.overdue ? "overdue" : (row.days < 0 ? "future" : "ok");
    out += csv_field(row.id) + "," + csv_field(row.name) + "," + csv_field(row.source) + "," + csv_field(row.checked) +
           "," + std::to_string(row.days) + "," + status + "\n";
  }
  return out;
}

}  // namespace frontdoor
