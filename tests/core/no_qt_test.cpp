// The core stays portable C++: no file under core/ may include a Qt header.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

TEST_CASE("nothing in core includes a Qt header", "[core][layering]")
{
    const std::regex qtInclude(R"(#\s*include\s*[<"]Q[A-Za-z]|#\s*include\s*[<"]Qt)");
    int files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::string(FB_SOURCE_DIR) + "/core")) {
        const auto ext = entry.path().extension();
        if (ext != ".h" && ext != ".cpp") continue;
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            INFO(entry.path().string() << ": " << line);
            CHECK_FALSE(std::regex_search(line, qtInclude));
        }
    }
    CHECK(files > 10);
}
