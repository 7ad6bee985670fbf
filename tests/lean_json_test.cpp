// frontdoor::detail::LeanJson, the web build's JSON class, against nlohmann::json (what the full
// core and the tests use): the same documents parse to the same values and dump to the same text,
// and the same bad texts are refused at the same place.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "frontdoor/lean_json.hpp"
#include "support.hpp"

using nlohmann::json;
using frontdoor::detail::LeanJson;

namespace {

/** Parses `text` with both; both must accept it and dump the same text. */
void same_parse(const std::string& text) {
  INFO("text: " << text);
  const json expected = json::parse(text);
  const LeanJson got = LeanJson::parse(text);
  CHECK(got.dump() == expected.dump());
  CHECK(LeanJson::parse(got.dump()) == got);
}

/** Both must refuse `text`, at the same byte. */
void same_refusal(const std::string& text) {
  INFO("text: " << text);
  std::size_t want = 0;
  try {
    const json parsed = json::parse(text);
    (void)parsed;
    FAIL("nlohmann accepted it");
  } catch (const json::parse_error& e) {
    want = e.byte;
  }
  try {
    (void)LeanJson::parse(text);
    FAIL("LeanJson accepted it");
  } catch (const LeanJson::parse_error& e) {
    CHECK(e.byte == want);
    CHECK(std::string(e.what()).rfind("[json.exception.parse_error.101] parse error at line ", 0) == 0);
  }
}

}  // namespace

TEST_CASE("LeanJson parses and dumps documents as nlohmann::json does") {
  SUBCASE("scalars, arrays and objects, with white space") {
    for (const char* text : {"null", "true", "false", "0", "\"\"", "[]", "{}", " [ 1 , 2 ,\n3 ] ", "{\"a\": {\"b\": [null, {}]}}",
                             "\t{ \"z\" : 1 , \"a\" : 2 , \"m\" : [ true , false ] }\r\n", "\xEF\xBB\xBF{}"})
      same_parse(text);
  }
  SUBCASE("a NUL byte ends the input, as in nlohmann's lexer") {
    same_parse(std::string("[1]\0 not read", 14));
    same_parse(std::string("-5\0\0\x01:\"groups\"", 13));
    same_refusal(std::string("\0{}", 3));
    same_refusal(std::string("[1,\0]", 5));
    same_refusal(std::string("\"a\0\"", 4));
  }
  SUBCASE("objects are sorted by key in byte order") {
    same_parse(R"({"b":1,"a":2,"B":3,"é":4,"e":5,"":6,"aa":7,"a\u0000":8})");
    CHECK(LeanJson::parse(R"({"b":1,"a":2})").dump() == R"({"a":2,"b":1})");
  }
  SUBCASE("a duplicate key keeps its last value") {
    same_parse(R"({"a":1,"b":2,"a":3})");
    same_parse(R"({"k":[1],"k":{"x":1},"j":0,"k":"last"})");
    CHECK(LeanJson::parse(R"({"a":1,"a":3})")["a"].get<int>() == 3);
  }
  SUBCASE("numbers: negative, large, -0, fractions and exponents") {
    for (const char* text : {"-1", "-0", "-0.0", "0.0", "1.5", "-2.25", "1e2", "1E+2", "1e-2", "2.5e-3", "123456789012",
                             "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551615",
                             "18446744073709551616", "-9223372036854775809", "0.1", "1.7976931348623157e308",
                             "5e-324", "[1.0,2.50,100e0]", "3.141592653589793"})
      same_parse(text);
    // The same kind of number as nlohmann gives (signed, unsigned or double), at every edge.
    for (const char* text : {"0", "-0", "7", "-7", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                             "18446744073709551615", "18446744073709551616", "-9223372036854775809",
                             "99999999999999999999", "-18446744073709551615", "1.0"}) {
      INFO("text: " << text);
      const json expected = json::parse(text);
      const LeanJson got = LeanJson::parse(text);
      CHECK(got.is_number_unsigned() == expected.is_number_unsigned());
      CHECK(got.is_number_integer() == expected.is_number_integer());
      CHECK(got.is_number_float() == expected.is_number_float());
      CHECK(got.dump() == expected.dump());
    }
    CHECK(LeanJson::parse("18446744073709551615").is_number_unsigned());
    CHECK(LeanJson::parse("-5").get<long long>() == -5);
    CHECK(LeanJson::parse("2.5").is_number_float());
    CHECK_FALSE(LeanJson::parse("2.5").is_number_integer());
  }
  SUBCASE("strings: escapes, surrogate pairs, control characters and UTF-8") {
    for (const char* text :
         {R"("a\"b\\c\/d")", R"("\b\f\n\r\t")", R"("\u0000\u0001\u001f\u007f")", R"("\u00e9\u20AC")",
          R"("\ud83d\ude00")", R"("\uD834\uDD1E x")", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "\"\x7f\""})
      same_parse(text);
    CHECK(LeanJson::parse(R"("\ud83d\ude00")").get<std::string>() == "\xf0\x9f\x98\x80");
    CHECK(LeanJson(std::string("a\x01\x1f\"\\\n")).dump() == json(std::string("a\x01\x1f\"\\\n")).dump());
  }
  SUBCASE("invalid UTF-8 is replaced by U+FFFD as nlohmann replaces it, or refused by a strict dump") {
    for (const std::string s : {"\xff", "a\xc3", "\xc3\x28", "\xe2\x82", "\xe2\x82x", "\xed\xa0\x80", "\xf0\x9f\x98",
                                "\xf4\x90\x80\x80", "\x80\x80", "\xc0\xaf", "ok\xe0\x80\xaf!", "\xf0\x9f\x98\x80\xff"}) {
      INFO("bytes: " << json(s).dump(-1, ' ', true, json::error_handler_t::replace));
      CHECK(LeanJson(s).dump(-1, ' ', false, LeanJson::error_handler_t::replace) ==
            json(s).dump(-1, ' ', false, json::error_handler_t::replace));
      CHECK_THROWS_AS((void)LeanJson(s).dump(), LeanJson::type_error);
    }
  }
}

