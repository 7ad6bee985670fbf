// The question flow and rules as a Graphviz dot or Mermaid graph (see tools.hpp).
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "frontdoor/tools.hpp"

namespace frontdoor {
namespace {

// GOV.UK colour palette, so the graph reads like the widget's outcome colours.
const std::map<std::string, std::string>& level_colours() {
  static const std::map<std::string, std::string> colours = {
      {"red", "#d4351c"}, {"amber", "#f47738"}, {"green", "#00703c"}, {"blue", "#1d70b8"}};
  return colours;
}

std::string colour_of(const std::string& level) {
  auto it = level_colours().find(level);
  return it == level_colours().end() ? "#505a5f" : it->second;
}

std::string value_text(const Value& value) { return string_of(value) ? *string_of(value) : Json(value).dump(); }

std::string list_text(const std::vector<Value>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + value_text(v);
  return out;
}

/** A condition in plain notation: `concern in [harm, unsure] and child_age 0..12`. */
std::string condition_text(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::eq:
      return c.fact + " = " + (c.values.empty() ? "?" : value_text(c.values.front()));
    case Condition::Kind::in:
      return c.fact + " in [" + list_text(c.values) + "]";
    case Condition::Kind::not_in:
      return c.fact + " not in [" + list_text(c.values) + "]";
    case Condition::Kind::range:
      return c.fact + " " + (c.min ? std::to_string(*c.min) : "") + ".." + (c.max ? std::to_string(*c.max) : "");
    case Condition::Kind::known:
      return c.fact + (c.known ? " known" : " not known");
    case Condition::Kind::negate:
      return "not (" + (c.children.empty() ? std::string("always") : condition_text(c.children.front())) + ")";
    case Condition::Kind::any:
    case Condition::Kind::all: {
      if (c.children.empty()) return c.kind == Condition::Kind::all ? "always" : "never";
      std::string out;
      for (const auto& child : c.children) {
        out += (out.empty() ? "" : (c.kind == Condition::Kind::all ? " and " : " or ")) + condition_text(child);
      }
      return c.kind == Condition::Kind::any && c.children.size() > 1 ? "(" + out + ")" : out;
    }
  }
  return "?";
}

/** fact → the tests on it in `c` (for edge labels). */
void facts_tested(const Condition& c, std::map<std::string, std::set<std::string>>& out) {
  if (c.kind == Condition::Kind::all || c.kind == Condition::Kind::any || c.kind == Condition::Kind::negate) {
    for (const auto& child : c.children) facts_tested(child, out);
    return;
  }
  std::string test = condition_text(c);
  test = test.substr(std::min(test.size(), c.fact.size() + 1));
  out[c.fact].insert(test);
}

struct Node {
  std::string id, label, fill, shape;
  bool bold = false;
};

struct Edge {
  std::string from, to, label;
  bool dashed = false, dotted = false;
  std::string colour;
};

std::string node_id(const std::string& kind, const std::string& id) {
  std::string out = kind + "_";
  for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

struct Graph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::set<std::string> ids;

  void node(Node n) {
    if (ids.insert(n.id).second) nodes.push_back(std::move(n));
  }
};

Graph build(const Model& model) {
  Graph g;
  std::map<std::string, std::string> question_of_fact;
  const Question* previous = nullptr;
  for (const auto& q : model.questions) {
    std::string label = q.id + "\n" + q.text.resolve("default");
    if (q.type == "number") label += "\n[" + (q.min ? std::to_string(*q.min) : "") + ".." + (q.max ? std::to_string(*q.max) : "") + "]";
    if (q.type == "area") label += "\n[" + std::to_string(model.towns().size()) + " towns]";
    for (const auto& o : q.options) label += "\n- " + value_text(o.value) + ": " + o.label.resolve("default");
    if (q.unknown_option) label += "\n- null: " + q.unknown_option->label.resolve("default");
    g.node({node_id("q", q.id), label, "", "box"});
    question_of_fact[q.fact] = node_id("q", q.id);
    if (previous) g.edges.push_back({node_id("q", previous->id), node_id("q", q.id), "", false, true, ""});
    previous = &q;
  }
  for (const auto& level : model.levels) {
    g.node({node_id("level", level.id), level.name + "\n(" + level.filter + ")", colour_of(level.id), "ellipse"});
  }
  auto service_node = [&](const std::string& id) {
    const Service* s = model.service(id);
    std::string label = s ? s->name : id;
    if (s && !s->phones.empty()) label += "\n" + s->phones.front().number;
    g.node({node_id("service", id), label, "", "note"});
    return node_id("service", id);
  };
  for (const auto& rule : model.rules) {
    const std::string rid = node_id("rule", rule.id);
    // The level is written in the box (not only its colour), and no edge runs to a level node:
    // 40 such edges made the picture unreadable.
    std::string label = "rule " + rule.id + "\n" + condition_text(rule.when);
    if (const Level* level = model.level(rule.level)) label += "\nlevel: " + level->id + " (" + level->name + ")";
    if (rule.final) label += "\n(final)";
    g.node({rid, label, rule.level.empty() ? "" : colour_of(rule.level), "box", rule.final});
    std::map<std::string, std::set<std::string>> tested;
    facts_tested(rule.when, tested);
    for (const auto& [fact, tests] : tested) {
      std::string label;
      for (const auto& t : tests) label += (label.empty() ? "" : "; ") + t;
      auto q = question_of_fact.find(fact);
      const std::string from = q != question_of_fact.end() ? q->second : node_id("fact", fact);
      if (q == question_of_fact.end()) g.node({from, fact, "", "plaintext"});
      g.edges.push_back({from, rid, label, false, false, ""});
    }
    std::function<void(const ContactSpec&, const std::string&)> contact = [&](const ContactSpec& spec, const std::string& via) {
      switch (spec.kind) {
        case ContactSpec::Kind::service:
          g.edges.push_back({rid, service_node(spec.service), via, !via.empty(), false, ""});
          break;
        case ContactSpec::Kind::first_open: {
          auto group = model.groups.find(spec.group);
          if (group == model.groups.end()) break;
          // One node per group, drawn once with its members in order: rules point at the group.
          const std::string gid = node_id("group", spec.group);
          if (!g.ids.count(gid)) {
            g.node({gid, "first open of\n" + spec.group, "", "hexagon"});
            int rank = 1;
            for (const auto& member : group->second) {
              g.edges.push_back({gid, service_node(member.service), std::to_string(rank++), true, false, ""});
            }
          }
          g.edges.push_back({rid, gid, via, !via.empty(), false, ""});
          break;
        }
        case ContactSpec::Kind::by_locality:
          for (const auto& [locality, service] : spec.by_locality) {
            g.edges.push_back({rid, service_node(service), locality, true, false, ""});
          }
          if (spec.otherwise) contact(*spec.otherwise, "otherwise");
          break;
      }
    };
    for (const auto& spec : rule.contacts) contact(spec, "");
  }
  return g;
}

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\l";
      continue;
    }
    out += c;
  }
  return out + "\\l\"";
}

