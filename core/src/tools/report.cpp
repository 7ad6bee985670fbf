// Freshness of the directory: when each entry was last checked against its source, and which
// facts come from a page other than the contact page.
#include "frontdoor/tools.hpp"

namespace frontdoor {
namespace {

FreshnessRow row_of(const std::string& service, std::string fact, std::string value, const Provenance& from,
                    Date today) {
  FreshnessRow row;
  row.service = service;
  row.fact = std::move(fact);
  row.value = std::move(value);
  row.source = from.source;
  row.checked = format_date(from.checked);
  row.days = day_number(today) - day_number(from.checked);
  // "Over 12 months": past the same day a year later (29 February counts from 1 March).
  Date due = make_date(from.checked.year() + 1, static_cast<int>(from.checked.month()),
                       static_cast<int>(from.checked.day()));
  if (!due.ok()) due = make_date(from.checked.year() + 1, 3, 1);
  row.overdue = today > due;
  return row;
}

}  // namespace

std::vector<FreshnessRow> freshness_report(const Model& model, Date today) {
  std::vector<FreshnessRow> rows;
  for (const auto& service : model.services) {
    rows.push_back(row_of(service.id, "service", service.name, {service.source, service.checked}, today));
    auto other_page = [&](const Provenance& from) { return model.contact_page.empty() || from.source != model.contact_page; };
    for (std::size_t i = 0; i < service.phones.size(); ++i)
      if (other_page(service.phones[i].provenance))
        rows.push_back(row_of(service.id, "phones/" + std::to_string(i), service.phones[i].number,
                              service.phones[i].provenance, today));
    if (service.email && other_page(service.email_provenance))
      rows.push_back(row_of(service.id, "email", *service.email, service.email_provenance, today));
    if (service.age && other_page(service.age->provenance))
      rows.push_back(row_of(service.id, "age", std::to_string(service.age->min) + " to " + std::to_string(service.age->max),
                            service.age->provenance, today));
    if (service.schedule.kind != Schedule::Kind::unknown && other_page(service.hours_provenance))
      rows.push_back(row_of(service.id, "hours", service.hours_text.fallback, service.hours_provenance, today));
  }
  return rows;
}

std::string freshness_csv(const std::vector<FreshnessRow>& rows) {
  std::string out = "service,fact,value,source,checked,days_since,status\n";
  for (const auto& row : rows) {
    const char* status = row.overdue ? "overdue" : (row.days < 0 ? "future" : "ok");
    out += csv_field(row.service) + "," + csv_field(row.fact) + "," + csv_field(row.value) + "," + csv_field(row.source) +
           "," + csv_field(row.checked) + "," + std::to_string(row.days) + "," + status + "\n";
  }
  return out;
}

}  // namespace frontdoor
