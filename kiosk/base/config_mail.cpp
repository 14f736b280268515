#include "kiosk/base/config_mail.h"

#include "kiosk/content/content.h"

namespace eimza {

void parse_mail_section(const YAML::Node& node, hw::SmtpConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"enabled", "smtp_url", "from", "require_tls", "timeout_seconds"}, "mail", problems);
    read_bool(node, "enabled", out.enabled, problems);
    read_string(node, "smtp_url", out.url, problems);
    read_string(node, "from", out.from, problems);
    read_bool(node, "require_tls", out.require_tls, problems);
    int timeout = static_cast<int>(out.timeout.count());
    if (read_int(node, "timeout_seconds", timeout, 5, 120, problems)) out.timeout = std::chrono::seconds(timeout);
    if (!out.url.empty() && out.url.rfind("smtp://", 0) != 0 && out.url.rfind("smtps://", 0) != 0)
        problems.push_back({node["smtp_url"].Mark().line + 1, "mail.smtp_url must start with smtp:// or smtps://"});
    if (!out.from.empty() && !content::email_valid(out.from))
        problems.push_back({node["from"].Mark().line + 1, "mail.from is not an e-mail address"});
    if (out.enabled && (out.url.empty() || out.from.empty())) {
        problems.push_back({node.Mark().line + 1, "mail is enabled but smtp_url or from is missing"});
        out.enabled = false;
    }
}

}  // namespace eimza
