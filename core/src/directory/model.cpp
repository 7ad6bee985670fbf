#include "frontdoor/model.hpp"
#include "small_sort.hpp"

#include <algorithm>
#include <cctype>

namespace frontdoor {

const std::vector<std::string>& audiences() {
  static const std::vector<std::string> list{"parent", "young_person", "professional", "public"};
  return list;
}

const std::string& Text::resolve(std::string_view audience) const {
  auto it = by_audience.find(std::string(audience));
  if (it != by_audience.end()) return it->second;
  return fallback;
}

namespace detail {
std::string fold(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::string out;
  out.reserve(e - b);
  bool space = false;
  for (std::size_t i = b; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // Runs of white space inside a town name ("Royal  Wootton Bassett") count as one space.
    if (std::isspace(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string town_key(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') continue;
    // U+2019 (a typographic apostrophe) is the bytes E2 80 99.
    if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\x99") == 0) {
      i += 2;
      continue;
    }
    plain += c == '-' ? ' ' : c;
  }
  std::string key;
  std::size_t word = 0;
  const std::string folded = fold(plain);
  for (std::size_t b = 0; b < folded.size();) {
    std::size_t e = folded.find(' ', b);
    if (e == std::string::npos) e = folded.size();
    std::string_view w(folded.data() + b, e - b);
    const bool last = e == folded.size();
    // "Royal Wootton Bassett" is also written "Wootton Bassett"; "Bradford upon Avon" means
    // "Bradford on Avon". Neither rewrite can make an unknown place match a different town.
    if (!(word == 0 && !last && w == "royal")) {
      if (!key.empty()) key += ' ';
      key += (word > 0 && w == "upon") ? std::string_view("on") : w;
    }
    ++word;
    b = e + 1;
  }
  return key;
}
}  // namespace detail

const Service* Model::service(std::string_view id) const {
  auto it = service_index_.find(id);
  return it == service_index_.end() ? nullptr : &services[it->second];
}

const Level* Model::level(std::string_view id) const {
  for (const auto& l : levels)
    if (l.id == id) return &l;
  return nullptr;
}

const Question* Model::question_for(std::string_view fact) const {
  for (const auto& q : questions)
    if (q.fact == fact) return &q;
  return nullptr;
}

std::size_t Model::question_index(std::string_view fact) const {
  for (std::size_t i = 0; i < questions.size(); ++i)
    if (questions[i].fact == fact) return i;
  return questions.size();
}

const Locality* Model::locality_of_town(std::string_view town) const {
  auto it = town_index_.find(detail::town_key(town));
  return it == town_index_.end() ? nullptr : &localities[it->second];
}

std::vector<std::string> Model::towns() const {
  // Sorted by folded name, each folded once.
  std::vector<std::pair<std::string, const std::string*>> keyed;
  for (const auto& l : localities)
    for (const auto& t : l.towns) keyed.emplace_back(detail::fold(t), &t);
  detail::small_stable_sort(keyed.begin(), keyed.end(),
                            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  out.reserve(keyed.size());
  for (const auto& k : keyed) out.push_back(*k.second);
  return out;
}

void Model::index() {
  service_index_.clear();
  town_index_.clear();
  for (std::size_t i = 0; i < services.size(); ++i) service_index_.emplace(services[i].id, i);
  for (std::size_t i = 0; i < localities.size(); ++i)
    for (const auto& t : localities[i].towns) town_index_.emplace(detail::town_key(t), i);
}

std::vector<std::string> called_names(const Service& service) {
  std::vector<std::string> names{service.name};
  if (service.called) {
    names.push_back(service.called->fallback);
    for (const auto& a : service.called->by_audience) names.push_back(a.second);
  }
  return names;
}

TextRef parse_text_ref(std::string_view braced) {
  TextRef ref;
  if (braced.size() < 3 || braced.front() != '{' || braced.back() != '}') return ref;
  const std::string_view inner = braced.substr(1, braced.size() - 2);
  const std::size_t colon = inner.find(':');
  if (colon == std::string_view::npos) return ref;
  const std::string_view kind = inner.substr(0, colon);
  if (kind == "service")
    ref.kind = TextRef::Kind::service;
  else if (kind == "line")
    ref.kind = TextRef::Kind::line;
  else
    return ref;
  ref.id = std::string(inner.substr(colon + 1));
  return ref;
}

std::string fill(std::string_view text, const TemplateArgs& args) {
  std::string out(text);
  for (const auto& [name, value] : args) {
    const std::string field = "{" + name + "}";
    for (auto at = out.find(field); at != std::string::npos; at = out.find(field, at + value.size()))
      out.replace(at, field.size(), value);
  }
  return out;
}

std::vector<TextRef> text_refs(std::string_view text) {
  std::vector<TextRef> refs;
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const std::size_t end = text.find('}', at);
    if (end == std::string_view::npos) break;
    TextRef ref = parse_text_ref(text.substr(at, end - at + 1));
    if (ref.kind != TextRef::Kind::none) refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace frontdoor
