// The registry's declarations and the validation derived from them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "fieldbook/core/blobs.h"
#include "fieldbook/core/schema.h"
#include "fieldbook/core/store.h"

using namespace fb;
using namespace fb::schema;

namespace {

Result<Value> check(std::string_view entityName, std::string_view fieldName, Value v)
{
    const Entity* e = entity(entityName);
    REQUIRE(e);
    const Field* f = e->field(fieldName);
    REQUIRE(f);
    return validateField(*f, v);
}

}  // namespace

TEST_CASE("every entity is declared once with a policy, scope and sane fields", "[core][schema]")
{
    std::set<std::string_view> names;
    for (const Entity& e : entities()) {
        INFO(e.name);
        CHECK(names.insert(e.name).second);
        CHECK_FALSE(e.fields.empty());
        CHECK(e.since <= currentVersion());
        if (e.scope == ScopeKind::AccountChild || e.scope == ScopeKind::Owner) {
            REQUIRE(e.field(e.scopeField));
            CHECK(e.field(e.scopeField)->required);
        }
        // What a rep reads comes from the declaration: every entity, field and value is labelled.
        CHECK_FALSE(e.label.empty());
        CHECK_FALSE(e.pluralLabel.empty());
        std::set<std::string_view> fields;
        for (const Field& f : e.fields) {
            INFO(f.name);
            CHECK(fields.insert(f.name).second);
            CHECK_FALSE(f.label.empty());
            CHECK(f.valueLabels.size() == f.values.size());
            for (std::string_view label : f.valueLabels)
                CHECK_FALSE(label.empty());
            CHECK(f.since >= e.since);
            CHECK(f.since <= currentVersion());
            if (f.type == FieldType::Enum) CHECK_FALSE(f.values.empty());
            if (f.type == FieldType::Ref) CHECK(entity(f.refEntity));
        }
    }
    CHECK(entity("account")->merge == MergePolicy::Lww);
    CHECK(entity("role_change")->merge == MergePolicy::AppendOnly);
    CHECK(entity("key_person")->field("phone")->sensitive);
    CHECK(entity("gift_item")->scope == ScopeKind::Global);
    CHECK(entity("stock_movement")->scope == ScopeKind::Owner);
    CHECK(entity("stock_movement")->merge == MergePolicy::Ledger);
}

TEST_CASE("money is kept in fen and typed in yuan", "[core][schema]")
{
    auto fen = [](const Value& typed) {
        auto r = check("gift_item", "unit_value", typed);
        return r ? std::get<std::int64_t>(*r) : std::int64_t{-1};
    };
    CHECK(fen(std::int64_t{129950}) == 129950);  // the wire's form
    CHECK(fen(std::string("1299.5")) == 129950);
    CHECK(fen(std::string("1,299.50")) == 129950);
    CHECK(fen(std::string("¥88")) == 8800);
    CHECK(fen(std::string("￥0.05")) == 5);
    CHECK_FALSE(check("gift_item", "unit_value", std::string("12.345")).ok());  // no rounding
    CHECK_FALSE(check("gift_item", "unit_value", std::string("12元")).ok());
    CHECK_FALSE(check("gift_item", "unit_value", std::string("-1")).ok());  // a value is not negative
    CHECK_FALSE(check("gift_item", "unit_value", 12.5).ok());               // a float is never money
}