TEST_CASE("LeanJson refuses what nlohmann::json refuses, at the same place") {
  SUBCASE("syntax") {
    for (const char* text : {"", " ", "{", "[", "[1,", "[1,]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "[1 2]",
                             "{\"a\":1 \"b\":2}", "tru", "nul", "falsy", "x", "1 2", "[]]", "{}x", "\n\n  ]", "\"abc", "\xEF\xBB{}", "\xEF\xBB\xBF"})
      same_refusal(text);
  }
  SUBCASE("numbers") {
    for (const char* text : {"-", "-x", "01", "1.", "1.e5", "1e", "1e+", "+1", ".5", "[1,-]", "0x10", "- 1"}) same_refusal(text);
  }
  SUBCASE("strings") {
    for (const char* text : {"\"a\nb\"", "\"\t\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\ud800\"", "\"\\ud800x\"",
                             "\"\\ud800\\u0041\"", "\"\\udc00\"", "\"\xff\"", "\"\xc3\x28\"", "\"\xe2\x82\"", "\"\xed\xa0\x80\"",
                             "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"", "[\"ok\",\n\"\x80\"]", "\"\xf0\x9f\x98"})
      same_refusal(text);
  }
  SUBCASE("errors name line and column as nlohmann's do") {
    for (const char* text : {"{\"questions\": [}", "{\n  \"a\": 1,\n  \"b\": x\n}", "[1,\n\n2,,3]", "\"a\nb\"", "{1\n}",
                             "{\"a\":1,\n22\n:3}", "[1\n2]", "5\nx", "[1.5e3\n\n}", "{\"okop\":\"route\",3333\n\"x\"}"}) {
      INFO(text);
      std::string want, got;
      try {
        const json parsed = json::parse(text);
    (void)parsed;
      } catch (const json::parse_error& e) {
        want = e.what();
      }
      try {
        (void)LeanJson::parse(text);
      } catch (const LeanJson::parse_error& e) {
        got = e.what();
      }
      const auto place = [](const std::string& m) { return m.substr(0, m.find(':', m.find("column"))); };
      CHECK(place(got) == place(want));
    }
  }
  SUBCASE("nesting deeper than 512 levels is refused, 512 parse") {
    CHECK(LeanJson::parse(std::string(512, '[') + std::string(512, ']')).size() == 1);
    CHECK_THROWS_AS((void)LeanJson::parse(std::string(513, '[') + std::string(513, ']')), LeanJson::parse_error);
    CHECK_THROWS_AS((void)LeanJson::parse(std::string(100000, '{')), LeanJson::parse_error);
  }
  SUBCASE("a number beyond a double is out of range, as in nlohmann") {
    CHECK_THROWS_AS(json::parse("1e999").size(), json::out_of_range);
    CHECK_THROWS_AS((void)LeanJson::parse("1e999"), LeanJson::out_of_range);
  }
}

TEST_CASE("LeanJson builds values with nlohmann::json's rules") {
  SUBCASE("an initializer list of [string, value] pairs is an object, anything else an array") {
    const LeanJson o = {{"b", 1}, {"a", "x"}, {"c", nullptr}};
    CHECK(o.is_object());
    CHECK(o.dump() == json({{"b", 1}, {"a", "x"}, {"c", nullptr}}).dump());
    const LeanJson a = {1, "two", true};
    CHECK(a.is_array());
    CHECK(a.dump() == json({1, "two", true}).dump());
    CHECK(LeanJson{{"a", 1}, {2, 3}}.dump() == json{{"a", 1}, {2, 3}}.dump());
    CHECK(LeanJson{{"k", 1}, {"k", 2}}.dump() == json{{"k", 1}, {"k", 2}}.dump());
    CHECK(LeanJson(std::vector<std::string>{"x", "y"}).dump() == R"(["x","y"])");
  }
  SUBCASE("operator[] adds members and elements; a null becomes an object or an array") {
    LeanJson j;
    j["z"] = 1;
    j["a"]["b"] = "c";
    j["list"].push_back(true);
    j["list"].push_back(LeanJson::array());
    CHECK(j.dump() == R"({"a":{"b":"c"},"list":[true,[]],"z":1})");
    CHECK(j.size() == 3);
    CHECK(j.contains("a"));
    CHECK(j.count("q") == 0);
    CHECK(j.erase("a") == 1);
    CHECK(j.erase("a") == 0);
    CHECK(j.find("a") == j.end());
    CHECK(j.find("z")->get<int>() == 1);
    j = j["list"];  // a value taken from inside itself
    CHECK(j.dump() == "[true,[]]");
    CHECK(j.back().is_array());
    CHECK(j.front().get<bool>());
  }
  SUBCASE("iteration gives keys in order and values") {
    const LeanJson j = LeanJson::parse(R"({"b":[1,2],"a":"x"})");
    std::string seen;
    for (auto it = j.begin(); it != j.end(); ++it) seen += it.key() + "=" + it.value().dump() + ";";
    CHECK(seen == R"(a="x";b=[1,2];)");
    long long sum = 0;
    for (const auto& v : j["b"]) sum += v.get<long long>();
    CHECK(sum == 3);
  }
  SUBCASE("a scalar iterates once over itself and null not at all, as in nlohmann") {
    for (const char* text : {"null", "5", "\"s\"", "true", "[1,2]", "{\"a\":1}"}) {
      INFO(text);
      const LeanJson lean = LeanJson::parse(text);
      const json full = json::parse(text);
      std::string a, b;
      for (const auto& v : lean) a += v.dump() + ";";
      for (const auto& v : full) b += v.dump() + ";";
      CHECK(a == b);
      CHECK((lean.find("a") == lean.end()) == (full.find("a") == full.end()));
    }
  }
  SUBCASE("kinds, names, sizes and comparisons") {
    const LeanJson j = LeanJson::parse(R"([null,true,1,-1,1.5,"s",[],{}])");
    const char* names[] = {"null", "boolean", "number", "number", "number", "string", "array", "object"};
    for (std::size_t i = 0; i < j.size(); ++i) {
      CHECK(std::string(j[i].type_name()) == names[i]);
      CHECK(j[i].is_primitive() == (i < 6));
      CHECK(j[i].size() == json::parse(j[i].dump()).size());
      CHECK(j[i].empty() == json::parse(j[i].dump()).empty());
    }
    CHECK(LeanJson::parse("1") == LeanJson(1.0));
    CHECK(LeanJson::parse("1") == LeanJson(1ull));
    for (const char* a : {"-1", "1", "0", "1.0", "-0.0", "18446744073709551615", "9223372036854775808", "1e0", "true", "null"})
      for (const char* b : {"-1", "1", "0", "18446744073709551615", "-9223372036854775808", "1.5", "false", "\"1\""}) {
        INFO(a << " == " << b);
        CHECK((LeanJson::parse(a) == LeanJson::parse(b)) == (json::parse(a) == json::parse(b)));
      }
    CHECK(LeanJson("a") == LeanJson(std::string("a")));
    CHECK(LeanJson::parse(R"({"a":[1,{"b":null}]})") == LeanJson::parse(R"({ "a" : [1.0, {"b": null}] })"));
    CHECK(LeanJson::parse(R"({"a":1})") != LeanJson::parse(R"({"a":1,"b":2})"));
    CHECK(LeanJson(true) != LeanJson(1));
  }
  SUBCASE("accessors of the wrong kind throw type_error, a missing member or index out_of_range") {
    const LeanJson j = LeanJson::parse(R"({"s":"x","n":2,"a":[]})");
    CHECK_THROWS_AS((void)j["s"].get<long long>(), LeanJson::type_error);
    CHECK_THROWS_AS((void)j["n"].get<std::string>(), LeanJson::type_error);
    CHECK_THROWS_AS((void)j["n"].get_ref<const std::string&>(), LeanJson::type_error);
    CHECK_THROWS_AS((void)j["s"].get<bool>(), LeanJson::type_error);
    CHECK_THROWS_AS((void)j.at("missing"), LeanJson::out_of_range);
    CHECK_THROWS_AS((void)j["a"].at(0), LeanJson::out_of_range);
    CHECK(j["missing"].is_null());
    CHECK(j["n"].get<double>() == 2.0);
    CHECK(std::string(j["s"].get_ref<const std::string&>()) == "x");
  }
}

TEST_CASE("LeanJson reads and writes the real data files as nlohmann::json does") {
  for (const char* name : {"directory.json", "calendar.json", "rules.json", "questions.json", "ui.json"}) {
    INFO(name);
    const std::string text = frontdoor::test::read_text(std::string("data/") + name);
    const LeanJson lean = LeanJson::parse(text);
    CHECK(lean.dump() == json::parse(text).dump());
    CHECK(LeanJson::parse(lean.dump()) == lean);
  }
}
