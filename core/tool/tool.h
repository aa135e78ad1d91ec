// The commands of fieldbook-tool, a command line for device databases: fill one with demo
// data, search it as the app's account list does, show an account with its key persons and
// history, change one field of an account (through the outbox, as the app does; support and
// scripted tests use it) and check a database's integrity. Single-threaded; output is UTF-8.
//
// Exit codes: 0 success, 1 the command ran but failed or found problems, 2 bad usage.
#pragma once

#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fb::tool {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

using Options = std::map<std::string, std::string, std::less<>>;  // "--db" -> "file"
using Flags = std::set<std::string, std::less<>>;                 // "--offline"

// A command that a layer above the core adds (the sync commands need Qt and the network);
// the executable's main wires it in. The core parses its options like its own.
struct Command {
    std::string name;
    std::string usage;                      // its lines for --help
    std::vector<std::string> valueOptions;  // options taking a value ("--db" among them)
    std::vector<std::string> flags;
    std::function<int(const Options& options, const Flags& flags, std::ostream& out, std::ostream& err)> run;
};

// One line of the check report: ok or a problem, what was checked, what was found.
using ReportLine = std::function<void(bool ok, std::string_view what, const std::string& detail)>;

struct Extensions {
    std::vector<Command> commands;
    // Called at the end of `check` (unless --offline): compares the database with its server.
    std::function<void(const std::string& dbPath, const ReportLine& line)> remoteCheck;
};

// Runs the tool on process arguments (argv[0] is the program name), printing to
// stdout/stderr.
int run(int argc, char** argv, const Extensions& extensions = {});

// Runs the tool on arguments without the program name; `out` gets results, `err` errors.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Extensions& extensions = {});

}  // namespace fb::tool