std::string mermaid_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += "#quot;";
    else if (c == '\n') out += "<br/>";
    else out += c;
  }
  return out + "\"";
}

std::string dot(const Graph& g) {
  std::string out = "digraph frontdoor {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& n : g.nodes) {
    out += "  " + n.id + " [shape=" + n.shape + ", label=" + dot_quote(n.label);
    // White text fails contrast on the amber fill: black there.
    if (!n.fill.empty()) out += ", style=\"filled,rounded\", fillcolor=\"" + n.fill + "\", fontcolor=\"" + (n.fill == colour_of("amber") ? "#0b0c0c" : "white") + "\"";
    else if (n.shape == "box") out += ", style=rounded";
    if (n.bold) out += ", penwidth=3";
    out += "];\n";
  }
  for (const auto& e : g.edges) {
    out += "  " + e.from + " -> " + e.to;
    std::string attrs;
    if (!e.label.empty()) attrs += "label=" + dot_quote(e.label);
    if (e.dashed) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
    if (e.dotted) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dotted";
    if (!e.colour.empty()) attrs += std::string(attrs.empty() ? "" : ", ") + "color=\"" + e.colour + "\"";
    if (!attrs.empty()) out += " [" + attrs + "]";
    out += ";\n";
  }
  return out + "}\n";
}

std::string mermaid(const Graph& g, const Model& model) {
  std::string out = "flowchart LR\n";
  for (const auto& n : g.nodes) {
    const std::string label = mermaid_quote(n.label);
    if (n.shape == "ellipse") out += "  " + n.id + "([" + label + "])\n";
    else if (n.shape == "note") out += "  " + n.id + "[/" + label + "/]\n";
    else out += "  " + n.id + "[" + label + "]\n";
  }
  for (const auto& e : g.edges) {
    const std::string arrow = (e.dashed || e.dotted) ? "-.->" : "-->";
    out += "  " + e.from + " " + arrow + (e.label.empty() ? "" : "|" + mermaid_quote(e.label) + "|") + " " + e.to + "\n";
  }
  for (const auto& level : model.levels) {
    out += "  classDef level_" + level.id + " fill:" + colour_of(level.id) + ",color:" + (level.id == "amber" ? "#0b0c0c" : "#ffffff") + ",stroke:#0b0c0c\n";
  }
  out += "  classDef final stroke-width:4px\n";
  for (const auto& n : g.nodes) {
    for (const auto& level : model.levels) {
      if (!n.fill.empty() && n.fill == colour_of(level.id)) {
        out += "  class " + n.id + " level_" + level.id + "\n";
        break;
      }
    }
    if (n.bold) out += "  class " + n.id + " final\n";
  }
  return out;
}

}  // namespace

std::string flow_graph(const Model& model, GraphFormat format) {
  const Graph g = build(model);
  return format == GraphFormat::dot ? dot(g) : mermaid(g, model);
}

}  // namespace frontdoor