TEST_CASE("validation accepts good values in canonical form and explains bad ones", "[core][schema]")
{
    SECTION("phones keep digits; mobile numbers need 11 digits")
    {
        CHECK(std::get<std::string>(*check("key_person", "phone", std::string("138-0013 8000"))) ==
              "13800138000");
        CHECK(std::get<std::string>(*check("account", "phone", std::string("0571-8888 6666"))) ==
              "057188886666");
        CHECK(std::get<std::string>(*check("account", "phone", std::string("+86 138 0013 8000"))) ==
              "+8613800138000");
        auto bad = check("key_person", "phone", std::string("1380013"));
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == ErrorCode::BadFormat);
        CHECK(bad.error().field == "phone");
        CHECK_FALSE(check("key_person", "phone", std::string("call me")).ok());
    }
    SECTION("dates must be real calendar dates")
    {
        CHECK(check("key_person", "birthday", std::string("1980-02-29")).ok());
        CHECK_FALSE(check("key_person", "birthday", std::string("1981-02-29")).ok());
        CHECK_FALSE(check("key_person", "birthday", std::string("1980/02/01")).ok());
        CHECK_FALSE(check("key_person", "birthday", std::string("1980-13-01")).ok());
    }
    SECTION("enums take only declared values")
    {
        CHECK(check("account", "tier", std::string("KA")).ok());
        auto bad = check("account", "tier", std::string("VIP"));
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == ErrorCode::BadEnum);
    }
    SECTION("length is counted in characters, not bytes")
    {
        CHECK(check("key_person", "name", std::string(50 * 3, 'x').substr(0, 50)).ok());
        std::string fiftyHan;
        for (int i = 0; i < 50; ++i)
            fiftyHan += "张";
        CHECK(check("key_person", "name", fiftyHan).ok());
        auto tooLong = check("key_person", "name", fiftyHan + "张");
        REQUIRE_FALSE(tooLong.ok());
        CHECK(tooLong.error().code == ErrorCode::TooLong);
    }
    SECTION("numbers, ranges, booleans, JSON and text")
    {
        CHECK(std::get<std::int64_t>(*check("key_person", "age", std::string("45"))) == 45);
        CHECK_FALSE(check("key_person", "age", std::string("4x")).ok());
        auto child = check("key_person", "age", std::int64_t{7});
        REQUIRE_FALSE(child.ok());
        CHECK(child.error().code == ErrorCode::OutOfRange);
        CHECK(std::get<double>(*check("account", "agreement_volume", std::string("1200.5"))) == 1200.5);
        CHECK(std::get<std::int64_t>(*check("account", "archived", std::string("true"))) == 1);
        CHECK(check("account", "custom", std::string(R"({"开票抬头": "杭州恒达", "停车位": 3})")).ok());
        CHECK_FALSE(check("account", "custom", std::string("[1,2]")).ok());
        CHECK_FALSE(check("account", "custom", std::string(R"({"a": )")).ok());
        CHECK_FALSE(check("account", "name", std::string("two\nlines")).ok());
        CHECK_FALSE(check("account", "name", std::string("bad \xff utf8")).ok());
        CHECK(isNull(*check("account", "industry", std::string("   "))));  // blank clears
        CHECK(std::get<std::string>(*check("account", "industry", std::string("  餐饮 "))) == "餐饮");
    }
    SECTION("the full-width space of Chinese input and the no-break space are trimmed too")
    {
        CHECK(std::get<std::string>(*check("account", "name", std::string("\u3000\u3000杭州恒达\u3000"))) ==
              "杭州恒达");
        CHECK(std::get<std::string>(*check("account", "name", std::string("\u00a0杭州 恒达\u00a0 "))) ==
              "杭州 恒达");
        CHECK(isNull(*check("account", "industry", std::string("\u3000 \u3000"))));
        // Inside a value they are content.
        CHECK(std::get<std::string>(*check("account", "name", std::string("杭州\u3000恒达"))) ==
              "杭州\u3000恒达");
    }
    SECTION("control characters are refused: none in one-line text, only tab and line breaks in long text")
    {
        for (const char* bad : {"a\x01"
                                "b",
                                "a\tb", "a\x7f",
                                "a\x1b"
                                "b"}) {
            auto r = check("account", "name", std::string(bad));
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == ErrorCode::BadFormat);
        }
        CHECK_FALSE(check("account", "name", std::string("a\0b", 3)).ok());
        CHECK(check("account", "notes", std::string("第一行\n\t第二行\r\n")).ok());
        CHECK_FALSE(check("account", "notes", std::string("响铃\x07")).ok());
    }
}

TEST_CASE("a whole record is checked at once, every problem reported by field", "[core][schema]")
{
    const Entity* person = entity("key_person");
    Fields clean;
    auto errors = validateRecord(*person,
                                 {{"name", std::string("")},
                                  {"phone", std::string("123")},
                                  {"age", std::string("200")},
                                  {"hobbies", std::string("钓鱼")},
                                  {"shoe_size", std::string("42")}},
                                 true, &clean);
    std::set<std::string> fields;
    for (const Error& e : errors)
        fields.insert(e.field);
    // name cleared, phone malformed, age out of range, unknown field; account_id and role missing
    CHECK(fields == std::set<std::string>{"name", "phone", "age", "shoe_size", "account_id", "role"});
    CHECK(clean.count("hobbies") == 1);
    // On update, absent required fields are fine; clearing one is not.
    CHECK(validateRecord(*person, {{"hobbies", std::string("登山")}}, false).empty());
    CHECK(validateRecord(*person, {{"role", std::string("")}}, false).size() == 1);
}

