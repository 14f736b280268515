#pragma once
// Subcommands of eimza-kiosk. Each takes the arguments after its name and
// returns the process exit code. Exit code 2 always means a usage or
// configuration error.
#include <string>
#include <vector>

namespace eimza::cli {

using Args = std::vector<std::string>;

int status(const Args& args);         // kiosk/cli/status.cpp         (token snapshot + verdict)
int verify(const Args& args);         // kiosk/cli/verify.cpp         (verdict on certificate files)
int check_content(const Args& args);  // kiosk/cli/check_content.cpp  (validate assets/content)
int print(const Args& args);          // kiosk/cli/print.cpp          (documents -> PDF/CUPS)
int allowed_hosts(const Args& args);  // kiosk/cli/allowed_hosts.cpp  (hosts for the image firewall)
int check_config(const Args& args);   // kiosk/cli/check_config.cpp   (validate a configuration file)
int admin_pin_hash(const Args& args); // kiosk/cli/admin_pin_hash.cpp (admin.pin_hash for the configuration)
int content_sign(const Args& args);   // kiosk/cli/content_bundle.cpp (sign a content directory for IT)
int content_verify(const Args& args); // kiosk/cli/content_bundle.cpp (check a signed bundle)
int content_update(const Args& args); // kiosk/cli/content_bundle.cpp (fetch and install, for the timer)
int provision(const Args& args);      // kiosk/cli/provision.cpp      (site configuration into a disk image)

}  // namespace eimza::cli
