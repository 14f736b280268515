#pragma once
// The JSON shapes `status --json` and `verify --json` print (docs/cli.md).
#include <nlohmann/json.hpp>

#include "hw/cert/verdict.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/base/i18n.h"

namespace eimza::cli {

std::string iso8601(hw::SystemTime time);
nlohmann::json token_to_json(const hw::TokenSnapshot& snapshot);
// Merges the verdict's fields into out (verdict, recommended_process,
// holder, certificates[] with their checks and paths, reasons in both
// languages). now: for the ages of the revocation answers.
void add_verdict(nlohmann::json& out, const hw::Verdict& verdict, const Texts& texts, hw::SystemTime now);
// One certificate's lines of the text output (cert, its path, revocation).
void print_certificate(const hw::CertificateVerdict& cert, const Texts& texts);

}  // namespace eimza::cli
