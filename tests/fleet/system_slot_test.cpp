#include <catch2/catch.hpp>

#include "kiosk/fleet/system_slot.h"

using namespace eimza::fleet;

TEST_CASE("the running slot comes from rauc.slot= on the kernel command line") {
    CHECK(slot_from_cmdline("root=PARTUUID=x rauc.slot=B ro quiet\n") == "B");
    CHECK(slot_from_cmdline("rauc.slot=A") == "A");
    CHECK(slot_from_cmdline("root=/dev/vda2 ro") == "");
    CHECK(slot_from_cmdline("xrauc.slot=A rauc.slot=C") == "");
}

TEST_CASE("the system update status file: key=value lines written by eimza-system-status") {
    const auto status = parse_system_update_status(
        "result=rolled_back\nversion=0.2.0\nmessage=slot A did not come up healthy within its boot tries; back on slot B\n"
        "slot=A\ntime=1700000000\n");
    REQUIRE(status);
    CHECK(status->result == "rolled_back");
    CHECK(status->version == "0.2.0");
    CHECK(status->slot == "A");
    CHECK(status->message.find("back on slot B") != std::string::npos);
    CHECK(status->when == std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)));
    CHECK(needs_attention(*status));
    CHECK_FALSE(needs_attention(*parse_system_update_status("result=good\n")));
    CHECK_FALSE(parse_system_update_status(""));
    CHECK_FALSE(parse_system_update_status("version=1\n"));
    CHECK(parse_system_update_status("result=installed\ntime=garbage\n")->when == std::chrono::system_clock::time_point{});
}