TEST_CASE("DDL is generated from an entity as it stood at a version", "[core][schema]")
{
    const auto at2 = entitiesAt(2);
    const auto account2 =
        std::find_if(at2.begin(), at2.end(), [](const Entity& e) { return e.name == "account"; });
    REQUIRE(account2 != at2.end());
    auto v2 = createTableDdl(*account2);
    REQUIRE_FALSE(v2.empty());
    CHECK(v2.front().find("CREATE TABLE account") == 0);
    CHECK(v2.front().find("agreement_volume") == std::string::npos);  // added in version 3
    const Entity* account = entity("account");
    auto added = addColumnDdl(*account, *account->field("agreement_volume"));
    REQUIRE(added.size() == 1);
    CHECK(added[0] == "ALTER TABLE account ADD COLUMN agreement_volume REAL");
    // Nothing of the archive existed at version 1; the reference data came with version 5,
    // photos (attachment) with 7, contacts, holidays, greeting texts and snoozes with 8.
    CHECK(entitiesAt(1).empty());
    CHECK(entitiesAt(4).size() == 4);
    CHECK(entitiesAt(5).size() == 7);
    CHECK(entitiesAt(6).size() == 7);
    CHECK(entitiesAt(7).size() == 17);
    CHECK(entitiesAt(8).size() == entities().size());
    CHECK(entitiesAt(7).size() + 5 ==
          entities().size());  // contact_log, holiday, greeting_template, snooze, stage_change
    CHECK(entity("contact_log")->since == 8);
    CHECK(entity("attachment")->since == 7);
    // A Ref column is indexed (referrals and role changes are read by account): the item and
    // the account since version 5; the recipient, the visit and the signature since 7.
    const Entity* movement = entity("stock_movement");
    REQUIRE(movement != nullptr);
    const auto indexes = [](const std::vector<std::string>& ddl) {
        return std::count_if(ddl.begin(), ddl.end(),
                             [](const std::string& s) { return s.starts_with("CREATE INDEX"); });
    };
    CHECK(indexes(createTableDdl(*movement)) == 5);
    const auto at5 = entitiesAt(5);
    const auto movement5 =
        std::find_if(at5.begin(), at5.end(), [](const Entity& e) { return e.name == "stock_movement"; });
    REQUIRE(movement5 != at5.end());
    CHECK(indexes(createTableDdl(*movement5)) == 2);
}

TEST_CASE("a position is one value: latitude, longitude and accuracy, canonical, in range", "[core][schema]")
{
    const schema::Field* location = schema::entity("account")->field("location");
    REQUIRE(location);
    CHECK(location->type == schema::FieldType::GeoPoint);
    const auto ok = [&](const std::string& typed) {
        auto v = schema::validateField(*location, Value{typed});
        REQUIRE(v.ok());
        return std::get<std::string>(*v);
    };
    // Six decimals (about 0.1 m), whole metres, spaces dropped; the accuracy may be unknown.
    CHECK(ok("31.2304161, 121.4737012, 24.6") == "31.230416,121.473701,25");
    CHECK(ok("31.2304,121.4737") == "31.230400,121.473700,");
    CHECK(ok("-33.8688,151.2093,5") == "-33.868800,151.209300,5");
    CHECK(ok("-0.0000001,0,3") == "0.000000,0.000000,3");                     // one text for one place
    CHECK(ok(ok("31.2304161,121.4737012,25")) == "31.230416,121.473701,25");  // stable

    for (const std::string bad :
         {"31.23", "91,121", "31,181", "31,121,-5", "abc,def", "31,121,5,6", "31,,5", "nan,121", "31,inf"}) {
        auto v = schema::validateField(*location, Value{bad});
        INFO(bad);
        REQUIRE_FALSE(v.ok());
        CHECK(v.error().code == ErrorCode::BadFormat);
        CHECK(v.error().field == "location");
    }
    CHECK_FALSE(schema::validateField(*location, Value{std::int64_t{31}}).ok());
    CHECK(schema::validateField(*location, Value{}).ok());  // no position recorded
}

TEST_CASE("an attachment names its bytes by their SHA-256 and nothing else", "[core][schema]")
{
    const schema::Field* blob = schema::entity("attachment")->field("blob");
    REQUIRE(blob);
    CHECK(blob->type == schema::FieldType::Blob);
    const std::string digest = blobs::digestOf("\xff\xd8\xff\xe0 jpeg\xff\xd9");
    auto ok = schema::validateField(*blob, digest);
    REQUIRE(ok.ok());
    CHECK(std::get<std::string>(*ok) == digest);
    // Upper case, one digit short, one too many, not hex, the bytes themselves, a number.
    std::string upper = digest;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& bad : {upper, digest.substr(1), digest + "0", std::string(64, 'g'),
                                   std::string("\xff\xd8\xff\xe0 jpeg\xff\xd9")})
        CHECK(schema::validateField(*blob, bad).error().code == ErrorCode::BadFormat);
    CHECK(schema::validateField(*blob, std::int64_t{7}).error().code == ErrorCode::BadFormat);
    // Its size is said with it, within the limit of an attachment.
    const schema::Field* size = schema::entity("attachment")->field("size");
    REQUIRE(size);
    CHECK(schema::validateField(*size, std::int64_t{0}).error().code == ErrorCode::OutOfRange);
    CHECK(schema::validateField(*size, blobs::kMaxBytes + 1).error().code == ErrorCode::OutOfRange);
    CHECK(schema::validateField(*size, blobs::kMaxBytes).ok());
}
