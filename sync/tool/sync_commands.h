// The commands fieldbook-tool gains where the sync engine is available (a Qt build):
//   sync  --db FILE [--server URL --login L --password-file F] [--device-name N] [--page-size N]
//         [--timeout-ms N]
//     the app's sync engine without the GUI: signs in when a login is given, pushes the
//     outbox and pulls, printing progress on stderr and a JSON summary on stdout;
//   check's remote part: the database's scope digest against the server's (POST
//     /v1/sync/digest), with what is still waiting in the outbox.
// For support staff, scripts and the real-binary fault suite. Needs a QCoreApplication.
#pragma once

#include "tool.h"

namespace fb::synctool {

tool::Extensions extensions();

}  // namespace fb::synctool
