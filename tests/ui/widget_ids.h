#pragma once
// Finding a widget the way the tests and the typing robot tap it.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <vector>

namespace eimza::testing {

// The ImGui ids a widget named id has in the named window and in the
// windows inside it (a scrolling region): one of them is the widget, as the
// last frame drew it.
inline std::vector<ImGuiID> widget_ids(const char* window, const char* id) {
    std::vector<ImGuiID> ids;
    for (ImGuiWindow* w : GImGui->Windows)
        if (w->RootWindow && std::strcmp(w->RootWindow->Name, window) == 0) ids.push_back(w->GetID(id));
    return ids;
}

}  // namespace eimza::testing
