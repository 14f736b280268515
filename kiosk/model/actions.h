#pragma once
// What a person can ask for on screen. Screens return these; update() turns
// them into the next State.
#include <cstddef>
#include <string>
#include <variant>

#include "kiosk/base/i18n.h"

namespace eimza {

struct SetLanguage { Lang lang; };
struct GoHome {};
struct RevealTckn {};      // the person explicitly shows their full TCKN
struct StayActive {};      // "I'm still here" on the idle countdown
struct ToggleGuide {};     // the voice guide on or off
struct NextDisplayMode {}; // normal -> large text -> high contrast -> normal
struct DemoInsertCard { std::string profile; };  // demo panel only
struct DemoRemoveCard {};
struct ShowProcesses {};                   // the list of every process
struct OpenProcess { std::string id; };
struct ProcessNext {};                     // continue a plain step
struct ProcessAnswer { std::size_t index; };  // pick an answer of a question
struct ProcessBack {};                     // one step back (or out of the process)

struct OpenDetails {};                     // the personal-details form
struct FocusField { int field; };
struct TypeText { std::string text; };      // from the on-screen keyboard
struct EraseChar {};
struct ToggleShift {};
struct ShowFormProblems {};                // mark every missing or wrong field, go to the first
struct CloseDetails {};                    // back to the process step
struct PrintDocuments {};                  // print this process's papers (again, after a fault)

// What IT can ask of the admin screen; each ends with fresh diagnostics.
enum class AdminTask { refresh_diagnostics, print_test_page, reload_content, refresh_crls, clear_crls };

struct OpenAdmin {};                       // the hidden corner of Home was held long enough
struct AdminKey { char digit; };           // admin PIN keypad
struct AdminErase {};
struct AdminSubmit {};
struct AdminRun { AdminTask task; };
struct AdminRestart {};                    // restart the app

using Action = std::variant<SetLanguage, GoHome, RevealTckn, StayActive, ToggleGuide, NextDisplayMode, DemoInsertCard, DemoRemoveCard, ShowProcesses,
                            OpenProcess, ProcessNext, ProcessAnswer, ProcessBack, OpenDetails, FocusField, TypeText,
                            EraseChar, ToggleShift, ShowFormProblems, CloseDetails, PrintDocuments, OpenAdmin, AdminKey, AdminErase,
                            AdminSubmit, AdminRun, AdminRestart>;

}  // namespace eimza
