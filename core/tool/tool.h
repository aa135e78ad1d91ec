// The commands of fieldbook-tool, a command line for device databases: fill one with demo
// data, search it as the app's account list does, show an account with its key persons and
// history, change one field of an account (through the outbox, as the app does; support and
// scripted tests use it) and check a database's integrity. Single-threaded; output is UTF-8.
//
// Exit codes: 0 success, 1 the command ran but failed or found problems, 2 bad usage.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace fb::tool {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

// Runs the tool on process arguments (argv[0] is the program name), printing to
// stdout/stderr.
int run(int argc, char** argv);

// Runs the tool on arguments without the program name; `out` gets results, `err` errors.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fb::tool
